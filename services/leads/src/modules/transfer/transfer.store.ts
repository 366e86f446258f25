import type { Tx } from '../../../../../lib/context';
import type { Principal } from '../../../../../lib/auth';
import { refuse } from '../../../../../lib/errors';
import { formatFen } from '../../../../../lib/money';
import { shanghaiDate } from '../../../../../lib/dates';
import { CASE_SERVICE, type Agency, type TransferKind, type TransferStatus } from '../../../../../lib/domain/enums';
import { AGENCY_STATES_CHANGED, type AgencyStatesChanged, type ClosureFacts } from '../../../../../lib/messages';
import { LeadAgencyRecord, type LeadRecord } from '../lead/lead.entity';
import { lockLead } from '../lead/lead.lock';
import { settleLeadClosure } from '../lead/lead.closure';
import { markClosed, markOpen } from '../../../../../lib/agency-case/agency-states.entity';
import { TimelineEntryRecord } from '../timeline/timeline.entity';
import { FeedbackRecord, TransferRecord } from './transfer.entity';
import { checkNewTransfer, decideTransfer, type NewTransfer, type TransferCommand, type TransferNow } from './transfer.rules';
import { deriveAgencyStates } from './agency-states';
import { calendar, feedbackWorkingDays } from './deadlines';

const now = () => new Date();

const asNow = (t: TransferRecord): TransferNow => ({ status: t.status as TransferStatus, from: t.from as Agency, to: t.to as Agency });

export interface Override {
  handler?: string;
  closure?: AgencyStatesChanged['closure'];
}

/**
 * Re-derives every involved agency's transfer and feedback states from the lead's transfers,
 * writes them to the registry and tells each agency whose states changed.
 */
export async function syncAgencies(tx: Tx, lead: LeadRecord, transfers: TransferRecord[], rows: LeadAgencyRecord[], overrides: Map<Agency, Override>) {
  const derived = deriveAgencyStates(
    lead.intakeAgency as Agency,
    transfers.map((t) => ({ from: t.from as Agency, to: t.to as Agency, status: t.status as TransferStatus, requestedAt: t.requestedAt, feedbackDueAt: t.feedbackDueAt, completedAt: t.completedAt })),
  );
  const all = [...rows];
  for (const [agency, d] of derived) {
    const override = overrides.get(agency);
    let row = rows.find((r) => r.agency === agency);
    const changed =
      !row || row.transferState !== d.transferState || row.feedbackState !== d.feedbackState || row.feedbackDueAt?.getTime() !== d.feedbackDueAt?.getTime() || !!override;
    if (!changed) continue;
    if (!row) {
      row = tx.em.create(LeadAgencyRecord, { leadId: lead.id, agency, transferState: d.transferState, feedbackState: d.feedbackState, closureState: 'OPEN', involvedSince: now(), leadRegionCode: lead.regionCode, leadReceivedAt: lead.receivedAt });
      tx.em.persist(row);
      all.push(row);
    }
    row.transferState = d.transferState;
    row.feedbackState = d.feedbackState;
    row.feedbackDueAt = d.feedbackDueAt;
    if (override?.closure?.state === 'CLOSED') {
      const c = override.closure.facts;
      markClosed(row, c);
    } else if (override?.closure?.state === 'OPEN') {
      markOpen(row);
    }
    const message: AgencyStatesChanged = {
      leadId: lead.id,
      referenceNo: lead.referenceNo,
      regionCode: lead.regionCode,
      agency,
      transferState: d.transferState,
      feedbackState: d.feedbackState,
      feedbackDueAt: d.feedbackDueAt?.toISOString() ?? null,
      amountOwedFen: lead.amountOwedFen,
      workerCount: lead.workerCount,
      ...(override?.handler ? { handler: override.handler } : {}),
      ...(override?.closure ? { closure: override.closure } : {}),
    };
    tx.emit(CASE_SERVICE[agency], AGENCY_STATES_CHANGED, { ...message });
  }
  settleLeadClosure(lead, all);
}

function timeline(tx: Tx, leadId: string, agency: string, actor: string, kind: string, summary: string) {
  tx.em.persist(tx.em.create(TimelineEntryRecord, { leadId, at: now(), agency, actor, kind, summary }));
}

export async function loadForUpdate(tx: Tx, leadId: string) {
  const lead = await lockLead(tx.em, leadId);
  const [transfers, rows] = await Promise.all([
    tx.em.find(TransferRecord, { leadId }, { refresh: true, orderBy: { requestedAt: 'asc', id: 'asc' } }),
    tx.em.find(LeadAgencyRecord, { leadId }, { refresh: true }),
  ]);
  return { lead, transfers, rows };
}

