import { useState, type FormEvent } from 'react';
import {
  ExtendInvestigationDocument,
  InspectionCaseworkDocument,
  IssuePaymentOrderDocument,
  RecordFirstContactDocument,
  RecordHandoverDocument,
  RecordOrderPaymentDocument,
  ReferToPoliceDocument,
  type HandoverTarget,
  type InspectionCaseworkQuery,
} from '../../../client';
import { handlesLead, mayDo, maySuspendClock } from '../../../lib/vocabulary';
import { hub, type Me } from '../api';
import { Box, ChoiceField, ConfirmSubmit, WhenField, beijingInstant, occurredAt, useSubmit, type Act } from '../form';
import { useLoad } from '../hooks';
import { HANDOVER_TARGET, day, when, yuan } from '../labels';
import { BlacklistProcedure } from './blacklist';
import { EvidenceChecklistSection } from './checklist';
import { DeadlinePause, Suspended, investigationClock } from './deadline-pause';

type Case = NonNullable<NonNullable<InspectionCaseworkQuery['lead']>['inspection']>;
type Order = Case['paymentOrders'][number];

/** The last day of a deadline given as the instant the next day begins (00:00 Asia/Shanghai). */
const lastDay = (dueAt: string) => day(new Date(Date.parse(dueAt) - 1).toISOString());
/** A calendar day from the API (YYYY-MM-DD) written as the console writes days elsewhere. */
const date = (d: string) => d.replace(/-/g, '/');

function Countdown({ left }: { left: number | null | undefined }) {
  if (left == null) return null;
  if (left < 0) return <span className="badge overdue">已逾期 {-left} 个工作日</span>;
  if (left === 0) return <span className="badge overdue">今日到期</span>;
  return <span className={left <= 5 ? 'badge soon' : 'badge later'}>剩 {left} 个工作日</span>;
}

/**
 * Labour inspection's case on a lead and every casework act on it, each offered only to the roles
 * that may do it while inspection handles the lead (lib/vocabulary). `act` is the lead page's: it
 * shows the outcome and loads the page again; this panel loads its own case again first.
 */
export function InspectionCasework({ leadId, me, act, changes }: { leadId: string; me: Me; act: Act; changes: number }) {
  // `changes` (the page's timeline length) loads the case again after acts done elsewhere on the page (回头看, 结案).
  const { data, error, loading, refresh } = useLoad(() => hub.request(InspectionCaseworkDocument, { id: leadId }), [leadId, changes]);
  const mine: Act = (done, run) =>
    act(done, async () => {
      await run();
      await refresh();
    });

  if (loading && !data) return <p>正在加载劳动保障监察案件…</p>;
  if (error) return <p role="alert" className="error">{error}</p>;
  const c = data?.lead?.inspection;
  if (!c) return null;

  const handling = mayDo(me.roles, 'handle') && handlesLead(c);
  const supervising = mayDo(me.roles, 'supervise') && handlesLead(c);
  const unpaid = c.paymentOrders.filter((o) => o.outstanding !== '0.00');
  const lapsed = c.paymentOrders.some((o) => o.overdue);

  return (
    <section aria-labelledby="ins-h" className="casework">
      <h3 id="ins-h">劳动保障监察案件</h3>
      <dl className="facts">
        <dt>首日对接</dt>
        <dd>
          {c.firstContactAt ? `已于 ${when(c.firstContactAt)} 对接投诉人` : '尚未对接投诉人'}
          {c.firstContactLate && <span className="badge overdue">{c.firstContactAt ? '晚于受理当日' : '已超过受理当日'}</span>}
        </dd>
        <dt>调查期限</dt>
        <dd>
          {c.investigationDueAt ? (
            <>
              {lastDay(c.investigationDueAt)}
              {c.investigationExtensionReason && `（已延期，理由：${c.investigationExtensionReason}）`}{' '}
              {c.investigationSuspendedOn ? <Suspended since={c.investigationSuspendedOn} reason={c.investigationSuspensionReason} /> : <Countdown left={c.investigationWorkingDaysLeft} />}
            </>
          ) : (
            '接收后开始计算'
          )}
        </dd>
        <dt>两法衔接</dt>
        <dd>{c.policeReferral ? `已于 ${when(c.policeReferral.sentAt)} 移送${c.policeReferral.policeUnit}（${when(c.policeReferral.decidedAt)} 决定移送）` : '未移送公安机关'}</dd>
      </dl>

      <h4>责令限期支付</h4>
      {c.paymentOrders.length === 0 ? (
        <p>尚未下达责令限期支付。</p>
      ) : (
        <ul className="cards" aria-label="责令限期支付记录">
          {c.paymentOrders.map((o) => (
            <li key={o.id} className="card">
              <p>
                {when(o.issuedAt)} 责令支付 {yuan(o.amount)}，限 {date(o.payBy)} 前支付；已支付 {yuan(o.paid)}，尚欠 {yuan(o.outstanding)}
                {o.overdue && <span className="badge overdue">逾期未付清</span>}
                {o.outstanding === '0.00' && <span className="badge later">已付清</span>}
              </p>
            </li>
          ))}
        </ul>
      )}

      <h4>三交办</h4>
      {c.handovers.length === 0 ? (
        <p>尚无交办。</p>
      ) : (
        <ul aria-label="三交办记录">
          {c.handovers.map((h, i) => (
            <li key={i}>
              {when(h.at)} 交办{HANDOVER_TARGET[h.to]}：{h.note}
            </li>
          ))}
        </ul>
      )}

      <h4>回头看</h4>
      {c.callbacks.length === 0 ? (
        <p>尚未回访投诉人。</p>
      ) : (
        <ul aria-label="回头看记录">
          {c.callbacks.map((b, i) => (
            <li key={i}>
              {when(b.at)}：工资{b.wagesPaid ? '已支付' : '未支付'}，程序{b.procedureLawful ? '合法' : '存在问题'}，投诉人{b.satisfied ? '满意' : '不满意'}
              {b.note && `；${b.note}`}
            </li>
          ))}
        </ul>
      )}

      <BlacklistProcedure leadId={leadId} me={me} act={act} changes={changes} />

      {handling && !c.firstContactAt && <FirstContactForm leadId={leadId} act={mine} />}
      {handling && <PaymentOrderForm leadId={leadId} act={mine} />}
      {handling && unpaid.map((o) => <OrderPaymentForm key={o.id} order={o} act={mine} />)}
      {handling && <HandoverForm leadId={leadId} act={mine} />}
      {handling && lapsed && !c.policeReferral && <PoliceReferralForm leadId={leadId} act={mine} />}
      {supervising && c.investigationDueAt && !c.investigationExtensionReason && <ExtensionForm leadId={leadId} act={mine} />}
      {maySuspendClock(me, 'INSPECTION') && c.closureState === 'OPEN' && c.investigationDueAt && <DeadlinePause clock={investigationClock(leadId)} suspendedOn={c.investigationSuspendedOn} act={mine} />}
      <EvidenceChecklistSection leadId={leadId} handling={handling} act={act} changes={changes} />
    </section>
  );
}

