import { useState } from 'react';
import { staffLabel, staffNames } from '../staff';
import { LeadByReferenceDocument, LeadSupervisionDocument, MarkDuplicateDocument, type LeadPageQuery, type LeadSupervisionQuery } from '../../../client';
import { handlesLead, isEventKind, mayDo } from '../../../lib/vocabulary';
import { hub, type Me } from '../api';
import { ConfirmSubmit, useSubmit, type Act } from '../form';
import { useLoad } from '../hooks';
import { AGENCY, CLOSURE_REASON, ENTITY_TYPE, EVENT_KIND, TRANSFER_KIND, day, when, yuan } from '../labels';

type Lead = NonNullable<LeadPageQuery['lead']>;
type Supervised = NonNullable<LeadSupervisionQuery['lead']>;


/**
 * The lead page's supervision part: 标记重复 for whoever handles the lead, links to its printable
 * documents, and the audit trail for supervisors. Reloads whenever the page shows new states.
 */
export function Supervision({ lead, me, act }: { lead: Lead; me: Me; act: Act }) {
  const supervisor = mayDo(me.roles, 'supervise');
  const { data } = useLoad(() => hub.request(LeadSupervisionDocument, { id: lead.id, supervisor }), [lead, supervisor]);
  const s = data?.lead;
  if (!s) return null;
  const mine = s.agencies.find((a) => a.agency === me.agency);
  const mayMark = mayDo(me.roles, 'handle') && !!mine && handlesLead(mine) && !s.duplicateOf;
  return (
    <>
      {s.duplicateOf && (
        <p className="warning">
          本线索已标记为 <a href={`#/leads/${encodeURIComponent(s.duplicateOf.id)}`}>{s.duplicateOf.referenceNo}</a> 的重复线索。
        </p>
      )}
      {mayMark && <DuplicateForm lead={s} act={act} />}
      <Documents lead={s} />
      {s.auditTrail && <AuditTrail lead={s} />}
    </>
  );
}

const OTHER = 'other';

function DuplicateForm({ lead, act }: { lead: Supervised; act: Act }) {
  const [of, setOf] = useState('');
  const [referenceNo, setReferenceNo] = useState('');
  const form = useSubmit(act, { ofLeadId: 'dup-of' });
  const chosen = lead.possibleDuplicates.find((d) => d.id === of);
  const target = chosen ? chosen.referenceNo : referenceNo.trim();
  const mark = () =>
    void form.submit(`已将本线索标记为 ${target} 的重复线索：本线索各单位未办结的案件已按“重复线索”结案，请在原线索上继续办理。`, async () => {
      let ofLeadId = chosen?.id;
      if (!ofLeadId) {
        const found = (await hub.request(LeadByReferenceDocument, { referenceNo: target })).leadByReference;
        if (!found) throw new Error(`未找到编号为 ${target} 的线索，或不在您的查看范围内。`);
        ofLeadId = found.id;
      }
      return hub.request(MarkDuplicateDocument, { leadId: lead.id, ofLeadId });
    });
  return (
    <fieldset className="action">
      <legend>标记重复</legend>
      <form onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="dup-of">重复于</label>
        <select {...form.control('ofLeadId')} value={of} onChange={(e) => setOf(e.target.value)} required>
          <option value="">请选择原线索</option>
          {lead.possibleDuplicates.map((d) => (
            <option key={d.id} value={d.id}>
              {d.referenceNo} {d.employer.name}（{day(d.receivedAt)}受理）
            </option>
          ))}
          <option value={OTHER}>其他线索（填写线索编号）</option>
        </select>
        {form.fieldError('ofLeadId')}
        {of === OTHER && (
          <>
            <label htmlFor="dup-ref">原线索编号</label>
            <input id="dup-ref" value={referenceNo} onChange={(e) => setReferenceNo(e.target.value)} required placeholder="如 QX-140400-2026-000017" />
          </>
        )}
        {form.refusal}
        <ConfirmSubmit
          label="标记重复"
          className="secondary"
          question={`确认本线索 ${lead.referenceNo} 与 ${target} 是同一欠薪事项？标记后本线索各单位未办结的案件将按“重复线索”结案，不能撤销。`}
          onConfirm={mark}
        />
      </form>
    </fieldset>
  );
}

