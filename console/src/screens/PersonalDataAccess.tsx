import { useState, type FormEvent } from 'react';
import { PersonalDataAccessBySubjectDocument, type PersonalDataAccessBySubjectQuery } from '../../../client';
import { hub } from '../api';
import { useSubmit, type Act } from '../form';
import { AGENCY, PERSONAL_DATA_FIELD, PERSONAL_DATA_VIA, when } from '../labels';

type Access = PersonalDataAccessBySubjectQuery['personalDataAccessBySubject'][number];

/**
 * 个人信息查阅记录 (supervisors): who was shown one person's unmasked ID number or phone, or a file
 * holding their personal data, on leads in the jurisdiction — for a complainant who asks. The
 * look-up itself goes on the record.
 */
export function PersonalDataAccess() {
  const [idNumber, setIdNumber] = useState('');
  const [rows, setRows] = useState<Access[]>();
  const [said, setSaid] = useState<string>();
  const act: Act = async (_done, run) => {
    try {
      await run();
      return { ok: true };
    } catch (error) {
      setSaid(undefined);
      setRows(undefined);
      return { ok: false, error };
    }
  };
  const form = useSubmit(act, { idNumber: 'pda-id' });

  const lookUp = async (e: FormEvent) => {
    e.preventDefault();
    let found: Access[] = [];
    const done = await form.submit('', async () => {
      found = (await hub.request(PersonalDataAccessBySubjectDocument, { idNumber })).personalDataAccessBySubject;
    });
    if (!done) return;
    setRows(found);
    setSaid(found.length ? `共 ${found.length} 条查阅记录（最新在前）。本次查询也已记录在案。` : '没有查阅记录：本辖区内无人查看过此人完整的个人信息。本次查询也已记录在案。');
  };

  return (
    <>
      <h1 tabIndex={-1}>个人信息查阅记录</h1>
      <p className="help">投诉人要求了解谁查看过其个人信息时使用：按身份证号码查询本辖区线索中谁看到过此人完整的身份证号码、电话或含个人信息的证据材料。</p>
      <form className="box" onSubmit={(e) => void lookUp(e)} aria-label="按身份证号码查询">
        <div className="field">
          <label htmlFor="pda-id">投诉人身份证号码</label>
          <input {...form.control('idNumber')} value={idNumber} onChange={(e) => setIdNumber(e.target.value)} required autoComplete="off" aria-describedby={form.control('idNumber')['aria-describedby'] ?? 'pda-id-hint'} />
          <p id="pda-id-hint" className="help">18 位，完整输入</p>
          {form.fieldError('idNumber')}
        </div>
        {form.refusal}
        <button type="submit">查询</button>
      </form>
      <p role="status">{said}</p>
      {rows && rows.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="个人信息查阅记录表">
          <table>
            <thead>
              <tr>
                <th scope="col">查阅时间</th>
                <th scope="col">线索</th>
                <th scope="col">查阅人</th>
                <th scope="col">看到的内容</th>
                <th scope="col">途径</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={`${r.at}-${i}`}>
                  <td><time dateTime={r.at}>{when(r.at)}</time></td>
                  <td><a href={`#/leads/${encodeURIComponent(r.leadId)}`}>{r.leadReferenceNo}</a>{r.complainant != null ? `（第 ${r.complainant} 位投诉人）` : ''}</td>
                  <td>{r.viewerName}（{AGENCY[r.viewerAgency]}）</td>
                  <td>{r.fields.map((f) => PERSONAL_DATA_FIELD[f]).join('、')}</td>
                  <td>{PERSONAL_DATA_VIA[r.via] ?? '通过接口查询'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
