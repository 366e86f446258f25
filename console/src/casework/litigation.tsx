import { useState, type FormEvent } from 'react';
import {
  ApplyForEnforcementDocument,
  DecideSupportDocument,
  LitigationCaseworkDocument,
  RecordCourtFilingDocument,
  RecordCourtOutcomeDocument,
  RecordHearingResultDocument,
  RecordInstallmentPaymentDocument,
  RecordSupportLetterDocument,
  ScheduleHearingDocument,
  type CourtOutcomeKind,
  type LitigationCaseworkQuery,
} from '../../../client';
import { handlesLead, mayDo } from '../../../lib/vocabulary';
import { hub, type Me } from '../api';
import { Box, ChoiceField, ConfirmSubmit, WhenField, occurredAt, useSubmit, type Act } from '../form';
import { useLoad } from '../hooks';
import { COURT_OUTCOME_KIND, SUPPORT_DECISION, day, yuan } from '../labels';

type Support = NonNullable<NonNullable<LitigationCaseworkQuery['lead']>['support']>;
type Hearing = Support['hearings'][number];
type Installment = Support['installments'][number];

const typed = (s: string) => s.trim();
/** Today in Shanghai as YYYY-MM-DD: a hearing's result is offered once its day has come. */
const shanghaiToday = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());

/**
 * The procuratorate's support to sue (支持起诉) and the lawsuit it supports, on one lead: the
 * decision, the letter, the filing, hearings, the outcome with its installments, payments and
 * enforcement. The court records the court's acts on its own case. The API still decides.
 */
