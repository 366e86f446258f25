import { useState, type FormEvent } from 'react';
import {
  DecideBlacklistingDocument,
  InspectionBlacklistingDocument,
  NotifyBlacklistingDocument,
  ProposeBlacklistingDocument,
  RecordBlacklistStatementDocument,
  RemoveFromBlacklistEarlyDocument,
  type BlacklistGround,
  type BlacklistStatementOutcome,
  type InspectionBlacklistingQuery,
} from '../../../client';
import { handlesLead, mayDo } from '../../../lib/vocabulary';
import { hub, type Me } from '../api';
import { Box, ConfirmSubmit, WhenField, useSubmit, type Act } from '../form';
import { useLoad } from '../hooks';
import { BLACKLIST_GROUND, BLACKLIST_STATUS, STATEMENT_OUTCOME, entries, when } from '../labels';

type Listing = NonNullable<NonNullable<NonNullable<InspectionBlacklistingQuery['lead']>['inspection']>['blacklisting']>;

/** A calendar day from the API (YYYY-MM-DD) written as the console writes days elsewhere. */
const date = (d: string) => d.replace(/-/g, '/');
/** A day typed in a date control, or none: the API takes none as today. */
const dayOrNone = (d: string) => d || null;

/**
 * The blacklist procedure (失信联合惩戒名单) on labour inspection's case: proposal, notice to the
 * employer, its statement (陈述申辩), the SUPERVISOR's decision, and early removal (信用修复). Each
 * step is offered only to the role that may take it, while inspection handles the lead; the rules
 * themselves are the API's, whose refusals are shown at the control they concern.
 */
export function BlacklistProcedure({ leadId, me, act, changes }: { leadId: string; me: Me; act: Act; changes: number }) {
  const { data, error, refresh } = useLoad(() => hub.request(InspectionBlacklistingDocument, { id: leadId }), [leadId, changes]);
  const mine: Act = (done, run) =>
    act(done, async () => {
      await run();
      await refresh();
    });
  if (error) return <p role="alert" className="error">{error}</p>;
  const c = data?.lead?.inspection;
  if (!c) return null;

  const handling = mayDo(me.roles, 'handle') && handlesLead(c) && c.closureState === 'OPEN';
  const supervising = mayDo(me.roles, 'supervise') && handlesLead(c);
  const l = c.blacklisting;
  const underWay = l && ['PROPOSED', 'NOTIFIED', 'HEARD', 'LISTED'].includes(l.status);

  return (
    <section aria-labelledby="ins-bl-h">
      <h4 id="ins-bl-h">失信联合惩戒</h4>
      {l ? <ListingFacts l={l} /> : <p>未提请列入拖欠农民工工资失信联合惩戒对象名单。</p>}
      {handling && !underWay && <ProposalForm leadId={leadId} act={mine} />}
      {handling && l?.status === 'PROPOSED' && <NoticeForm leadId={leadId} act={mine} />}
      {handling && l?.status === 'NOTIFIED' && <StatementForm leadId={leadId} act={mine} />}
      {supervising && l?.status === 'HEARD' && <DecisionForm leadId={leadId} act={mine} adopted={l.statementOutcome === 'ADOPTED'} />}
      {supervising && l?.status === 'LISTED' && <EarlyRemovalForm leadId={leadId} act={mine} />}
    </section>
  );
}

function ListingFacts({ l }: { l: Listing }) {
  return (
    <dl className="facts">
      <dt>状态</dt>
      <dd>
        {BLACKLIST_STATUS[l.status]}
        {l.status === 'LISTED' && l.until && <span className="badge overdue">列入至 {date(l.until)}</span>}
      </dd>
      <dt>提请</dt>
      <dd>
        {when(l.proposedAt)} 提请；情形：{BLACKLIST_GROUND[l.ground]}；理由：{l.reason}
      </dd>
      <dt>告知</dt>
      <dd>{l.noticeOn ? `${date(l.noticeOn)} 已告知用人单位拟列入决定及陈述、申辩权利` : '尚未告知用人单位'}</dd>
      <dt>陈述申辩</dt>
      <dd>{l.statedOn && l.statementOutcome ? `${date(l.statedOn)}：${STATEMENT_OUTCOME[l.statementOutcome]}${l.statement ? `；${l.statement}` : ''}` : '尚未记录'}</dd>
      <dt>决定</dt>
      <dd>
        {l.decidedOn
          ? `${date(l.decidedOn)} ${l.until ? `决定列入，列入期限3年，至 ${date(l.until)}` : '决定不予列入'}${l.decisionReason ? `；理由：${l.decisionReason}` : ''}`
          : '尚未决定'}
      </dd>
      {l.removedOn && (
        <>
          <dt>提前移出</dt>
          <dd>
            {date(l.removedOn)} 提前移出（{l.arrearsPaidOn && `${date(l.arrearsPaidOn)} 清偿欠薪`}，{l.pledgeOn && `${date(l.pledgeOn)} 作出书面信用承诺`}）{l.removalNote && `；${l.removalNote}`}
          </dd>
        </>
      )}
    </dl>
  );
}

