import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  HubError,
  PossibleDuplicatesOfDocument,
  ReportLeadDocument,
  type IntakeChannel,
  type Industry,
  type PossibleDuplicatesOfQuery,
  type ReportLeadInput,
} from '../../../client';
import { fieldLabel } from '../../../lib/i18n/labels';
import { hub, problem, type Me } from '../api';
import { goWithNotice } from '../hooks';
import { useRegionsWithin } from '../regions';
import { CHANNEL, INDUSTRY, entries, when, yuan } from '../labels';

type Text = 'regionCode' | 'receivedAt' | 'employerName' | 'employerCreditCode' | 'projectName' | 'generalContractorName' | 'workerCount' | 'amountOwed' | 'wagePeriodStart' | 'wagePeriodEnd' | 'description';
type Form = Record<Text, string> & { channel: IntakeChannel; industry: Industry };
interface Complainant {
  /** Stable across removals, so React keeps each row's inputs. */
  key: number;
  name: string;
  idNumber: string;
  phone: string;
}
type Duplicate = PossibleDuplicatesOfQuery['possibleDuplicatesOf'][number];

const optional = (v: string) => (v.trim() ? v.trim() : undefined);

/** A datetime-local value is Beijing time, as staff read the clock on the wall. */
const beijing = (local: string) => (local ? `${local.length === 16 ? `${local}:00` : local}+08:00` : undefined);

function toInput(f: Form, complainants: Complainant[]): ReportLeadInput {
  const count = Number(f.workerCount);
  return {
    channel: f.channel,
    industry: f.industry,
    receivedAt: beijing(f.receivedAt),
    regionCode: f.regionCode,
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
    // A row left wholly empty is no complainant; a row with only an ID or phone is sent, so the API names its missing name.
    complainants: complainants
      .filter((c) => c.name.trim() || c.idNumber.trim() || c.phone.trim())
      .map((c) => ({ name: c.name, idNumber: optional(c.idNumber), phone: optional(c.phone) })),
  };
}