export function LitigationCasework({ leadId, me, act }: { leadId: string; me: Me; act: Act }) {
  const casework = useLoad(() => hub.request(LitigationCaseworkDocument, { id: leadId }), [leadId]);
  const here: Act = (done, run) =>
    act(done, async () => {
      const answer = await run();
      await casework.refresh();
      return answer;
    });

  const lead = casework.data?.lead;
  if (casework.error) return <p role="alert" className="error">{casework.error}</p>;
  const s = lead?.support;
  if (!lead || !s) return null;
  const handling = mayDo(me.roles, 'handle');
  const ownCase = me.agency === 'PROCURATORATE' ? s : lead.court;
  const supported = !!s.decision?.supported;
  const courtActs = handling && supported && !!ownCase && handlesLead(ownCase);
  const today = shanghaiToday();

  return (
    <section aria-labelledby="litigation-h" className="litigation-casework">
      <h3 id="litigation-h">支持起诉与诉讼</h3>
      <dl className="facts">
        <dt>支持起诉决定</dt>
        <dd>{!s.decision ? '尚未决定' : `${day(s.decision.decidedAt)} ${s.decision.supported ? '决定支持起诉' : '决定不支持起诉'}：${s.decision.reason}`}</dd>
        <dt>支持起诉书</dt>
        <dd>{s.supportLetter ? `${s.supportLetter.number}（${s.supportLetter.issuedOn} 出具）` : '尚未制发'}</dd>
        <dt>立案</dt>
        <dd>{s.courtFiling ? `${s.courtFiling.court} ${s.courtFiling.docketNo}（${s.courtFiling.filedOn} 立案）` : '尚未立案'}</dd>
        <dt>开庭</dt>
        <dd>
          {s.hearings.length === 0 ? '尚无开庭安排' : (
            <ul>
              {s.hearings.map((h) => (
                <li key={h.id}>
                  {h.date} {h.courtRoom}{h.note && `（${h.note}）`}：{h.outcomeNote ? `庭审结果：${h.outcomeNote}` : '尚未记录庭审结果'}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>裁判结果</dt>
        <dd>
          {!s.outcome ? '尚无裁判结果' : `${s.outcome.decidedOn} ${COURT_OUTCOME_KIND[s.outcome.kind]}，确定金额 ${yuan(s.outcome.totalAmount)}${s.outcome.jointlyLiable.length ? `，连带责任：${s.outcome.jointlyLiable.map((e) => e.name).join('、')}` : ''}`}
        </dd>
        {s.outcome && (
          <>
            <dt>履行情况</dt>
            <dd>已支付 {yuan(s.amountPaid)}，尚欠 {yuan(s.amountOutstanding)}</dd>
          </>
        )}
        {s.enforcement && (
          <>
            <dt>强制执行</dt>
            <dd>{day(s.enforcement.appliedAt)} 已申请：{s.enforcement.note}</dd>
          </>
        )}
      </dl>

      {s.installments.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="分期付款表">
          <table className="states">
            <thead>
              <tr>
                <th scope="col">到期日</th>
                <th scope="col">应付金额</th>
                <th scope="col">已付</th>
                <th scope="col">尚欠</th>
                <th scope="col">状态</th>
              </tr>
            </thead>
            <tbody>
              {s.installments.map((i) => (
                <tr key={i.id}>
                  <th scope="row">{i.dueOn}</th>
                  <td className="money">{yuan(i.amount)}</td>
                  <td className="money">{yuan(i.paid)}</td>
                  <td className="money">{yuan(i.outstanding)}</td>
                  <td>{i.outstanding === '0.00' ? '已付清' : i.overdue ? '已逾期' : '未到期'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {handling && me.agency === 'PROCURATORATE' && handlesLead(s) && !s.decision && <DecisionForm leadId={lead.id} act={here} />}
      {handling && me.agency === 'PROCURATORATE' && handlesLead(s) && supported && !s.supportLetter && <LetterForm leadId={lead.id} act={here} />}
      {courtActs && !s.courtFiling && <FilingForm leadId={lead.id} act={here} />}
      {courtActs && s.courtFiling && !s.outcome && <HearingForm leadId={lead.id} act={here} />}
      {courtActs && s.hearings.filter((h) => !h.outcomeNote && h.date <= today).map((h) => <HearingResultForm key={h.id} hearing={h} act={here} />)}
      {courtActs && s.courtFiling && !s.outcome && <OutcomeForm leadId={lead.id} act={here} />}
      {courtActs && s.installments.filter((i) => i.outstanding !== '0.00').map((i) => <PaymentForm key={i.id} installment={i} act={here} />)}
      {courtActs && !s.enforcement && s.installments.some((i) => i.overdue) && <EnforcementForm leadId={lead.id} act={here} />}
    </section>
  );
}

function DecisionForm({ leadId, act }: { leadId: string; act: Act }) {
  const [choice, setChoice] = useState<keyof typeof SUPPORT_DECISION | ''>('');
  const [reason, setReason] = useState('');
  const [at, setAt] = useState('');
  const form = useSubmit(act, { supported: 'ls-supported', reason: 'ls-reason', occurredAt: 'ls-at' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!choice) return;
    const supported = choice === 'yes';
    const done = supported ? '已决定支持起诉。下一步：制发支持起诉书，并移送法院立案。' : '已决定不支持起诉，并记录理由。下一步：告知申请人，办结后结案。';
    if (await form.submit(done, () => hub.request(DecideSupportDocument, { leadId, input: { supported, reason, ...occurredAt(at) } }))) {
      setChoice('');
      setReason('');
      setAt('');
    }
  };
  return (
    <Box title="支持起诉决定">
      <form onSubmit={(e) => void submit(e)}>
        <ChoiceField form={form} field="supported" label="决定" choices={SUPPORT_DECISION} value={choice} onChange={setChoice} />
        <label htmlFor="ls-reason">理由</label>
        <textarea {...form.control('reason')} value={reason} onChange={(e) => setReason(e.target.value)} required />
        {form.fieldError('reason')}
        <WhenField form={form} label="决定时间" value={at} onChange={setAt} />
        {form.refusal}
        <button type="submit">记录决定</button>
      </form>
    </Box>
  );
}

function LetterForm({ leadId, act }: { leadId: string; act: Act }) {
  const [number, setNumber] = useState('');
  const [issuedOn, setIssuedOn] = useState('');
  const form = useSubmit(act, { number: 'll-number', issuedOn: 'll-on' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = `已记录支持起诉书 ${typed(number)}。下一步：将案件移送法院立案（起诉立案）。`;
    if (await form.submit(done, () => hub.request(RecordSupportLetterDocument, { leadId, input: { number, issuedOn } }))) {
      setNumber('');
      setIssuedOn('');
    }
  };
  return (
    <Box title="支持起诉书">
      <form onSubmit={(e) => void submit(e)}>
        <div className="row">
          <div className="field">
            <label htmlFor="ll-number">文书编号</label>
            <input {...form.control('number')} value={number} onChange={(e) => setNumber(e.target.value)} required />
            {form.fieldError('number')}
          </div>
          <div className="field">
            <label htmlFor="ll-on">出具日期</label>
            <input {...form.control('issuedOn')} type="date" value={issuedOn} onChange={(e) => setIssuedOn(e.target.value)} required />
            {form.fieldError('issuedOn')}
          </div>
        </div>
        {form.refusal}
        <button type="submit">记录支持起诉书</button>
      </form>
    </Box>
  );
}

function FilingForm({ leadId, act }: { leadId: string; act: Act }) {
  const [court, setCourt] = useState('');
  const [docketNo, setDocketNo] = useState('');
  const [filedOn, setFiledOn] = useState('');
  const form = useSubmit(act, { court: 'lf-court', docketNo: 'lf-docket', filedOn: 'lf-on' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = `已记录立案（${typed(docketNo)}）。下一步：安排开庭。`;
    if (await form.submit(done, () => hub.request(RecordCourtFilingDocument, { leadId, input: { court, docketNo, filedOn } }))) {
      setCourt('');
      setDocketNo('');
      setFiledOn('');
    }
  };
  return (
    <Box title="立案">
      <form onSubmit={(e) => void submit(e)}>
        <div className="row">
          <div className="field">
            <label htmlFor="lf-court">受理法院</label>
            <input {...form.control('court')} value={court} onChange={(e) => setCourt(e.target.value)} required />
            {form.fieldError('court')}
          </div>
          <div className="field">
            <label htmlFor="lf-docket">案号</label>
            <input {...form.control('docketNo')} value={docketNo} onChange={(e) => setDocketNo(e.target.value)} required />
            {form.fieldError('docketNo')}
          </div>
          <div className="field">
            <label htmlFor="lf-on">立案日期</label>
            <input {...form.control('filedOn')} type="date" value={filedOn} onChange={(e) => setFiledOn(e.target.value)} required />
            {form.fieldError('filedOn')}
          </div>
        </div>
        {form.refusal}
        <button type="submit">记录立案</button>
      </form>
    </Box>
  );
}

function HearingForm({ leadId, act }: { leadId: string; act: Act }) {
  const [date, setDate] = useState('');
  const [courtRoom, setCourtRoom] = useState('');
  const [note, setNote] = useState('');
  const form = useSubmit(act, { date: 'lh-date', courtRoom: 'lh-room', note: 'lh-note' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = `已安排 ${date} 在${typed(courtRoom)}开庭。下一步：开庭后记录庭审结果。`;
    if (await form.submit(done, () => hub.request(ScheduleHearingDocument, { leadId, input: { date, courtRoom, ...(typed(note) ? { note } : {}) } }))) {
      setDate('');
      setCourtRoom('');
      setNote('');
    }
  };
  return (
    <Box title="安排开庭">
      <form onSubmit={(e) => void submit(e)}>
        <div className="row">
          <div className="field">
            <label htmlFor="lh-date">开庭日期</label>
            <input {...form.control('date')} type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
            {form.fieldError('date')}
          </div>
          <div className="field">
            <label htmlFor="lh-room">法庭</label>
            <input {...form.control('courtRoom')} value={courtRoom} onChange={(e) => setCourtRoom(e.target.value)} required />
            {form.fieldError('courtRoom')}
          </div>
        </div>
        <label htmlFor="lh-note">备注</label>
        <textarea {...form.control('note')} value={note} onChange={(e) => setNote(e.target.value)} />
        {form.fieldError('note')}
        {form.refusal}
        <button type="submit">安排开庭</button>
      </form>
    </Box>
  );
}

function HearingResultForm({ hearing: h, act }: { hearing: Hearing; act: Act }) {
  const [note, setNote] = useState('');
  const [at, setAt] = useState('');
  const id = `lr-note-${h.id}`;
  const form = useSubmit(act, { note: id, occurredAt: `lr-at-${h.id}` });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = `已记录 ${h.date} 开庭的庭审结果。下一步：作出裁判后记录裁判结果。`;
    if (await form.submit(done, () => hub.request(RecordHearingResultDocument, { hearingId: h.id, note, ...occurredAt(at) }))) {
      setNote('');
      setAt('');
    }
  };
  return (
    <Box title={`庭审结果（${h.date} ${h.courtRoom}）`}>
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor={id}>庭审情况</label>
        <textarea {...form.control('note')} value={note} onChange={(e) => setNote(e.target.value)} required />
        {form.fieldError('note')}
        <WhenField form={form} label="庭审结果作出时间" value={at} onChange={setAt} />
        {form.refusal}
        <button type="submit">记录庭审结果</button>
      </form>
    </Box>
  );
}

function OutcomeForm({ leadId, act }: { leadId: string; act: Act }) {
  const [kind, setKind] = useState<CourtOutcomeKind | ''>('');
  const [decidedOn, setDecidedOn] = useState('');
  const [total, setTotal] = useState('');
  const [liable, setLiable] = useState('');
  const [rows, setRows] = useState<{ amount: string; dueOn: string }[]>([{ amount: '', dueOn: '' }]);
  const fields: Record<string, string> = { kind: 'lo-kind', decidedOn: 'lo-on', totalAmount: 'lo-total', jointlyLiable: 'lo-liable', installments: 'lo-installments' };
  rows.forEach((_, n) => {
    fields[`installments[${n}].amount`] = `lo-amount-${n}`;
    fields[`installments[${n}].dueOn`] = `lo-due-${n}`;
  });
  const form = useSubmit(act, fields);
  const set = (n: number, key: 'amount' | 'dueOn', value: string) => setRows(rows.map((r, i) => (i === n ? { ...r, [key]: value } : r)));
  const record = async () => {
    if (!kind) return;
    const input = {
      kind,
      decidedOn,
      totalAmount: typed(total),
      jointlyLiable: liable.split(/[、,，\n]/).map(typed).filter(Boolean).map((name) => ({ name })),
      installments: rows.filter((r) => typed(r.amount) || r.dueOn).map((r) => ({ amount: typed(r.amount), dueOn: r.dueOn })),
    };
    const done = `已记录裁判结果：${COURT_OUTCOME_KIND[kind]}，确定金额 ${yuan(typed(total))}，分 ${input.installments.length} 期支付。下一步：按期记录付款；逾期未付可申请强制执行。`;
    if (await form.submit(done, () => hub.request(RecordCourtOutcomeDocument, { leadId, input }))) {
      setKind('');
      setDecidedOn('');
      setTotal('');
      setLiable('');
      setRows([{ amount: '', dueOn: '' }]);
    }
  };
  return (
    <Box title="裁判结果">
      <form onSubmit={(e) => e.preventDefault()}>
        <div className="row">
          <ChoiceField form={form} field="kind" label="结案方式" choices={COURT_OUTCOME_KIND} value={kind} onChange={setKind} />
          <div className="field">
            <label htmlFor="lo-on">裁判日期</label>
            <input {...form.control('decidedOn')} type="date" value={decidedOn} onChange={(e) => setDecidedOn(e.target.value)} required />
            {form.fieldError('decidedOn')}
          </div>
          <div className="field">
            <label htmlFor="lo-total">确定金额（元）</label>
            <input {...form.control('totalAmount')} inputMode="decimal" value={total} onChange={(e) => setTotal(e.target.value)} required />
            {form.fieldError('totalAmount')}
          </div>
        </div>
        <label htmlFor="lo-liable">承担连带责任的用人单位（多个用顿号分隔）</label>
        <textarea {...form.control('jointlyLiable')} value={liable} onChange={(e) => setLiable(e.target.value)} />
        {form.fieldError('jointlyLiable')}
        <fieldset id="lo-installments" tabIndex={-1}>
          <legend>分期付款</legend>
          {form.fieldError('installments')}
          {rows.map((r, n) => (
            <div className="row" key={n}>
              <div className="field">
                <label htmlFor={`lo-amount-${n}`}>第 {n + 1} 期金额（元）</label>
                <input {...form.control(`installments[${n}].amount`)} inputMode="decimal" value={r.amount} onChange={(e) => set(n, 'amount', e.target.value)} required />
                {form.fieldError(`installments[${n}].amount`)}
              </div>
              <div className="field">
                <label htmlFor={`lo-due-${n}`}>第 {n + 1} 期到期日</label>
                <input {...form.control(`installments[${n}].dueOn`)} type="date" value={r.dueOn} onChange={(e) => set(n, 'dueOn', e.target.value)} required />
                {form.fieldError(`installments[${n}].dueOn`)}
              </div>
            </div>
          ))}
          <button type="button" className="secondary" onClick={() => setRows([...rows, { amount: '', dueOn: '' }])}>增加一期</button>
        </fieldset>
        {form.refusal}
        <ConfirmSubmit
          label="记录裁判结果"
          question={`记录裁判结果：${kind ? COURT_OUTCOME_KIND[kind] : ''}，确定金额 ${typed(total)} 元，分 ${rows.length} 期支付？记录后不能修改。`}
          onConfirm={() => void record()}
        />
      </form>
    </Box>
  );
}

function PaymentForm({ installment: i, act }: { installment: Installment; act: Act }) {
  const [amount, setAmount] = useState('');
  const [paidOn, setPaidOn] = useState('');
  const form = useSubmit(act, { amount: `lp-amount-${i.id}`, paidOn: `lp-on-${i.id}` });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = `已记录付款 ${yuan(typed(amount))}（${i.dueOn} 到期一期）。下一步：跟进其余各期，付清后可结案。`;
    if (await form.submit(done, () => hub.request(RecordInstallmentPaymentDocument, { installmentId: i.id, amount: typed(amount), paidOn }))) {
      setAmount('');
      setPaidOn('');
    }
  };
  return (
    <Box title={`分期付款（${i.dueOn} 到期，尚欠 ${yuan(i.outstanding)}）`}>
      <form onSubmit={(e) => void submit(e)}>
        <div className="row">
          <div className="field">
            <label htmlFor={`lp-amount-${i.id}`}>付款金额（元）</label>
            <input {...form.control('amount')} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required />
            {form.fieldError('amount')}
          </div>
          <div className="field">
            <label htmlFor={`lp-on-${i.id}`}>付款日期</label>
            <input {...form.control('paidOn')} type="date" value={paidOn} onChange={(e) => setPaidOn(e.target.value)} required />
            {form.fieldError('paidOn')}
          </div>
        </div>
        {form.refusal}
        <button type="submit">记录付款</button>
      </form>
    </Box>
  );
}

function EnforcementForm({ leadId, act }: { leadId: string; act: Act }) {
  const [note, setNote] = useState('');
  const form = useSubmit(act, { note: 'le-note' });
  const apply = async () => {
    const done = '已申请强制执行。下一步：跟进执行情况，执行到位后记录付款。';
    if (await form.submit(done, () => hub.request(ApplyForEnforcementDocument, { leadId, note }))) setNote('');
  };
  return (
    <Box title="申请强制执行">
      <form onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="le-note">申请说明</label>
        <textarea {...form.control('note')} value={note} onChange={(e) => setNote(e.target.value)} required />
        {form.fieldError('note')}
        {form.refusal}
        <ConfirmSubmit label="申请强制执行" question="有分期已逾期未付，向法院申请强制执行？" onConfirm={() => void apply()} />
      </form>
    </Box>
  );
}
