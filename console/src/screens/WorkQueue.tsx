import { WorkQueueDocument, type InspectionDeadlineKind } from '../../../client';
import { hub, type Me } from '../api';
import { useLoad } from '../hooks';
import { Suspended } from '../casework/deadline-pause';
import { AGENCY, TRANSFER_KIND, day, when } from '../labels';
import { mayDo } from '../../../lib/vocabulary';

const DEADLINE: Record<InspectionDeadlineKind, string> = {
  ACCEPT_BY: '受理期限（接收或退回）',
  FIRST_CONTACT: '首日对接',
  PAYMENT_ORDER: '责令限期支付到期',
  INVESTIGATION: '调查期限',
  FEEDBACK: '反馈期限',
};

/** A deadline counted down in working days, highlighted when today or past. */
function Countdown({ left }: { left: number | null | undefined }) {
  if (left == null) return null;
  if (left < 0) return <span className="badge overdue">已逾期 {-left} 个工作日</span>;
  if (left === 0) return <span className="badge overdue">今日到期</span>;
  return <span className={left <= 2 ? 'badge soon' : 'badge later'}>剩 {left} 个工作日</span>;
}

const leadLink = (l: { id: string; referenceNo: string; employer: { name: string } }) => (
  <>
    <a href={`#/leads/${encodeURIComponent(l.id)}`}>{l.referenceNo}</a> · {l.employer.name}
  </>
);

/** The home screen (待办): what the caller's agency must do, nearest deadline first, in one request. */
export function WorkQueue({ me }: { me: Me }) {
  const inspection = me.agency === 'INSPECTION' && mayDo(me.roles, 'handle');
  const supervisor = mayDo(me.roles, 'supervise');
  const { data, error, loading } = useLoad(() => hub.request(WorkQueueDocument, { inspection, supervisor }), [inspection, supervisor]);

  if (loading && !data) return <p>正在加载…</p>;
  if (error) return <p role="alert" className="error">{error}</p>;
  if (!data) return null;
  const inbox = data.transferInbox.edges.map((e) => e.node);
  const owedByUs = data.feedbackDue.filter((t) => t.to === me.agency);
  const owedToUs = data.feedbackDue.filter((t) => t.from === me.agency);
  const deadlines = (data.inspectionQueue ?? []).filter((q) => q.nextDeadline);
  const alerts = data.massCaseAlerts ?? [];
  const nothing = inbox.length + owedByUs.length + owedToUs.length + deadlines.length + alerts.length === 0;

  return (
    <>
      <h1 tabIndex={-1}>待办</h1>
      {nothing && <p>目前没有待办事项。</p>}

      <section aria-labelledby="q-inbox">
        <h2 id="q-inbox">待接收移送（{data.transferInbox.totalCount}）</h2>
        {inbox.length === 0 ? (
          <p>没有待接收的移送。</p>
        ) : (
          <ul className="cards">
            {inbox.map((t) => (
              <li key={t.id} className="card">
                <h3>{leadLink(t.lead)}</h3>
                <p>
                  {AGENCY[t.from]}的{TRANSFER_KIND[t.kind]}，{when(t.requestedAt)} 移送。<a href="#/inbox">去接收或退回</a>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      {alerts.length > 0 && (
        <section aria-labelledby="q-alerts">
          <h2 id="q-alerts">未确认的群体性欠薪预警（{alerts.length}）</h2>
          <ul className="cards">
            {alerts.map((a) => (
              <li key={a.lead.id} className="card">
                <h3>{leadLink(a.lead)}</h3>
                <p>
                  {a.lead.workerCount} 名劳动者，{when(a.raisedAt)} 预警 <span className="badge overdue">待确认</span>
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="q-owed">
        <h2 id="q-owed">本单位应反馈（{owedByUs.length}）</h2>
        {owedByUs.length === 0 ? (
          <p>没有应反馈的移送。</p>
        ) : (
          <ul className="cards">
            {owedByUs.map((t) => (
              <li key={t.id} className="card">
                <h3>{leadLink(t.lead)}</h3>
                <p>
                  向{AGENCY[t.from]}反馈{TRANSFER_KIND[t.kind]}办理情况，期限 {day(t.feedbackDueAt)} {t.feedbackSuspendedOn ? <Suspended since={t.feedbackSuspendedOn} reason={t.feedbackSuspensionReason} /> : <Countdown left={t.feedbackWorkingDaysLeft} />}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      {deadlines.length > 0 && (
        <section aria-labelledby="q-deadlines">
          <h2 id="q-deadlines">办案期限（{deadlines.length}）</h2>
          <ul className="cards">
            {deadlines.map((q) => (
              <li key={q.inspectionCase.lead.id} className="card">
                <h3>{leadLink(q.inspectionCase.lead)}</h3>
                <p>
                  {q.nextDeadlineKind ? DEADLINE[q.nextDeadlineKind] : '期限'}：{when(q.nextDeadline!)} <Countdown left={q.workingDaysLeft} />
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}

      {owedToUs.length > 0 && (
        <section aria-labelledby="q-awaiting">
          <h2 id="q-awaiting">等待对方反馈（{owedToUs.length}）</h2>
          <ul className="cards">
            {owedToUs.map((t) => (
              <li key={t.id} className="card">
                <h3>{leadLink(t.lead)}</h3>
                <p>
                  {AGENCY[t.to]}应于 {day(t.feedbackDueAt)} 前反馈 {t.feedbackSuspendedOn ? <Suspended since={t.feedbackSuspendedOn} reason={t.feedbackSuspensionReason} /> : <Countdown left={t.feedbackWorkingDaysLeft} />}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