/** The same arrears already registered, looked up while the form is filled in (after a pause in typing). */
function usePossibleDuplicates(f: Form): Duplicate[] {
  const [found, setFound] = useState<Duplicate[]>([]);
  const { regionCode, employerName, employerCreditCode, projectName, wagePeriodStart, wagePeriodEnd } = f;
  useEffect(() => {
    if (!regionCode || !employerName.trim()) {
      setFound([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      hub
        .request(PossibleDuplicatesOfDocument, {
          draft: { regionCode, employerName, employerCreditCode: optional(employerCreditCode), projectName: optional(projectName), wagePeriodStart: optional(wagePeriodStart), wagePeriodEnd: optional(wagePeriodEnd) },
        })
        .then((r) => live && setFound(r.possibleDuplicatesOf))
        // A half-typed date or code is not worth a message: the check runs again on the next change, and saving checks everything.
        .catch(() => live && setFound([]));
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [regionCode, employerName, employerCreditCode, projectName, wagePeriodStart, wagePeriodEnd]);
  return found;
}

export function Intake({ me }: { me: Me }) {
  const regions = useRegionsWithin(me.region);
  const [form, setForm] = useState<Form>({
    channel: 'HOTLINE', industry: 'CONSTRUCTION', regionCode: '', receivedAt: '', employerName: '', employerCreditCode: '', projectName: '',
    generalContractorName: '', workerCount: '', amountOwed: '', wagePeriodStart: '', wagePeriodEnd: '', description: '',
  });
  const nextKey = useRef(1);
  const [complainants, setComplainants] = useState<Complainant[]>([{ key: 0, name: '', idNumber: '', phone: '' }]);
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const duplicates = usePossibleDuplicates(form);
  const summary = useRef<HTMLParagraphElement>(null);
  const set = (k: keyof Form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  // A unit whose jurisdiction is one county has one region to choose: chosen for them.
  useEffect(() => {
    if (regions?.length === 1 && !form.regionCode) setForm((f) => ({ ...f, regionCode: regions[0].code }));
  }, [regions]);

  const setComplainant = (key: number, part: 'name' | 'idNumber' | 'phone', value: string) =>
    setComplainants((list) => list.map((c) => (c.key === key ? { ...c, [part]: value } : c)));
  const addComplainant = () => {
    const key = nextKey.current++;
    setComplainants((list) => [...list, { key, name: '', idNumber: '', phone: '' }]);
    // The new row's name field, for keyboard users.
    setTimeout(() => document.getElementById(`in-c${key}-name`)?.focus());
  };
  const removeComplainant = (key: number) => {
    setComplainants((list) => list.filter((c) => c.key !== key));
    setInvalid({});
    setTimeout(() => document.getElementById('in-add-complainant')?.focus());
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const { reportLead } = await hub.request(ReportLeadDocument, { input: toInput(form, complainants) });
      const next = reportLead.isMassCase ? '已登记为群体性欠薪，将报送省级。' : '';
      goWithNotice(`/leads/${encodeURIComponent(reportLead.id)}`, `已登记线索 ${reportLead.referenceNo}。${next}下一步：本单位办理，或移送有关单位。`);
    } catch (err) {
      const fields = err instanceof HubError ? err.invalidFields : [];
      setInvalid(Object.fromEntries(fields.map((f) => [f.field.replace(/^input\./, ''), f.message])));
      setFailure(fields.length ? `有 ${fields.length} 处需要更正：${fields.map((f) => fieldLabel(f.field, 'zh')).join('、')}` : problem(err));
      // Take keyboard users to the first field to correct, or to the message.
      const first = fields[0] && document.querySelector<HTMLElement>(`[data-field="${CSS.escape(fields[0].field.replace(/^input\./, ''))}"]`);
      setTimeout(() => (first ?? summary.current)?.focus());
    } finally {
      setBusy(false);
    }
  };

  /** The attributes every control shares: its API field (refusals land here), marked when bad. */
  const bound = (id: string, api: string, hint?: boolean) => {
    const error = invalid[api];
    return {
      id,
      'data-field': api,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined,
    };
  };
  const errorOf = (id: string, api: string) => (invalid[api] ? <p id={`${id}-error`} className="field-error">{invalid[api]}</p> : null);

  const field = (k: Text, label: string, o: { type?: string; required?: boolean; inputMode?: 'numeric' | 'decimal'; hint?: string; area?: boolean; max?: string } = {}) => {
    const id = `in-${k}`;
    const props = { ...bound(id, k, !!o.hint), value: form[k], onChange: set(k), required: o.required };
    return (
      <div className="field">
        <label htmlFor={id}>{label}{o.required && <span aria-hidden="true"> *</span>}</label>
        {o.area ? <textarea {...props} rows={3} /> : <input {...props} type={o.type ?? 'text'} inputMode={o.inputMode} max={o.max} />}
        {o.hint && <p id={`${id}-hint`} className="help">{o.hint}</p>}
        {/* The API's message names the field itself (zh-CN, lib/i18n/labels.ts). */}
        {errorOf(id, k)}
      </div>
    );
  };

  const current = regions?.filter((r) => !r.former) ?? [];
  const former = regions?.filter((r) => r.former) ?? [];

  return (
    <>
      <h1 tabIndex={-1}>登记欠薪线索</h1>
      {failure && <p role="alert" className="error" tabIndex={-1} ref={summary}>{failure}</p>}
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
            {field('receivedAt', '受理时间', { type: 'datetime-local', hint: '来信、来访等早先收到的，填写实际收到的时间（北京时间）；不填即为现在' })}
          </div>
          <div className="field">
            <label htmlFor="in-regionCode">欠薪发生地区<span aria-hidden="true"> *</span></label>
            <select {...bound('in-regionCode', 'regionCode', true)} value={form.regionCode} onChange={set('regionCode')} required disabled={!regions}>
              {!regions && <option value="">正在加载地区…</option>}
              {regions && regions.length !== 1 && <option value="">请选择</option>}
              {current.length > 0 && (
                <optgroup label="现行区划">
                  {current.map((r) => <option key={r.code} value={r.code}>{r.label}</option>)}
                </optgroup>
              )}
              {former.length > 0 && (
                <optgroup label="已撤销或变更的区划（旧代码）">
                  {former.map((r) => <option key={r.code} value={r.code}>{r.label}</option>)}
                </optgroup>
              )}
            </select>
            <p id="in-regionCode-hint" className="help">本单位辖区内的行政区划（GB/T 2260）；欠薪发生在区划调整前的，可选旧代码</p>
            {errorOf('in-regionCode', 'regionCode')}
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
        <section aria-live="polite" aria-label="可能重复的线索">
          {duplicates.length > 0 && (
            <div className="warning">
              <p>已有 {duplicates.length} 条线索可能是同一欠薪（同一地区、同一用人单位、同一项目、欠薪期间重叠）。请先核对：确为同一欠薪的，到原线索办理即可，不必重复登记。</p>
              <ul>
                {duplicates.map((d) => (
                  <li key={d.id}>
                    {/* A new tab, so what has been typed here is kept. */}
                    <a href={`#/leads/${encodeURIComponent(d.id)}`} target="_blank">{d.referenceNo}</a>
                    {`：${d.employer.name}${d.projectName ? `，${d.projectName}` : ''}，${when(d.receivedAt)} 受理，${d.workerCount} 人，${yuan(d.amountOwed)}`}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
        <fieldset>
          <legend>投诉人（个人信息仅办理单位可见）</legend>
          {complainants.map((c, i) => {
            const n = i + 1;
            const id = (part: string) => `in-c${c.key}-${part}`;
            const api = (part: string) => `complainants[${i}].${part}`;
            const input = (part: 'name' | 'idNumber' | 'phone', label: string, type = 'text') => (
              <div className="field">
                <label htmlFor={id(part)}>{complainants.length > 1 ? `第${n}位投诉人${label}` : `投诉人${label}`}</label>
                <input {...bound(id(part), api(part))} type={type} value={c[part]} onChange={(e) => setComplainant(c.key, part, e.target.value)} />
                {errorOf(id(part), api(part))}
              </div>
            );
            return (
              <div className="row complainant" key={c.key}>
                {input('name', '姓名')}
                {input('idNumber', '身份证号码')}
                {input('phone', '联系电话', 'tel')}
                {complainants.length > 1 && (
                  <div className="field">
                    <button type="button" className="secondary" onClick={() => removeComplainant(c.key)}>删除第{n}位投诉人</button>
                  </div>
                )}
              </div>
            );
          })}
          <button type="button" id="in-add-complainant" className="secondary" onClick={addComplainant}>添加投诉人</button>
        </fieldset>
        <button type="submit" disabled={busy}>{busy ? '正在提交…' : '提交登记'}</button>
      </form>
    </>
  );
}
