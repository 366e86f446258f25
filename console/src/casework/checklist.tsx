import { Fragment, useState, type FormEvent } from 'react';
import {
  EvidenceChecklistDocument,
  RecordCloseWithoutLedgerReasonDocument,
  RecordEvidenceNotProvidedDocument,
  RecordEvidenceReceivedDocument,
  RequestEvidenceDocument,
  type EvidenceChecklistQuery,
  type EvidenceItem,
} from '../../../client';
import { EVIDENCE_ITEM_NAMES } from '../../../lib/i18n/labels';
import { hub } from '../api';
import { Box, WhenField, useSubmit, type Act } from '../form';
import { useLoad } from '../hooks';
import { when } from '../labels';
import { staffLabel, staffNames } from '../staff';

type Checklist = NonNullable<NonNullable<EvidenceChecklistQuery['lead']>['inspection']>['evidenceChecklist'];
type Item = Checklist['items'][number];

const NAME = EVIDENCE_ITEM_NAMES.zh;
/** A calendar day from the API (YYYY-MM-DD) written as the console writes days elsewhere. */
const date = (d: string) => d.replace(/-/g, '/');

function itemState(i: Item): string {
  switch (i.status) {
    case 'NOT_REQUESTED':
      return '未要求提供';
    case 'REQUESTED':
      return `${date(i.requestedOn!)} 要求提供，尚未提供`;
    case 'RECEIVED':
      return `${date(i.receivedOn!)} 已收到（${date(i.requestedOn!)} 要求提供）`;
    case 'NOT_PROVIDED':
      return `未提供（${date(i.requestedOn!)} 要求提供）${i.note ? `：${i.note}` : ''}`;
  }
}

/**
 * The evidence checklist of labour inspection's case (《保障农民工工资支付条例》第五十条): which of the
 * employer's documents were asked for, when, and whether they came; and, without the payroll
 * ledger, the reason to close without it. Closing as paid in full or after a payment order is
 * refused at the close form without one of them (the API decides; this only offers the acts).
 */
export function EvidenceChecklistSection({ leadId, handling, act, changes }: { leadId: string; handling: boolean; act: Act; changes: number }) {
  const { data, error, loading, refresh } = useLoad(() => hub.request(EvidenceChecklistDocument, { id: leadId }), [leadId, changes]);
  const mine: Act = (done, run) =>
    act(done, async () => {
      await run();
      await refresh();
    });
  if (loading && !data) return <p>正在加载证据清单…</p>;
  if (error) return <p role="alert" className="error">{error}</p>;
  const c = data?.lead?.inspection?.evidenceChecklist;
  if (!c) return null;
  const names = staffNames(data.lead!.timeline);
  const askable = c.items.filter((i) => i.status === 'NOT_REQUESTED' || i.status === 'NOT_PROVIDED');
  const answerable = c.items.filter((i) => i.status === 'REQUESTED' || i.status === 'NOT_PROVIDED');
  const open = handling && data.lead!.inspection!.closureState === 'OPEN';

  return (
    <section aria-labelledby="ins-ev-h">
      <h4 id="ins-ev-h">证据清单（第五十条）</h4>
      <dl className="facts" aria-label="证据清单">
        {c.items.map((i) => (
          <Fragment key={i.item}>
            <dt>{NAME[i.item]}</dt>
            <dd>
              {itemState(i)}
              {i.requests.length > 1 && `；共要求提供 ${i.requests.length} 次`}
            </dd>
          </Fragment>
        ))}
        <dt>无工资台账结案的理由</dt>
        <dd>
          {c.closeWithoutLedgerReason
            ? `${c.closeWithoutLedgerReason.reason}（${staffLabel(names, c.closeWithoutLedgerReason.recordedBy)} 于 ${when(c.closeWithoutLedgerReason.recordedAt)} 登记）`
            : c.payrollLedgerReceivedOn
              ? '已收到工资台账，无需登记'
              : '未登记'}
        </dd>
      </dl>
      {!c.payrollLedgerSettled && <p className="help">以“已全额支付”结案或已下达责令限期支付的，须先收到工资台账，或登记无工资台账结案的理由。</p>}
      {open && askable.length > 0 && <RequestForm leadId={leadId} items={askable} act={mine} />}
      {open && answerable.length > 0 && <AnswerForm leadId={leadId} items={answerable} act={mine} />}
      {open && !c.payrollLedgerReceivedOn && <ReasonForm leadId={leadId} recorded={!!c.closeWithoutLedgerReason} act={mine} />}
    </section>
  );
}

function ItemSelect({ id, label, items, value, onChange, control }: { id: string; label: string; items: Item[]; value: string; onChange: (v: EvidenceItem) => void; control: ReturnType<ReturnType<typeof useSubmit>['control']> }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select {...control} id={id} value={value} onChange={(e) => onChange(e.target.value as EvidenceItem)} required>
        <option value="" disabled>请选择</option>
        {items.map((i) => (
          <option key={i.item} value={i.item}>{NAME[i.item]}</option>
        ))}
      </select>
    </div>
  );
}