function FirstContactForm({ leadId, act }: { leadId: string; act: Act }) {
  const [note, setNote] = useState('');
  const [at, setAt] = useState('');
  const form = useSubmit(act, { note: 'ins-fc-note', occurredAt: 'ins-fc-at' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.submit('已记录首日对接。下一步：调查核实，需要时责令企业限期支付。', () => hub.request(RecordFirstContactDocument, { leadId, note, ...occurredAt(at) }));
  };
  return (
    <Box title="首日对接（联系投诉人）">
      <form onSubmit={submit}>
        <label htmlFor="ins-fc-note">对接情况</label>
        <textarea {...form.control('note')} value={note} onChange={(e) => setNote(e.target.value)} required />
        {form.fieldError('note')}
        <WhenField form={form} label="对接时间" value={at} onChange={setAt} />
        {form.refusal}
        <button type="submit">记录首日对接</button>
      </form>
    </Box>
  );
}

function PaymentOrderForm({ leadId, act }: { leadId: string; act: Act }) {
  const [amount, setAmount] = useState('');
  const [payBy, setPayBy] = useState('');
  const [issuedOn, setIssuedOn] = useState('');
  const form = useSubmit(act, { amount: 'ins-po-amount', payBy: 'ins-po-payby', issuedOn: 'ins-po-issued' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = `已责令企业于 ${date(payBy)} 前支付 ${amount.trim()} 元。下一步：企业支付后逐笔记录；逾期未付清的，可移送公安机关。`;
    if (await form.submit(done, () => hub.request(IssuePaymentOrderDocument, { leadId, input: { amount: amount.trim(), payBy, ...(issuedOn ? { issuedOn } : {}) } }))) {
      setAmount('');
      setPayBy('');
      setIssuedOn('');
    }
  };
  return (
    <Box title="责令限期支付">
      <form onSubmit={(e) => void submit(e)}>
        <div className="row">
          <div className="field">
            <label htmlFor="ins-po-amount">责令支付金额（元）</label>
            <input {...form.control('amount')} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required />
            {form.fieldError('amount')}
          </div>
          <div className="field">
            <label htmlFor="ins-po-payby">限期支付日期</label>
            <input {...form.control('payBy')} type="date" value={payBy} onChange={(e) => setPayBy(e.target.value)} required />
            {form.fieldError('payBy')}
          </div>
          <WhenField form={form} field="issuedOn" type="date" label="签发日期" value={issuedOn} onChange={setIssuedOn} />
        </div>
        {form.refusal}
        <button type="submit">下达责令限期支付</button>
      </form>
    </Box>
  );
}

function OrderPaymentForm({ order: o, act }: { order: Order; act: Act }) {
  const [amount, setAmount] = useState('');
  const [paidOn, setPaidOn] = useState('');
  const form = useSubmit(act, { amount: `ins-pay-amount-${o.id}`, paidOn: `ins-pay-on-${o.id}` });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = `已记录企业支付 ${amount.trim()} 元。下一步：付清后回访投诉人（回头看），再结案。`;
    if (await form.submit(done, () => hub.request(RecordOrderPaymentDocument, { orderId: o.id, amount: amount.trim(), paidOn }))) {
      setAmount('');
      setPaidOn('');
    }
  };
  return (
    <Box title={`记录企业支付（责令支付 ${yuan(o.amount)}，尚欠 ${yuan(o.outstanding)}）`}>
      <form onSubmit={(e) => void submit(e)}>
        <div className="row">
          <div className="field">
            <label htmlFor={`ins-pay-amount-${o.id}`}>支付金额（元）</label>
            <input {...form.control('amount')} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required />
            {form.fieldError('amount')}
          </div>
          <div className="field">
            <label htmlFor={`ins-pay-on-${o.id}`}>支付日期</label>
            <input {...form.control('paidOn')} type="date" value={paidOn} onChange={(e) => setPaidOn(e.target.value)} required />
            {form.fieldError('paidOn')}
          </div>
        </div>
        {form.refusal}
        <button type="submit">记录支付</button>
      </form>
    </Box>
  );
}

function HandoverForm({ leadId, act }: { leadId: string; act: Act }) {
  const [to, setTo] = useState<HandoverTarget | ''>('');
  const [note, setNote] = useState('');
  const [at, setAt] = useState('');
  const form = useSubmit(act, { to: 'ins-ho-to', note: 'ins-ho-note', occurredAt: 'ins-ho-at' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const target = to as HandoverTarget;
    const done = `已交办${HANDOVER_TARGET[target]}。下一步：跟进其处理情况，欠薪解决后回访投诉人（回头看）。`;
    if (await form.submit(done, () => hub.request(RecordHandoverDocument, { leadId, input: { to: target, note, ...occurredAt(at) } }))) {
      setTo('');
      setNote('');
      setAt('');
    }
  };
  return (
    <Box title="三交办">
      <form onSubmit={(e) => void submit(e)}>
        <ChoiceField form={form} field="to" label="交办对象" choices={HANDOVER_TARGET} value={to} onChange={setTo} />
        <label htmlFor="ins-ho-note">交办事项</label>
        <textarea {...form.control('note')} value={note} onChange={(e) => setNote(e.target.value)} required />
        {form.fieldError('note')}
        <WhenField form={form} label="交办时间" value={at} onChange={setAt} />
        {form.refusal}
        <button type="submit">记录交办</button>
      </form>
    </Box>
  );
}

function PoliceReferralForm({ leadId, act }: { leadId: string; act: Act }) {
  const [policeUnit, setPoliceUnit] = useState('');
  const [decidedAt, setDecidedAt] = useState('');
  const form = useSubmit(act, { policeUnit: 'ins-pr-unit', decidedAt: 'ins-pr-decided' });
  const refer = () =>
    void form.submit(`已移送${policeUnit.trim()}（两法衔接）。下一步：跟进公安机关立案情况。`, () =>
      hub.request(ReferToPoliceDocument, { leadId, input: { policeUnit, decidedAt: beijingInstant(decidedAt) } }),
    );
  return (
    <Box title="涉嫌拒不支付劳动报酬罪：移送公安机关（两法衔接）">
      <form onSubmit={(e) => e.preventDefault()}>
        <div className="row">
          <div className="field">
            <label htmlFor="ins-pr-unit">接收移送的公安机关</label>
            <input {...form.control('policeUnit')} value={policeUnit} onChange={(e) => setPoliceUnit(e.target.value)} required />
            {form.fieldError('policeUnit')}
          </div>
          <div className="field">
            <label htmlFor="ins-pr-decided">决定移送时间（北京时间）</label>
            <input {...form.control('decidedAt')} type="datetime-local" value={decidedAt} onChange={(e) => setDecidedAt(e.target.value)} required aria-describedby="ins-pr-hint" />
            <p id="ins-pr-hint" className="help">应在作出移送决定后24小时内移送。</p>
            {form.fieldError('decidedAt')}
          </div>
        </div>
        {form.refusal}
        <ConfirmSubmit
          label="移送公安"
          question={`确认将本案移送${policeUnit.trim()}？移送后不能撤回，公安机关将审查是否立案。`}
          onConfirm={refer}
        />
      </form>
    </Box>
  );
}

function ExtensionForm({ leadId, act }: { leadId: string; act: Act }) {
  const [reason, setReason] = useState('');
  const form = useSubmit(act, { reason: 'ins-ex-reason' });
  const extend = () => void form.submit('已延长调查期限30个工作日（只能延长一次）。下一步：在新的期限内办结。', () => hub.request(ExtendInvestigationDocument, { leadId, reason }));
  return (
    <Box title="延长调查期限（主管）">
      <form onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="ins-ex-reason">延期理由</label>
        <textarea {...form.control('reason')} value={reason} onChange={(e) => setReason(e.target.value)} required />
        {form.fieldError('reason')}
        {form.refusal}
        <ConfirmSubmit label="延期" className="secondary" question="确认将调查期限延长30个工作日？每案只能延期一次。" onConfirm={extend} />
      </form>
    </Box>
  );
}