function ProposalForm({ leadId, act }: { leadId: string; act: Act }) {
  const [ground, setGround] = useState<BlacklistGround | ''>('');
  const [reason, setReason] = useState('');
  const form = useSubmit(act, { ground: 'ins-bl-ground', reason: 'ins-bl-reason' });
  const propose = () =>
    void form.submit('已提请将用人单位列入拖欠农民工工资失信联合惩戒对象名单。下一步：书面告知用人单位拟列入决定及其陈述、申辩权利。', () =>
      hub.request(ProposeBlacklistingDocument, { leadId, input: { ground: ground as BlacklistGround, reason } }),
    );
  return (
    <Box title="提请列入拖欠农民工工资失信联合惩戒对象名单">
      <form onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="ins-bl-ground">提请列入情形</label>
        <select {...form.control('ground')} value={ground} onChange={(e) => setGround(e.target.value as BlacklistGround)} required aria-describedby="ins-bl-ground-hint">
          <option value="" disabled>请选择</option>
          {entries(BLACKLIST_GROUND).map(([k, v]) => (
            <option key={k} value={k}>{v}</option>
          ))}
        </select>
        <p id="ins-bl-ground-hint" className="help">须经责令限期支付，用人单位逾期未支付。</p>
        {form.fieldError('ground')}
        <label htmlFor="ins-bl-reason">提请理由</label>
        <textarea {...form.control('reason')} value={reason} onChange={(e) => setReason(e.target.value)} required />
        {form.fieldError('reason')}
        {form.refusal}
        <ConfirmSubmit label="提请列入" className="secondary" question="确认提请将该用人单位列入失信联合惩戒对象名单？提请后须告知用人单位并听取其陈述申辩，由主管决定；列入期限3年。" onConfirm={propose} />
      </form>
    </Box>
  );
}

