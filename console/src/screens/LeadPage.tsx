import { useState, type FormEvent } from 'react';
import {
  AcceptTransferDocument,
  CancelTransferDocument,
  CloseCourtCaseDocument,
  CloseInspectionCaseDocument,
  CloseSupportCaseDocument,
  CloseUnionCaseDocument,
  GiveFeedbackDocument,
  LeadPageDocument,
  RecordCallbackDocument,
  RejectTransferDocument,
  ReopenCourtCaseDocument,
  ReopenInspectionCaseDocument,
  ReopenSupportCaseDocument,
  ReopenUnionCaseDocument,
  TransferLeadDocument,
  type Agency,
  type CloseCaseInput,
  type ClosureReason,
  type TransferKind,
} from '../../../client';
import { hub, type Me } from '../api';
import { Box, ConfirmSubmit, WhenField, occurredAt, useSubmit, type Act } from '../form';
import { useRegionName } from '../regions';
import { availableActions, mayPauseFeedback } from '../actions';
import { DeadlinePause, Suspended, feedbackClock } from '../casework/deadline-pause';
import { UnionCasework } from '../casework/union';
import { LitigationCasework } from '../casework/litigation';
import { InspectionCasework } from '../casework/inspection';
import { takeNotice, useLoad } from '../hooks';
import { Supervision } from '../casework/supervision';
import { EvidencePanel } from '../casework/evidence';
import { ComplainantNotices } from '../casework/complainant-notices';
import {
  AGENCY,
  CHANNEL,
  CLOSURE_REASON,
  CLOSURE_STATE,
  FEEDBACK_STATE,
  INDUSTRY,
  TRANSFER_KIND,
  TRANSFER_KINDS_FROM,
  TRANSFER_STATE,
  TRANSFER_STATUS,
  day,
  entries,
  when,
  yuan,
} from '../labels';

const closeCase = (agency: Agency, leadId: string, input: CloseCaseInput) => {
  switch (agency) {
    case 'UNION':
      return hub.request(CloseUnionCaseDocument, { leadId, input });
    case 'INSPECTION':
      return hub.request(CloseInspectionCaseDocument, { leadId, input });
    case 'PROCURATORATE':
      return hub.request(CloseSupportCaseDocument, { leadId, input });
    case 'COURT':
      return hub.request(CloseCourtCaseDocument, { leadId, input });
  }
};

const reopenCase = (agency: Agency, leadId: string, note: string) => {
  switch (agency) {
    case 'UNION':
      return hub.request(ReopenUnionCaseDocument, { leadId, note });
    case 'INSPECTION':
      return hub.request(ReopenInspectionCaseDocument, { leadId, note });
    case 'PROCURATORATE':
      return hub.request(ReopenSupportCaseDocument, { leadId, note });
    case 'COURT':
      return hub.request(ReopenCourtCaseDocument, { leadId, note });
  }
};

