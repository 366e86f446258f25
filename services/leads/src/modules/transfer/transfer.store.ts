import type { Tx } from '../../../../../lib/context';
import type { Principal } from '../../../../../lib/auth';
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../../../../../lib/command/handler';
import { refuse } from '../../../../../lib/errors';
import { isUuid } from '../../../../../lib/identifiers';
import { CASE_SERVICE, type Agency } from '../../../../../lib/domain/enums';
import { AGENCY_STATES_CHANGED, type AgencyStatesChanged, type ClosureFacts } from '../../../../../lib/messages';
import { LeadAgencyRecord, type LeadRecord } from '../lead/lead.entity';
import { lockLead } from '../lead/lead.lock';
import { settleLeadClosure } from '../lead/lead.closure';
import { markClosed, markOpen } from '../../../../../lib/agency-case/agency-states.entity';
import { handleLeadsCommand } from '../timeline/timeline.store';
import { FeedbackRecord, TransferRecord } from './transfer.entity';
import { decideTransferCommand, type TransferNow } from './transfer.rules';
import type { LeadTransferCommand, TransferEvent, TransfersState } from './transfer.commands';
import { deriveAgencyStates } from './agency-states';
import { acceptBy, calendar, feedbackWorkingDays } from './deadlines';


const asNow = (t: TransferRecord): TransferNow & { feedbackDueAt: Date; feedbackSuspendedOn: string | null } => ({ status: t.status, from: t.from, to: t.to, feedbackDueAt: t.feedbackDueAt, feedbackSuspendedOn: t.feedbackSuspendedOn ?? null });

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
    lead.intakeAgency,
    transfers.map((t) => ({ from: t.from, to: t.to, status: t.status, requestedAt: t.requestedAt, feedbackDueAt: t.feedbackDueAt, completedAt: t.completedAt, feedbackSuspended: !!t.feedbackSuspendedOn })),
    (t) => acceptBy(t.to, t.requestedAt),
  );
  const all = [...rows];
  for (const [agency, d] of derived) {
    const override = overrides.get(agency);
    let row = rows.find((r) => r.agency === agency);
    const changed =
      !row || row.transferState !== d.transferState || row.feedbackState !== d.feedbackState || row.feedbackDueAt?.getTime() !== d.feedbackDueAt?.getTime() || (row.deadlineAt ?? null)?.getTime() !== d.deadlineAt?.getTime() || !!override;
    if (!changed) continue;
    if (!row) {
      row = tx.em.create(LeadAgencyRecord, { leadId: lead.id, agency, transferState: d.transferState, feedbackState: d.feedbackState, closureState: 'OPEN', involvedSince: new Date(), leadRegionCode: lead.regionCode, leadReceivedAt: lead.receivedAt });
      tx.em.persist(row);
      all.push(row);
    }
    row.transferState = d.transferState;
    row.feedbackState = d.feedbackState;
    row.feedbackDueAt = d.feedbackDueAt;
    row.deadlineAt = d.deadlineAt;
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
      leadReceivedAt: lead.receivedAt.toISOString(),
      amountOwedFen: lead.amountOwedFen,
      workerCount: lead.workerCount,
      ...(override?.handler ? { handler: override.handler } : {}),
      ...(override?.closure ? { closure: override.closure } : {}),
    };
    tx.emit(CASE_SERVICE[agency], AGENCY_STATES_CHANGED, { ...message });
  }
  settleLeadClosure(lead, all);
}

export async function loadForUpdate(tx: Tx, leadId: string) {
  const lead = await lockLead(tx.em, leadId);
  const [transfers, rows] = await Promise.all([
    tx.em.find(TransferRecord, { leadId }, { refresh: true, orderBy: { requestedAt: 'asc', id: 'asc' } }),
    tx.em.find(LeadAgencyRecord, { leadId }, { refresh: true }),
  ]);
  return { lead, transfers, rows };
}

interface Loaded extends TransfersState {
  lead: LeadRecord;
  records: TransferRecord[];
  rows: LeadAgencyRecord[];
}

async function loadTransfers(tx: Tx, cmd: LeadTransferCommand): Promise<Loaded> {
  let leadId: string;
  if (cmd.type === 'send') leadId = cmd.leadId;
  else {
    const first = isUuid(cmd.transferId) ? await tx.em.findOne(TransferRecord, { id: cmd.transferId }) : null;
    if (!first) throw refuse('TRANSFER_NOT_FOUND');
    leadId = first.leadId;
  }
  const { lead, transfers, rows } = await loadForUpdate(tx, leadId);
  return {
    leadId,
    lead,
    records: transfers,
    rows,
    transfers: transfers.map((t) => ({ id: t.id, kind: t.kind, ...asNow(t) })),
    involved: rows.map((r) => ({ agency: r.agency, transferState: r.transferState, closureState: r.closureState })),
    figures: { amountOwedFen: BigInt(lead.amountOwedFen), workerCount: lead.workerCount },
    leadReceivedAt: lead.receivedAt,
    newTransferId: randomUUID(),
    defaultFeedbackDueAt: calendar.dueAt(cmd.at, feedbackWorkingDays()),
  };
}

