import { useState, type FormEvent } from 'react';
import { HubError, ReportLeadDocument, type IntakeChannel, type Industry, type ReportLeadInput } from '../../../client';
import { hub, problem, type Me } from '../api';
import { go } from '../hooks';
import { CHANNEL, INDUSTRY, INTAKE_FIELD, entries } from '../labels';

type Form = Record<
  | 'regionCode' | 'employerName' | 'employerCreditCode' | 'projectName' | 'generalContractorName' | 'workerCount' | 'amountOwed'
  | 'wagePeriodStart' | 'wagePeriodEnd' | 'description' | 'complainantName' | 'idNumber' | 'phone',
  string
> & { channel: IntakeChannel; industry: Industry };

const optional = (v: string) => (v.trim() ? v.trim() : undefined);

function toInput(f: Form): ReportLeadInput {
  const count = Number(f.workerCount);
  return {
    channel: f.channel,
    industry: f.industry,
    regionCode: f.regionCode.trim(),
    employerName: f.employerName,
    employerCreditCode: optional(f.employerCreditCode),
    projectName: optional(f.projectName),
    generalContractorName: optional(f.generalContractorName),
    // The API checks every value and names each bad field; the form only keeps the types right.
    workerCount: Number.isInteger(count) ? count : 0,
    amountOwed: f.amountOwed.trim(),
    wagePeriodStart: optional(f.wagePeriodStart),
    wagePeriodEnd: optional(f.wagePeriodEnd),
    description: f.description,
    complainants: f.complainantName.trim() ? [{ name: f.complainantName, idNumber: optional(f.idNumber), phone: optional(f.phone) }] : [],
  };
}

/** Each form field and the API field whose refusal shows under it. */
const API_FIELD: Partial<Record<keyof Form, string>> = {
  complainantName: 'complainants[0].name',
  idNumber: 'complainants[0].idNumber',
  phone: 'complainants[0].phone',
};

export function Intake({ me }: { me: Me }) {
  const [form, setForm] = useState<Form>({
    channel: 'HOTLINE', industry: 'CONSTRUCTION', regionCode: me.region, employerName: '', employerCreditCode: '', projectName: '',
    generalContractorName: '', workerCount: '', amountOwed: '', wagePeriodStart: '', wagePeriodEnd: '', description: '',
    complainantName: '', idNumber: '', phone: '',
  });
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = (k: keyof Form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const { reportLead } = await hub.request(ReportLeadDocument, { input: toInput(form) });
      go(`/leads/${encodeURIComponent(reportLead.id)}`);
    } catch (err) {
      const fields = err instanceof HubError ? err.invalidFields : [];
      setInvalid(Object.fromEntries(fields.map((f) => [f.field, f.message])));
      setFailure(fields.length ? `有 ${fields.length} 处需要更正：${fields.map((f) => INTAKE_FIELD[f.field] ?? f.field).join('、')}` : problem(err));
      // Take keyboard users to the first field to correct.
      const first = fields[0] && document.querySelector<HTMLElement>(`[data-field="${CSS.escape(fields[0].field)}"]`);
      first?.focus();
    } finally {
      setBusy(false);
    }
  };

  const field = (k: keyof Form, label: string, o: { type?: string; required?: boolean; inputMode?: 'numeric' | 'decimal'; hint?: string; area?: boolean } = {}) => {
    const api = API_FIELD[k] ?? k;
    const error = invalid[api];
    const id = `in-${k}`;
    const described = [o.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
    const props = {
      id,
      'data-field': api,
      value: form[k],
      onChange: set(k),
      required: o.required,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': described,
    };
    return (
      <div className="field">
        <label htmlFor={id}>{label}{o.required && <span aria-hidden="true"> *</span>}</label>
        {o.area ? <textarea {...props} rows={3} /> : <input {...props} type={o.type ?? 'text'} inputMode={o.inputMode} />}
        {o.hint && <p id={`${id}-hint`} className="help">{o.hint}</p>}
        {/* The API's message names the field itself (zh-CN, lib/i18n/labels.ts). */}
        {error && <p id={`${id}-error`} className="field-error">{error}</p>}
      </div>
    );
  };

  return (
    <>
      <h1 tabIndex={-1}>登记欠薪线索</h1>
      {failure && <p role="alert" className="error">{failure}</p>}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset>
          <legend>受理信息</legend>
          <div className="row">
            <div className="field">
              <label htmlFor="in-channel">受理渠道</label>
              <select id="in-channel" data-field="channel" value={form.channel} onChange={set('channel')}>
                {entries(CHANNEL).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
              </select>
            </div>
            {field('regionCode', '地区代码', { required: true, inputMode: 'numeric', hint: '6 位行政区划代码（GB/T 2260），须在本单位辖区内' })}
          </div>
        </fieldset>
        <fieldset>
          <legend>用人单位</legend>
          <div className="row">
            {field('employerName', '企业名称', { required: true })}
            {field('employerCreditCode', '统一社会信用代码', { hint: '18 位，校验位会被核验；没有可不填' })}
          </div>
          <div className="row">
            <div className="field">
              <label htmlFor="in-industry">所属行业</label>
              <select id="in-industry" data-field="industry" value={form.industry} onChange={set('industry')}>
                {entries(INDUSTRY).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
              </select>
            </div>
            {field('projectName', '项目名称')}
            {field('generalContractorName', '施工总承包单位')}
          </div>
        </fieldset>
        <fieldset>
          <legend>欠薪情况</legend>
          <div className="row">
            {field('workerCount', '欠薪涉及人数（人）', { required: true, inputMode: 'numeric', hint: '50 人以上为群体性欠薪，将报送省级' })}
            {field('amountOwed', '欠薪金额（元）', { required: true, inputMode: 'decimal', hint: '如 89195.00，最多两位小数' })}
          </div>
          <div className="row">
            {field('wagePeriodStart', '欠薪起始日期', { type: 'date' })}
            {field('wagePeriodEnd', '欠薪截止日期', { type: 'date' })}
          </div>
          {field('description', '情况描述', { required: true, area: true })}
        </fieldset>
        <fieldset>
          <legend>投诉人（个人信息仅办理单位可见）</legend>
          <div className="row">
            {field('complainantName', '投诉人姓名')}
            {field('idNumber', '身份证号码')}
            {field('phone', '联系电话', { type: 'tel' })}
          </div>
        </fieldset>
        <button type="submit" disabled={busy}>{busy ? '正在提交…' : '提交登记'}</button>
      </form>
    </>
  );
}