export async function sendTransfer(tx: Tx, leadId: string, input: NewTransfer, by: Principal): Promise<TransferRecord> {
  const { lead, transfers, rows } = await loadForUpdate(tx, leadId);
  const sender = rows.find((r) => r.agency === by.agency);
  const at = now();
  const { reason } = checkNewTransfer(
    input,
    by,
    sender && { transferState: sender.transferState as never, closureState: sender.closureState as 'OPEN' | 'CLOSED' },
    transfers.map(asNow),
    at,
  );
  const transfer = tx.em.create(TransferRecord, {
    leadId,
    leadRegionCode: lead.regionCode,
    kind: input.kind,
    from: by.agency,
    to: input.to,
    status: 'REQUESTED',
    reason,
    requestedAt: at,
    requestedBy: by.id,
    feedbackDueAt: input.feedbackDueAt ?? calendar.dueAt(at, feedbackWorkingDays()),
  });
  tx.em.persist(transfer);
  const overrides = new Map<Agency, Override>();
  // A lead sent again to an agency that had closed its case reopens that case.
  if (rows.find((r) => r.agency === input.to)?.closureState === 'CLOSED') overrides.set(input.to, { closure: { state: 'OPEN' } });
  timeline(tx, leadId, by.agency, by.id, 'TRANSFER_REQUESTED', `${kindName(input.kind)} from ${by.agency} to ${input.to}: ${reason} (feedback due ${shanghaiDate(transfer.feedbackDueAt)})`);
  tx.audit({ entityType: 'Transfer', entityId: transfer.id, action: 'TRANSFER_REQUESTED', data: { leadId, kind: input.kind, from: by.agency, to: input.to, feedbackDueAt: transfer.feedbackDueAt.toISOString() } });
  await syncAgencies(tx, lead, [...transfers, transfer], rows, overrides);
  return transfer;
}

/** Accept, return, cancel or answer a transfer: the state machine decides, this applies it. */
export async function actOnTransfer(tx: Tx, transferId: string, cmd: TransferCommand, by: Principal): Promise<TransferRecord> {
  const first = await tx.em.findOne(TransferRecord, { id: transferId });
  if (!first) throw refuse('TRANSFER_NOT_FOUND');
  const { lead, transfers, rows } = await loadForUpdate(tx, first.leadId);
  const transfer = transfers.find((t) => t.id === transferId)!;
  const event = decideTransfer(asNow(transfer), cmd, by);
  const at = now();
  const overrides = new Map<Agency, Override>();
  const route = `${transfer.from} → ${transfer.to}`;
  transfer.status = event.status;
  switch (event.type) {
    case 'accepted':
      Object.assign(transfer, { respondedAt: at, respondedBy: by.id });
      overrides.set(by.agency, { handler: by.id, ...(rows.find((r) => r.agency === by.agency)?.closureState === 'CLOSED' ? { closure: { state: 'OPEN' as const } } : {}) });
      timeline(tx, lead.id, by.agency, by.id, 'TRANSFER_ACCEPTED', `${by.agency} accepted the ${kindName(transfer.kind as TransferKind)} (${route})`);
      break;
    case 'rejected':
      Object.assign(transfer, { respondedAt: at, respondedBy: by.id, rejectionReason: event.reason });
      timeline(tx, lead.id, by.agency, by.id, 'TRANSFER_RETURNED', `${by.agency} returned the lead to ${transfer.from} (退回): ${event.reason}`);
      break;
    case 'cancelled': {
      transfer.cancellationReason = event.reason;
      timeline(tx, lead.id, by.agency, by.id, 'TRANSFER_CANCELLED', `${by.agency} withdrew the transfer to ${transfer.to}: ${event.reason}`);
      // The receiver's case existed only because of this transfer: it is closed as withdrawn.
      const receiverElsewhere = lead.intakeAgency === transfer.to || transfers.some((t) => t.id !== transfer.id && (t.to === transfer.to || t.from === transfer.to) && t.status !== 'CANCELLED');
      if (!receiverElsewhere) {
        const facts: ClosureFacts = { reason: 'WITHDRAWN', amountRecoveredFen: '0', workersPaid: 0, note: event.reason, closedAt: at.toISOString(), closedBy: by.id };
        overrides.set(transfer.to as Agency, { closure: { state: 'CLOSED', facts } });
      }
      break;
    }
    case 'feedbackGiven': {
      const feedback = tx.em.create(FeedbackRecord, {
        transferId,
        givenAt: at,
        givenBy: by.id,
        final: event.final,
        summary: event.summary,
        amountRecoveredFen: event.amountRecovered?.toString() ?? null,
        workersPaid: event.workersPaid,
      });
      tx.em.persist(feedback);
      if (event.final) transfer.completedAt = at;
      const amount = event.amountRecovered !== null ? `; ${formatFen(event.amountRecovered)} yuan recovered` : '';
      const workers = event.workersPaid !== null ? `; ${event.workersPaid} worker(s) paid` : '';
      timeline(tx, lead.id, by.agency, by.id, event.final ? 'FEEDBACK_FINAL' : 'FEEDBACK_INTERIM', `${event.final ? 'Final' : 'Interim'} feedback from ${by.agency} to ${transfer.from}: ${event.summary}${amount}${workers}`);
      break;
    }
  }
  tx.audit({ entityType: 'Transfer', entityId: transfer.id, action: `TRANSFER_${event.type.toUpperCase()}`, data: { leadId: lead.id, status: transfer.status } });
  await syncAgencies(tx, lead, transfers, rows, overrides);
  return transfer;
}

const KIND_NAMES: Record<TransferKind, string> = {
  REFERRAL: 'Referral (移送)',
  SUPPORT_TO_SUE: 'Application for support to sue (支持起诉)',
  COURT_FILING: 'Court filing (起诉立案)',
  DELEGATED_MEDIATION: 'Delegated mediation (诉调对接)',
};
const kindName = (k: TransferKind) => KIND_NAMES[k] ?? k;