/** Applies a decided transfer event: the transfer's row, and every agency's states derived again. */
async function applyTransfer(tx: Tx, s: Loaded, e: TransferEvent, by: Principal, at: Date): Promise<TransferRecord> {
  const { lead, rows } = s;
  const overrides = new Map<Agency, Override>();
  if (e.kind === 'TRANSFER_REQUESTED') {
    const f = e.facts;
    const transfer = tx.em.create(TransferRecord, {
      id: e.entity.id,
      leadId: lead.id,
      leadRegionCode: lead.regionCode,
      kind: f.kind,
      from: f.from,
      to: f.to,
      status: 'REQUESTED',
      reason: e.text!.reason,
      requestedAt: at,
      requestedBy: by.id,
      feedbackDueAt: new Date(f.feedbackDueAt),
    });
    tx.em.persist(transfer);
    // A lead sent again to an agency that had closed its case reopens that case.
    if (rows.find((r) => r.agency === f.to)?.closureState === 'CLOSED') overrides.set(f.to, { closure: { state: 'OPEN' } });
    await syncAgencies(tx, lead, [...s.records, transfer], rows, overrides);
    return transfer;
  }
  const transfer = s.records.find((t) => t.id === e.entity.id)!;
  if ('status' in e.facts) transfer.status = e.facts.status;
  switch (e.kind) {
    case 'TRANSFER_ACCEPTED':
      Object.assign(transfer, { respondedAt: at, respondedBy: by.id });
      overrides.set(by.agency, { handler: by.id, ...(rows.find((r) => r.agency === by.agency)?.closureState === 'CLOSED' ? { closure: { state: 'OPEN' as const } } : {}) });
      break;
    case 'TRANSFER_RETURNED':
      Object.assign(transfer, { respondedAt: at, respondedBy: by.id, rejectionReason: e.text!.reason });
      break;
    case 'TRANSFER_CANCELLED': {
      transfer.cancellationReason = e.text!.reason;
      // The receiver's case existed only because of this transfer: it is closed as withdrawn.
      const receiverElsewhere = lead.intakeAgency === transfer.to || s.records.some((t) => t.id !== transfer.id && (t.to === transfer.to || t.from === transfer.to) && t.status !== 'CANCELLED');
      if (!receiverElsewhere) {
        const facts: ClosureFacts = { reason: 'WITHDRAWN', amountRecoveredFen: '0', workersPaid: 0, note: e.text!.reason, closedAt: at.toISOString(), closedBy: by.id };
        overrides.set(transfer.to, { closure: { state: 'CLOSED', facts } });
      }
      break;
    }
    case 'FEEDBACK_INTERIM':
    case 'FEEDBACK_FINAL': {
      const f = e.facts;
      const final = e.kind === 'FEEDBACK_FINAL';
      tx.em.persist(
        tx.em.create(FeedbackRecord, { transferId: transfer.id, givenAt: at, givenBy: by.id, final, summary: e.text!.summary, amountRecoveredFen: f.amountRecoveredFen, compensationRecoveredFen: f.compensationRecoveredFen, workersPaid: f.workersPaid }),
      );
      if (final) transfer.completedAt = at;
      break;
    }
    case 'FEEDBACK_CLOCK_SUSPENDED':
      Object.assign(transfer, { feedbackSuspendedOn: e.facts.suspendedOn, feedbackSuspensionReason: e.text!.reason });
      break;
    case 'FEEDBACK_CLOCK_RESUMED':
      Object.assign(transfer, { feedbackSuspendedOn: null, feedbackSuspensionReason: null, feedbackDueAt: new Date(e.facts.feedbackDueAt) });
      break;
  }
  await syncAgencies(tx, lead, s.records, rows, overrides);
  return transfer;
}

/** Sends a lead on, or accepts, returns, cancels or answers a transfer: the state machine decides, this applies it. */
export function runTransfer(ctx: CommandContext, command: LeadTransferCommand): Promise<TransferRecord> {
  let changed: TransferRecord | undefined;
  return handleLeadsCommand(ctx, {
    command,
    load: (tx) => loadTransfers(tx, command),
    decide: (s, c) => decideTransferCommand(s, c, calendar),
    async apply(tx, s, e) {
      changed = await applyTransfer(tx, s, e, command.by, command.at);
    },
    result: () => changed!,
  });
}