function RequestForm({ leadId, items, act }: { leadId: string; items: Item[]; act: Act }) {
  const [item, setItem] = useState<EvidenceItem | ''>('');
  const [requestedOn, setRequestedOn] = useState('');
  const form = useSubmit(act, { item: 'ins-ev-rq-item', requestedOn: 'ins-ev-rq-on' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const what = item as EvidenceItem;
    const done = `已登记要求用人单位提供${NAME[what]}。下一步：收到后登记收到日期；逾期不提供的，登记未提供及情况。`;
    if (await form.submit(done, () => hub.request(RequestEvidenceDocument, { leadId, input: { item: what, ...(requestedOn ? { requestedOn } : {}) } }))) {
      setItem('');
      setRequestedOn('');
    }
  };
  return (
    <Box title="要求用人单位提供材料">
      <form onSubmit={(e) => void submit(e)}>
        <div className="row">
          <ItemSelect id="ins-ev-rq-item" label="要求提供的材料" items={items} value={item} onChange={setItem} control={form.control('item')} />
          <WhenField form={form} field="requestedOn" type="date" label="要求提供日期" value={requestedOn} onChange={setRequestedOn} />
        </div>
        {form.fieldError('item')}
        {form.refusal}
        <button type="submit">登记要求提供</button>
      </form>
    </Box>
  );
}

function AnswerForm({ leadId, items, act }: { leadId: string; items: Item[]; act: Act }) {
  const [item, setItem] = useState<EvidenceItem | ''>('');
  const [came, setCame] = useState<'yes' | 'no' | ''>('');
  const [receivedOn, setReceivedOn] = useState('');
  const [note, setNote] = useState('');
  const form = useSubmit(act, { item: 'ins-ev-an-item', receivedOn: 'ins-ev-an-on', note: 'ins-ev-an-note' });
  const chosen = items.find((i) => i.item === item);
  // A document already recorded as not provided can only come later, not be refused twice.
  const mayRefuse = !chosen || chosen.status === 'REQUESTED';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const what = item as EvidenceItem;
    const ok =
      came === 'yes'
        ? await form.submit(`已登记收到用人单位提供的${NAME[what]}。`, () => hub.request(RecordEvidenceReceivedDocument, { leadId, input: { item: what, ...(receivedOn ? { receivedOn } : {}) } }))
        : await form.submit(`已登记用人单位未提供${NAME[what]}。下一步：可再次要求提供；按第五十条依法处理。`, () => hub.request(RecordEvidenceNotProvidedDocument, { leadId, input: { item: what, note } }));
    if (ok) {
      setItem('');
      setCame('');
      setReceivedOn('');
      setNote('');
    }
  };
  return (
    <Box title="登记材料提供情况">
      <form onSubmit={(e) => void submit(e)}>
        <ItemSelect id="ins-ev-an-item" label="材料" items={items} value={item} onChange={(v) => { setItem(v); if (items.find((i) => i.item === v)?.status !== 'REQUESTED' && came === 'no') setCame(''); }} control={form.control('item')} />
        {form.fieldError('item')}
        <fieldset className="choice">
          <legend>用人单位是否提供</legend>
          <label>
            <input type="radio" name="ins-ev-an-came" value="yes" checked={came === 'yes'} onChange={() => setCame('yes')} required /> 已收到
          </label>
          {mayRefuse && (
            <label>
              <input type="radio" name="ins-ev-an-came" value="no" checked={came === 'no'} onChange={() => setCame('no')} /> 未提供
            </label>
          )}
        </fieldset>
        {came === 'yes' && <WhenField form={form} field="receivedOn" type="date" label="收到日期" value={receivedOn} onChange={setReceivedOn} />}
        {came === 'no' && (
          <div className="field">
            <label htmlFor="ins-ev-an-note">未提供的情况</label>
            <textarea {...form.control('note')} value={note} onChange={(e) => setNote(e.target.value)} required />
            {form.fieldError('note')}
          </div>
        )}
        {form.refusal}
        <button type="submit">登记提供情况</button>
      </form>
    </Box>
  );
}

function ReasonForm({ leadId, recorded, act }: { leadId: string; recorded: boolean; act: Act }) {
  const [reason, setReason] = useState('');
  const form = useSubmit(act, { reason: 'ins-ev-reason' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await form.submit('已登记无工资台账结案的理由。下一步：结案时不再要求工资台账。', () => hub.request(RecordCloseWithoutLedgerReasonDocument, { leadId, reason }))) setReason('');
  };
  return (
    <Box title={recorded ? '更新无工资台账结案的理由' : '登记无工资台账结案的理由'}>
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor="ins-ev-reason">无工资台账结案的理由</label>
        <textarea {...form.control('reason')} value={reason} onChange={(e) => setReason(e.target.value)} required />
        {form.fieldError('reason')}
        {form.refusal}
        <button type="submit" className="secondary">登记理由</button>
      </form>
    </Box>
  );
}
