import { useState, type FormEvent } from 'react';
import { EmployerWatchListDocument } from '../../../client';
import { hub } from '../api';
import { useLoad } from '../hooks';
import { WATCH_RISK, WATCH_SIGNAL, yuan } from '../labels';

/** 重点监控用人单位: employers among the visible leads, riskiest first (the API ranks them). */
export function SupervisionWatchList() {
  const [regionCode, setRegionCode] = useState('');
  const [applied, setApplied] = useState('');
  const { data, error, loading } = useLoad(() => hub.request(EmployerWatchListDocument, { regionCode: applied || null }), [applied]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApplied(regionCode.trim());
  };
  const list = data?.employerWatchList ?? [];
  return (
    <>
      <h1 tabIndex={-1}>重点监控用人单位</h1>
      <p className="help">显性风险（调解协议、限期支付令或分期付款逾期未履行，或已列入失信联合惩戒名单）排在隐性风险（多次被投诉、群体性欠薪）之前。</p>
      <form className="filters" onSubmit={submit}>
        <div className="field">
          <label htmlFor="watch-region">地区代码</label>
          <input id="watch-region" inputMode="numeric" value={regionCode} onChange={(e) => setRegionCode(e.target.value)} placeholder="如 140400，不填为本辖区" />
        </div>
        <div className="field">
          <button type="submit">筛选</button>
        </div>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
      {loading && !data && <p>正在加载…</p>}
      {data && <p role="status">共 {list.length} 家用人单位</p>}
      {list.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="重点监控用人单位表">
          <table>
            <thead>
              <tr>
                <th scope="col">排名</th>
                <th scope="col">用人单位</th>
                <th scope="col">风险</th>
                <th scope="col">风险分值</th>
                <th scope="col">线索数</th>
                <th scope="col">未办结</th>
                <th scope="col">风险信号</th>
              </tr>
            </thead>
            <tbody>
              {list.map((e) => (
                <tr key={e.employer.id}>
                  <td>{e.rank}</td>
                  <td>
                    {e.employer.name}
                    {e.employer.creditCode && <span className="state">{e.employer.creditCode}</span>}
                  </td>
                  <td className={e.risk === 'EXPLICIT' ? 'overdue' : undefined}>{WATCH_RISK[e.risk]}</td>
                  <td>{e.score}</td>
                  <td>{e.leads}</td>
                  <td>{e.openLeads}</td>
                  <td>
                    <ul className="signals">
                      {e.signals.map((s) => (
                        <li key={s.kind}>
                          {WATCH_SIGNAL[s.kind]}：{s.count}{s.amountOutstanding && `，未付 ${yuan(s.amountOutstanding)}`}{s.kind === 'BLACKLISTED' && e.blacklistedUntil && `，至 ${e.blacklistedUntil.replace(/-/g, '/')}`}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