/** Links to the printable transfer letters and closure reports. */
function Documents({ lead }: { lead: Supervised }) {
  const closed = lead.agencies.filter((a) => a.closure);
  if (lead.transfers.length === 0 && closed.length === 0) return null;
  return (
    <div className="documents no-print">
      <h3>打印文书</h3>
      <ul>
        {lead.transfers.map((t) => (
          <li key={t.id}>
            <a href={`#/transfers/${encodeURIComponent(t.id)}/letter`}>
              移送函：{AGENCY[t.from]} → {AGENCY[t.to]}（{TRANSFER_KIND[t.kind]}，{day(t.requestedAt)}）
            </a>
          </li>
        ))}
        {closed.map((a) => (
          <li key={a.agency}>
            <a href={`#/leads/${encodeURIComponent(lead.id)}/closure/${a.agency}`}>结案报告：{AGENCY[a.agency]}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Fen as the API's Money string ("8919500" → "89195.00"), without a float. */
const money = (fen: string) => {
  const digits = fen.replace('-', '').padStart(3, '0');
  return `${fen.startsWith('-') ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
};

/** The facts of an audit entry staff read at a glance (agencies, kind, reason, amounts), in Chinese; the rest stays in the record. */
function auditFacts(details: string): string {
  let d: Record<string, unknown>;
  try {
    d = JSON.parse(details) as Record<string, unknown>;
  } catch {
    return '';
  }
  const text = (k: string) => (typeof d[k] === 'string' ? (d[k]) : undefined);
  const parts: string[] = [];
  const from = text('from');
  const to = text('to');
  if (from && to && from in AGENCY && to in AGENCY) parts.push(`${AGENCY[from as keyof typeof AGENCY]} → ${AGENCY[to as keyof typeof AGENCY]}`);
  const kind = text('kind');
  if (kind && kind in TRANSFER_KIND) parts.push(TRANSFER_KIND[kind as keyof typeof TRANSFER_KIND]);
  const reason = text('reason');
  if (reason && reason in CLOSURE_REASON) parts.push(CLOSURE_REASON[reason as keyof typeof CLOSURE_REASON]);
  const other = text('otherReferenceNo');
  if (other) parts.push(d.original ? `重复线索 ${other}` : `原线索 ${other}`);
  const recovered = text('amountRecoveredFen');
  if (recovered && /^-?\d+$/.test(recovered)) parts.push(`追回 ${yuan(money(recovered))}`);
  if (typeof d.workersPaid === 'number') parts.push(`${d.workersPaid} 人已支付`);
  return parts.join('，');
}

function AuditTrail({ lead }: { lead: Supervised }) {
  const names = staffNames(lead.timeline);
  const trail = lead.auditTrail ?? [];
  return (
    <div className="audit">
      <h3 id="audit-h">审计记录</h3>
      {trail.length === 0 ? (
        <p>尚无记录。</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="audit-h">
          <table>
            <thead>
              <tr>
                <th scope="col">时间</th>
                <th scope="col">人员</th>
                <th scope="col">单位</th>
                <th scope="col">事项</th>
              </tr>
            </thead>
            <tbody>
              {trail.map((e, i) => {
                const who = names.get(e.actorId);
                return (
                  <tr key={i}>
                    <td><time dateTime={e.at}>{when(e.at)}</time></td>
                    <td>{staffLabel(names, e.actorId)}</td>
                    <td>{who?.unit ?? AGENCY[e.actorAgency]}</td>
                    <td>
                      {isEventKind(e.action) ? EVENT_KIND[e.action] : e.action}
                      {ENTITY_TYPE[e.entityType] ? `（${ENTITY_TYPE[e.entityType]}）` : ''}
                      {auditFacts(e.details) && <span className="state">{auditFacts(e.details)}</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