function NoticeForm({ leadId, act }: { leadId: string; act: Act }) {
  const [noticeOn, setNoticeOn] = useState('');
  const form = useSubmit(act, { noticeOn: 'ins-bl-notice' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.submit('已记录告知用人单位。下一步：记录用人单位的陈述申辩（或未提出）。', () => hub.request(NotifyBlacklistingDocument, { leadId, noticeOn: dayOrNone(noticeOn) }));
  };
  return (
    <Box title="告知用人单位拟列入决定及陈述、申辩权利">
      <form onSubmit={submit}>
        <WhenField form={form} field="noticeOn" type="date" label="告知日期" value={noticeOn} onChange={setNoticeOn} />
        {form.refusal}
        <button type="submit">记录告知</button>
      </form>
    </Box>
  );
}

function StatementForm({ leadId, act }: { leadId: string; act: Act }) {
  const [statedOn, setStatedOn] = useState('');
  const [outcome, setOutcome] = useState<BlacklistStatementOutcome | ''>('');
  const [statement, setStatement] = useState('');
  const form = useSubmit(act, { statedOn: 'ins-bl-stated', statementOutcome: 'ins-bl-outcome', statement: 'ins-bl-statement' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.submit('已记录陈述申辩情况。下一步：由主管作出是否列入的决定。', () =>
      hub.request(RecordBlacklistStatementDocument, { leadId, input: { statedOn: dayOrNone(statedOn), statementOutcome: outcome as BlacklistStatementOutcome, statement: statement || null } }),
    );
  };
  return (
    <Box title="记录用人单位陈述申辩">
      <form onSubmit={submit}>
        <WhenField form={form} field="statedOn" type="date" label="陈述申辩日期" value={statedOn} onChange={setStatedOn} />
        <label htmlFor="ins-bl-outcome">处理结果</label>
        <select {...form.control('statementOutcome')} value={outcome} onChange={(e) => setOutcome(e.target.value as BlacklistStatementOutcome)} required>
          <option value="" disabled>请选择</option>
          {entries(STATEMENT_OUTCOME).map(([k, v]) => (
            <option key={k} value={k}>{v}</option>
          ))}
        </select>
        {form.fieldError('statementOutcome')}
        <label htmlFor="ins-bl-statement">陈述申辩内容</label>
        <textarea {...form.control('statement')} value={statement} onChange={(e) => setStatement(e.target.value)} aria-describedby="ins-bl-statement-hint" />
        <p id="ins-bl-statement-hint" className="help">未提出陈述申辩的可不填。</p>
        {form.fieldError('statement')}
        {form.refusal}
        <button type="submit">记录陈述申辩</button>
      </form>
    </Box>
  );
}

function DecisionForm({ leadId, act, adopted }: { leadId: string; act: Act; adopted: boolean }) {
  const [choice, setChoice] = useState<'list' | 'reject' | ''>('');
  const [reason, setReason] = useState('');
  const [decisionDate, setDecisionDate] = useState('');
  const form = useSubmit(act, { reason: 'ins-bl-decision-reason', decisionDate: 'ins-bl-decision-date' });
  const list = choice === 'list';
  const decide = () =>
    void form.submit(list ? '已决定将用人单位列入失信联合惩戒对象名单，列入期限3年。下一步：用人单位清偿欠薪满6个月并作出书面信用承诺后，可申请提前移出。' : '已决定不予列入失信联合惩戒对象名单。', () =>
      hub.request(DecideBlacklistingDocument, { leadId, input: { list, reason, decisionDate: dayOrNone(decisionDate) } }),
    );
  return (
    <Box title="作出是否列入的决定（主管）">
      <form onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="ins-bl-decision">决定</label>
        <select id="ins-bl-decision" value={choice} onChange={(e) => setChoice(e.target.value as 'list' | 'reject')} required aria-describedby={adopted ? 'ins-bl-decision-hint' : undefined}>
          <option value="" disabled>请选择</option>
          <option value="list" disabled={adopted}>列入失信联合惩戒对象名单（3年）</option>
          <option value="reject">不予列入</option>
        </select>
        {adopted && <p id="ins-bl-decision-hint" className="help">用人单位的陈述申辩已予采纳，只能决定不予列入。</p>}
        <label htmlFor="ins-bl-decision-reason">决定理由</label>
        <textarea {...form.control('reason')} value={reason} onChange={(e) => setReason(e.target.value)} required />
        {form.fieldError('reason')}
        <WhenField form={form} field="decisionDate" type="date" label="决定日期" value={decisionDate} onChange={setDecisionDate} />
        {form.refusal}
        <ConfirmSubmit
          label="作出决定"
          question={list ? '确认将该用人单位列入失信联合惩戒对象名单？列入期限3年，将推送至欠薪预警名单。' : '确认不予列入失信联合惩戒对象名单？'}
          onConfirm={decide}
        />
      </form>
    </Box>
  );
}

function EarlyRemovalForm({ leadId, act }: { leadId: string; act: Act }) {
  const [arrearsPaidOn, setArrearsPaidOn] = useState('');
  const [pledgeOn, setPledgeOn] = useState('');
  const [note, setNote] = useState('');
  const form = useSubmit(act, { arrearsPaidOn: 'ins-bl-paid', pledgeOn: 'ins-bl-pledge', note: 'ins-bl-note' });
  const remove = () =>
    void form.submit('已将用人单位提前移出失信联合惩戒对象名单。', () => hub.request(RemoveFromBlacklistEarlyDocument, { leadId, input: { arrearsPaidOn, pledgeOn, note: note || null } }));
  return (
    <Box title="提前移出失信联合惩戒对象名单（信用修复，主管）">
      <form onSubmit={(e) => e.preventDefault()}>
        <div className="row">
          <div className="field">
            <label htmlFor="ins-bl-paid">清偿欠薪日期</label>
            <input {...form.control('arrearsPaidOn')} type="date" value={arrearsPaidOn} onChange={(e) => setArrearsPaidOn(e.target.value)} required aria-describedby={form.control('arrearsPaidOn')['aria-describedby'] ?? 'ins-bl-paid-hint'} />
            <p id="ins-bl-paid-hint" className="help">清偿全部欠薪满6个月后方可提前移出。</p>
            {form.fieldError('arrearsPaidOn')}
          </div>
          <div className="field">
            <label htmlFor="ins-bl-pledge">书面信用承诺日期</label>
            <input {...form.control('pledgeOn')} type="date" value={pledgeOn} onChange={(e) => setPledgeOn(e.target.value)} required />
            {form.fieldError('pledgeOn')}
          </div>
        </div>
        <label htmlFor="ins-bl-note">说明</label>
        <textarea {...form.control('note')} value={note} onChange={(e) => setNote(e.target.value)} />
        {form.fieldError('note')}
        {form.refusal}
        <ConfirmSubmit label="提前移出" className="secondary" question="确认将该用人单位提前移出失信联合惩戒对象名单？将同步更新欠薪预警名单。" onConfirm={remove} />
      </form>
    </Box>
  );
}