export function LeadPage({ id, me }: { id: string; me: Me }) {
  const { data, error, loading, refresh } = useLoad(() => hub.request(LeadPageDocument, { id }), [id]);
  const regionName = useRegionName();
  const [message, setMessage] = useState<string | undefined>(takeNotice);

  /** Runs one action; on success says so and shows the lead's new states; a refusal goes back to the form that caused it. Never rejects. */
  const act: Act = async (done, run) => {
    try {
      await run();
      await refresh();
      setMessage(done);
      return { ok: true };
    } catch (error) {
      setMessage(undefined);
      return { ok: false, error };
    }
  };

  if (loading && !data) return <p>正在加载…</p>;
  if (error) return <p role="alert" className="error">{error}</p>;
  const lead = data?.lead;
  if (!lead) {
    return (
      <>
        <h1 tabIndex={-1}>未找到线索</h1>
        <p>该线索不存在，或不在您的查看范围内。</p>
      </>
    );
  }
  const actions = availableActions(lead, me.agency, me.roles);
  const anything = actions.respond.length + actions.feedback.length + actions.cancel.length + actions.transferTo.length > 0 || actions.close || actions.callback || actions.reopen;

  return (
    <>
      <h1 tabIndex={-1}>线索 {lead.referenceNo}</h1>
      <p role="status" className={message ? 'done' : undefined}>{message}</p>

      <section aria-labelledby="facts-h">
        <h2 id="facts-h">基本信息</h2>
        <dl className="facts">
          <dt>企业名称</dt>
          <dd>{lead.employer.name}{lead.employer.creditCode ? `（${lead.employer.creditCode}）` : ''}</dd>
          {lead.generalContractor && (
            <>
              <dt>施工总承包单位</dt>
              <dd>{lead.generalContractor.name}</dd>
            </>
          )}
          <dt>受理时间</dt>
          <dd>{when(lead.receivedAt)}（{CHANNEL[lead.channel]}，{AGENCY[lead.intakeAgency]}受理）</dd>
          <dt>地区</dt>
          <dd>{regionName(lead.regionCode)}</dd>
          <dt>所属行业</dt>
          <dd>{INDUSTRY[lead.industry]}</dd>
          {lead.projectName && (
            <>
              <dt>项目名称</dt>
              <dd>{lead.projectName}</dd>
            </>
          )}
          <dt>欠薪涉及人数</dt>
          <dd>{lead.workerCount} 人{lead.isMassCase && <span className="badge">群体性欠薪</span>}</dd>
          <dt>欠薪金额</dt>
          <dd>{yuan(lead.amountOwed)}</dd>
          <dt>欠薪期间</dt>
          <dd>{lead.wagePeriodStart ?? '—'} 至 {lead.wagePeriodEnd ?? '—'}</dd>
          <dt>情况描述</dt>
          <dd>{lead.description}</dd>
          <dt>投诉人</dt>
          <dd>{lead.complainants.map((c) => [c.name, c.idNumber, c.phone].filter(Boolean).join(' ')).join('；') || '—'}</dd>
        </dl>
        {lead.possibleDuplicates.length > 0 && (
          <p className="warning">
            可能重复：{lead.possibleDuplicates.map((d) => <a key={d.id} href={`#/leads/${encodeURIComponent(d.id)}`}>{d.referenceNo} </a>)}
          </p>
        )}
      </section>

      <section aria-labelledby="states-h">
        <h2 id="states-h">各机构状态</h2>
        <div className="table-wrap" tabIndex={0} role="region" aria-label="各机构状态表">
          <table className="states">
            <thead>
              <tr>
                <th scope="col">状态</th>
                {lead.agencies.map((a) => (
                  <th key={a.agency} scope="col">{AGENCY[a.agency]}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">移送状态</th>
                {lead.agencies.map((a) => <td key={a.agency}>{TRANSFER_STATE[a.transferState]}</td>)}
              </tr>
              <tr>
                <th scope="row">反馈状态</th>
                {lead.agencies.map((a) => (
                  <td key={a.agency} className={a.feedbackState === 'OVERDUE' ? 'overdue' : undefined}>{FEEDBACK_STATE[a.feedbackState]}</td>
                ))}
              </tr>
              <tr>
                <th scope="row">办结状态</th>
                {lead.agencies.map((a) => (
                  <td key={a.agency}>
                    {CLOSURE_STATE[a.closureState]}
                    {a.closure && `（${CLOSURE_REASON[a.closure.reason]}，追回 ${yuan(a.closure.amountRecovered)}${a.closure.compensationRecovered !== '0.00' ? `（工资 ${yuan(a.closure.wagesRecovered)}，加付赔偿金 ${yuan(a.closure.compensationRecovered)}）` : ''}，${a.closure.workersPaid} 人）`}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="actions-h">
        <h2 id="actions-h">可办理事项（{AGENCY[me.agency]}）</h2>
        {!anything && <p>本单位当前没有可办理的事项。</p>}
        {actions.respond.map((t) => (
          <RespondForm key={t.id} transfer={t} act={act} />
        ))}
        {actions.feedback.map((t) => (
          <FeedbackForm key={t.id} transfer={t} act={act} />
        ))}
        {actions.cancel.map((t) => (
          <CancelForm key={t.id} transfer={t} act={act} />
        ))}
        {actions.transferTo.length > 0 && <TransferForm leadId={lead.id} from={me.agency} to={actions.transferTo} act={act} />}
        {actions.callback && <CallbackForm leadId={lead.id} act={act} />}
        {actions.close && <CloseForm leadId={lead.id} agency={me.agency} act={act} />}
        {actions.reopen && <ReopenForm leadId={lead.id} agency={me.agency} act={act} />}
        {me.agency === 'UNION' && <UnionCasework leadId={lead.id} me={me} act={act} />}
        {(me.agency === 'PROCURATORATE' || me.agency === 'COURT') && <LitigationCasework leadId={lead.id} me={me} act={act} />}
        {me.agency === 'INSPECTION' && <InspectionCasework leadId={lead.id} me={me} act={act} changes={lead.timeline.length} />}
        <Supervision lead={lead} me={me} act={act} />
      </section>

      <EvidencePanel leadId={lead.id} me={me} act={act} />

      <ComplainantNotices leadId={lead.id} changes={lead.timeline.length} />

      <section aria-labelledby="transfers-h">
        <h2 id="transfers-h">移送与反馈</h2>
        {lead.transfers.length === 0 && <p>尚无移送。</p>}
        <ol className="cards">
          {lead.transfers.map((t) => (
            <li key={t.id} className="card">
              <h3>
                {AGENCY[t.from]} → {AGENCY[t.to]}：{TRANSFER_KIND[t.kind]} · {TRANSFER_STATUS[t.status]}
              </h3>
              <p>
                {when(t.requestedAt)} 移送，理由：{t.reason}；反馈期限 {day(t.feedbackDueAt)}
                {t.feedbackSuspendedOn && (
                  <>
                    {' '}
                    <Suspended since={t.feedbackSuspendedOn} reason={t.feedbackSuspensionReason} />
                  </>
                )}
                {t.rejectionReason && `；退回理由：${t.rejectionReason}`}
                {t.cancellationReason && `；撤回理由：${t.cancellationReason}`}
              </p>
              {mayPauseFeedback(t, me) && <DeadlinePause clock={feedbackClock(t.id)} suspendedOn={t.feedbackSuspendedOn} act={act} />}
              {t.feedback.length > 0 && (
                <ul>
                  {t.feedback.map((f, i) => (
                    <li key={i}>
                      {when(f.givenAt)} {f.final ? '最终反馈' : '阶段反馈'}：{f.summary}
                      {f.amountRecovered && `（追回 ${yuan(f.amountRecovered)}）`}
                      {f.workersPaid != null && `（${f.workersPaid} 人已支付）`}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="timeline-h">
        <h2 id="timeline-h">时间线</h2>
        <ol className="timeline">
          {lead.timeline.map((e, i) => (
            <li key={i}>
              <time dateTime={e.at}>{when(e.at)}</time> <strong>{AGENCY[e.agency]}</strong> {e.summary}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

type T = { id: string; from: Agency; to: Agency; kind: TransferKind };

function RespondForm({ transfer: t, act }: { transfer: T; act: Act }) {
  const [reason, setReason] = useState('');
  const accept = useSubmit(act);
  const reject = useSubmit(act, { reason: `reject-${t.id}` });
  return (
    <Box title={`${AGENCY[t.from]}的${TRANSFER_KIND[t.kind]}：接收或退回`}>
      <div className="buttons">
        <button type="button" onClick={() => void accept.submit('已接收移送。下一步：办理并在反馈期限前向移送方反馈。', () => hub.request(AcceptTransferDocument, { id: t.id }))}>
          接收
        </button>
      </div>
      {accept.refusal}
      <form onSubmit={(e) => e.preventDefault()}>
        <label htmlFor={`reject-${t.id}`}>退回理由</label>
        <textarea {...reject.control('reason')} value={reason} onChange={(e) => setReason(e.target.value)} required />
        {reject.fieldError('reason')}
        {reject.refusal}
        <ConfirmSubmit
          label="退回"
          className="secondary"
          question={`退回后，${AGENCY[t.from]}会看到退回理由，本单位不再办理此次移送。`}
          onConfirm={() => void reject.submit('已退回移送：移送方会看到退回理由。', () => hub.request(RejectTransferDocument, { id: t.id, reason }))}
        />
      </form>
    </Box>
  );
}

function FeedbackForm({ transfer: t, act }: { transfer: T; act: Act }) {
  const [summary, setSummary] = useState('');
  const [final, setFinal] = useState(false);
  const [amount, setAmount] = useState('');
  const [compensation, setCompensation] = useState('');
  const [workers, setWorkers] = useState('');
  const form = useSubmit(act, { summary: `fb-summary-${t.id}`, amountRecovered: `fb-amount-${t.id}`, compensationRecovered: `fb-compensation-${t.id}`, workersPaid: `fb-workers-${t.id}` });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input = {
      summary,
      final,
      ...(amount.trim() ? { amountRecovered: amount.trim() } : {}),
      ...(compensation.trim() ? { compensationRecovered: compensation.trim() } : {}),
      ...(workers.trim() ? { workersPaid: Number(workers) } : {}),
    };
    const done = final ? '已提交最终反馈：此次移送已办结，移送方会收到。' : '已提交阶段反馈；办结时请提交最终反馈。';
    if (await form.submit(done, () => hub.request(GiveFeedbackDocument, { transferId: t.id, input }))) {
      setSummary('');
      setAmount('');
      setCompensation('');
      setWorkers('');
    }
  };
  return (
    <Box title={`向${AGENCY[t.from]}反馈`}>
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor={`fb-summary-${t.id}`}>反馈内容</label>
        <textarea {...form.control('summary')} value={summary} onChange={(e) => setSummary(e.target.value)} required />
        {form.fieldError('summary')}
        <div className="field check">
          <input id={`fb-final-${t.id}`} type="checkbox" checked={final} onChange={(e) => setFinal(e.target.checked)} />
          <label htmlFor={`fb-final-${t.id}`}>最终反馈（办结此次移送）</label>
        </div>
        <div className="row">
          <div className="field">
            <label htmlFor={`fb-amount-${t.id}`}>追回金额（元）</label>
            <input {...form.control('amountRecovered')} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
            {form.fieldError('amountRecovered')}
          </div>
          <div className="field">
            <label htmlFor={`fb-compensation-${t.id}`}>其中加付赔偿金（元）</label>
            <input {...form.control('compensationRecovered')} inputMode="decimal" value={compensation} onChange={(e) => setCompensation(e.target.value)} />
            {form.fieldError('compensationRecovered')}
          </div>
          <div className="field">
            <label htmlFor={`fb-workers-${t.id}`}>已支付人数</label>
            <input {...form.control('workersPaid')} inputMode="numeric" value={workers} onChange={(e) => setWorkers(e.target.value)} />
            {form.fieldError('workersPaid')}
          </div>
        </div>
        {form.refusal}
        <button type="submit">提交反馈</button>
      </form>
    </Box>
  );
}

function CancelForm({ transfer: t, act }: { transfer: T; act: Act }) {
  const [reason, setReason] = useState('');
  const form = useSubmit(act, { reason: `cancel-${t.id}` });
  return (
    <Box title={`撤回给${AGENCY[t.to]}的移送（对方尚未接收）`}>
      <form onSubmit={(e) => e.preventDefault()}>
        <label htmlFor={`cancel-${t.id}`}>撤回理由</label>
        <textarea {...form.control('reason')} value={reason} onChange={(e) => setReason(e.target.value)} required />
        {form.fieldError('reason')}
        {form.refusal}
        <ConfirmSubmit
          label="撤回"
          className="secondary"
          question={`撤回后，${AGENCY[t.to]}将不能再接收此次移送。`}
          onConfirm={() => void form.submit('已撤回移送：对方不能再接收；如需要，可重新移送。', () => hub.request(CancelTransferDocument, { id: t.id, reason }))}
        />
      </form>
    </Box>
  );
}

function TransferForm({ leadId, from, to, act }: { leadId: string; from: Agency; to: Agency[]; act: Act }) {
  const [target, setTarget] = useState<Agency>(to[0]);
  const kinds = TRANSFER_KINDS_FROM[from].filter((k) => k.to.includes(target)).map((k) => k.kind);
  const [kind, setKind] = useState<TransferKind>('REFERRAL');
  const [reason, setReason] = useState('');
  const chosen = kinds.includes(kind) ? kind : kinds[0];
  const form = useSubmit(act, { to: 'tr-to', kind: 'tr-kind', reason: 'tr-reason' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await form.submit(`已移送${AGENCY[target]}：对方接收前可以撤回；接收后请等待其反馈。`, () => hub.request(TransferLeadDocument, { input: { leadId, to: target, kind: chosen, reason } }))) setReason('');
  };
  return (
    <Box title="移送线索">
      <form onSubmit={(e) => void submit(e)}>
        <div className="row">
          <div className="field">
            <label htmlFor="tr-to">移送至</label>
            <select {...form.control('to')} value={target} onChange={(e) => setTarget(e.target.value as Agency)}>
              {to.map((a) => (
                <option key={a} value={a}>{AGENCY[a]}</option>
              ))}
            </select>
            {form.fieldError('to')}
          </div>
          <div className="field">
            <label htmlFor="tr-kind">移送类型</label>
            <select {...form.control('kind')} value={chosen} onChange={(e) => setKind(e.target.value as TransferKind)}>
              {kinds.map((k) => (
                <option key={k} value={k}>{TRANSFER_KIND[k]}</option>
              ))}
            </select>
            {form.fieldError('kind')}
          </div>
        </div>
        <label htmlFor="tr-reason">移送理由</label>
        <textarea {...form.control('reason')} value={reason} onChange={(e) => setReason(e.target.value)} required />
        {form.fieldError('reason')}
        {form.refusal}
        <button type="submit">移送</button>
      </form>
    </Box>
  );
}

function CloseForm({ leadId, agency, act }: { leadId: string; agency: Agency; act: Act }) {
  // Nothing asserted by default: the reason is chosen, the amount and the workers typed.
  const [reason, setReason] = useState<ClosureReason | ''>('');
  const [amount, setAmount] = useState('');
  const [compensation, setCompensation] = useState('');
  const [workers, setWorkers] = useState('');
  const [note, setNote] = useState('');
  const form = useSubmit(act, { reason: 'cl-reason', amountRecovered: 'cl-amount', compensationRecovered: 'cl-compensation', workersPaid: 'cl-workers', note: 'cl-note' });
  const close = () =>
    void form.submit('已结案：本单位案件已办结，报表按所填金额和人数统计；如有新情况，可重新开启。', () =>
      closeCase(agency, leadId, { reason: reason as ClosureReason, amountRecovered: amount.trim(), compensationRecovered: compensation.trim() || '0.00', workersPaid: Number(workers), note }),
    );
  return (
    <Box title="结案">
      <form onSubmit={(e) => e.preventDefault()}>
        <div className="row">
          <div className="field">
            <label htmlFor="cl-reason">结案原因</label>
            <select {...form.control('reason')} value={reason} onChange={(e) => setReason(e.target.value as ClosureReason)} required>
              <option value="" disabled>请选择</option>
              {entries(CLOSURE_REASON).map(([k, v]) => (
                <option key={k} value={k}>{v}</option>
              ))}
            </select>
            {form.fieldError('reason')}
          </div>
          <div className="field">
            <label htmlFor="cl-amount">追回金额（元）</label>
            <input {...form.control('amountRecovered')} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required />
            {form.fieldError('amountRecovered')}
          </div>
          <div className="field">
            <label htmlFor="cl-compensation">其中加付赔偿金（元）</label>
            <input {...form.control('compensationRecovered')} inputMode="decimal" value={compensation} onChange={(e) => setCompensation(e.target.value)} aria-describedby="cl-compensation-hint" />
            <p id="cl-compensation-hint" className="help">《劳动保障监察条例》第二十六条：最多为应付工资的100%；其余为工资。没有可不填。</p>
            {form.fieldError('compensationRecovered')}
          </div>
          <div className="field">
            <label htmlFor="cl-workers">已支付人数</label>
            <input {...form.control('workersPaid')} inputMode="numeric" value={workers} onChange={(e) => setWorkers(e.target.value)} required />
            {form.fieldError('workersPaid')}
          </div>
        </div>
        <label htmlFor="cl-note">结案说明</label>
        <textarea {...form.control('note')} value={note} onChange={(e) => setNote(e.target.value)} />
        {form.fieldError('note')}
        {form.refusal}
        <ConfirmSubmit
          label="结案"
          question={`确认以“${reason ? CLOSURE_REASON[reason] : ''}”结案：追回 ${amount.trim() || '0'} 元，${workers.trim() || '0'} 人已支付？结案后报表按此统计。`}
          onConfirm={close}
        />
      </form>
    </Box>
  );
}

function CallbackForm({ leadId, act }: { leadId: string; act: Act }) {
  const [wagesPaid, setWagesPaid] = useState(false);
  const [procedureLawful, setProcedureLawful] = useState(false);
  const [satisfied, setSatisfied] = useState(false);
  const [note, setNote] = useState('');
  const [at, setAt] = useState('');
  const form = useSubmit(act, { note: 'cb-note', occurredAt: 'cb-at' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.submit('已记录回头看：现在可以结案。', () => hub.request(RecordCallbackDocument, { leadId, input: { wagesPaid, procedureLawful, satisfied, note, ...occurredAt(at) } }));
  };
  return (
    <Box title="回头看（回访投诉人）">
      <form onSubmit={submit}>
        <div className="field check">
          <input id="cb-paid" type="checkbox" checked={wagesPaid} onChange={(e) => setWagesPaid(e.target.checked)} />
          <label htmlFor="cb-paid">工资已支付</label>
        </div>
        <div className="field check">
          <input id="cb-lawful" type="checkbox" checked={procedureLawful} onChange={(e) => setProcedureLawful(e.target.checked)} />
          <label htmlFor="cb-lawful">程序合法</label>
        </div>
        <div className="field check">
          <input id="cb-satisfied" type="checkbox" checked={satisfied} onChange={(e) => setSatisfied(e.target.checked)} />
          <label htmlFor="cb-satisfied">投诉人满意</label>
        </div>
        <label htmlFor="cb-note">回访记录</label>
        <textarea {...form.control('note')} value={note} onChange={(e) => setNote(e.target.value)} required />
        {form.fieldError('note')}
        <WhenField form={form} label="回访时间" value={at} onChange={setAt} />
        {form.refusal}
        <button type="submit">记录回头看</button>
      </form>
    </Box>
  );
}

function ReopenForm({ leadId, agency, act }: { leadId: string; agency: Agency; act: Act }) {
  const [note, setNote] = useState('');
  const form = useSubmit(act, { note: 'ro-note' });
  return (
    <Box title="重新开启本单位案件">
      <form onSubmit={(e) => (e.preventDefault(), void form.submit('已重新开启：可以继续办理，办完后再结案。', () => reopenCase(agency, leadId, note)))}>
        <label htmlFor="ro-note">重新开启的原因</label>
        <textarea {...form.control('note')} value={note} onChange={(e) => setNote(e.target.value)} required />
        {form.fieldError('note')}
        {form.refusal}
        <button type="submit" className="secondary">重新开启</button>
      </form>
    </Box>
  );
}
