/**
 * Transfers between agencies (移送/转办), modelled on the HL7 FHIR Task referral workflow:
 *
 *   REQUESTED ──accept──▶ ACCEPTED ──final feedback──▶ COMPLETED
 *       ├─reject (reason)─▶ REJECTED (退回)      interim feedback any number of times while ACCEPTED
 *       └─cancel (sender, reason)─▶ CANCELLED
 *
 * Pure: decides from the transfer as it is now and the command, returns the event or throws.
 */
import { checkRecovery, type LeadFigures } from '../../../../../lib/agency-case/recovery';
import { hasRole, type Principal } from '../../../../../lib/auth';
import { badInput, invalid, invalidInput, refuse, type InvalidField } from '../../../../../lib/errors';
import { moneyProblem, toFen } from '../../../../../lib/money';
import type { Agency, TransferState, TransferStatus } from '../../../../../lib/domain/enums';
import { TEXT_MAX, cleanText, handlesLead, routeAllowed, textLength } from '../../../../../lib/vocabulary';
import { shanghaiDate } from '../../../../../lib/dates';
import { event } from '../../../../../lib/vocabulary/events';
import { decideClock, type ClockCommand } from '../../../../../lib/domain/clock-pause';
import type { WorkingCalendar } from '../../../../../lib/calendar/working-days';
import type { LeadTransferCommand, NewTransfer, TransferCommand, TransferDecision, TransferEvent as LeadTransferEvent, TransfersState } from './transfer.commands';

export interface TransferNow {
  status: TransferStatus;
  from: Agency;
  to: Agency;
}

export type { NewTransfer, TransferCommand } from './transfer.commands';
export type TransferEvent = TransferDecision;


function requireText(field: string, value: string | null | undefined, max = TEXT_MAX): string {
  const v = cleanText(value, 'paragraph');
  if (!v) throw badInput(field, 'FIELD_REQUIRED');
  if (textLength(v) > max) throw badInput(field, 'TEXT_TOO_LONG', { max });
  return v;
}

const canAct = (by: Principal) => hasRole(by, 'HANDLER', 'SUPERVISOR');

export function decideTransfer(t: TransferNow, cmd: TransferCommand, by: Principal, lead: LeadFigures = { amountOwedFen: null, workerCount: null }): TransferDecision {
  if (!canAct(by)) throw refuse('TRANSFER_ROLE_REQUIRED');
  const receiverOnly = (reason: 'TRANSFER_ACCEPT_RECEIVER_ONLY' | 'TRANSFER_RETURN_RECEIVER_ONLY' | 'TRANSFER_FEEDBACK_RECEIVER_ONLY') => {
    if (by.agency !== t.to) throw refuse(reason, { agency: t.to });
  };
  switch (cmd.type) {
    case 'accept':
      receiverOnly('TRANSFER_ACCEPT_RECEIVER_ONLY');
      if (t.status !== 'REQUESTED') throw refuse('TRANSFER_ACCEPT_NOT_REQUESTED', { status: t.status });
      return { type: 'accepted', status: 'ACCEPTED' };
    case 'reject': {
      receiverOnly('TRANSFER_RETURN_RECEIVER_ONLY');
      if (t.status !== 'REQUESTED') throw refuse('TRANSFER_RETURN_NOT_REQUESTED', { status: t.status });
      return { type: 'rejected', status: 'REJECTED', reason: requireText('reason', cmd.reason) };
    }
    case 'cancel': {
      if (by.agency !== t.from) throw refuse('TRANSFER_CANCEL_SENDER_ONLY', { agency: t.from });
      if (t.status !== 'REQUESTED') throw refuse('TRANSFER_CANCEL_NOT_REQUESTED', { status: t.status });
      return { type: 'cancelled', status: 'CANCELLED', reason: requireText('reason', cmd.reason) };
    }
    case 'feedback': {
      receiverOnly('TRANSFER_FEEDBACK_RECEIVER_ONLY');
      if (t.status !== 'ACCEPTED') throw t.status === 'REQUESTED' ? refuse('FEEDBACK_BEFORE_ACCEPT') : refuse('FEEDBACK_NOT_ACCEPTED', { status: t.status });
      const problems: InvalidField[] = [];
      const summary = cleanText(cmd.summary, 'paragraph');
      if (!summary) problems.push(invalid('input.summary', 'FIELD_REQUIRED'));
      else if (textLength(summary) > TEXT_MAX) problems.push(invalid('input.summary', 'TEXT_TOO_LONG', { max: TEXT_MAX }));
      const amount = cmd.amountRecovered ?? null;
      const compensation = cmd.compensationRecovered ?? null;
      const workers = cmd.workersPaid ?? null;
      if (workers !== null && (!Number.isInteger(workers) || workers < 0 || workers > 1_000_000)) {
        problems.push(invalid('input.workersPaid', 'WHOLE_NUMBER_FROM_ZERO'));
      }
      if (cmd.fromStaff && (amount !== null || compensation !== null || workers !== null)) {
        checkRecovery(lead, { amountRecovered: amount ?? '0.00', compensationRecovered: compensation, workersPaid: workers ?? 0 }, problems);
      } else {
        const amountProblem = amount !== null ? moneyProblem(amount) : undefined;
        if (amountProblem) problems.push(invalid('input.amountRecovered', amountProblem));
      }
      if (problems.length) throw invalidInput(problems);
      return {
        type: 'feedbackGiven',
        status: cmd.final ? 'COMPLETED' : 'ACCEPTED',
        final: cmd.final,
        summary,
        amountRecovered: amount === null ? null : toFen(amount),
        compensationRecovered: compensation === null ? null : toFen(compensation),
        workersPaid: workers,
      };
    }
  }
}

/** What the sender's agency has on the lead, as the registry knows it. */
export interface SenderStanding {
  transferState: TransferState;
  closureState: 'OPEN' | 'CLOSED';
}

/**
 * Sending a lead on: only an agency that has the lead open and in hand (its own intake, accepted,
 * or already sending it elsewhere) may transfer it, once at a time to each receiver.
 */
export function checkNewTransfer(
  t: NewTransfer,
  by: Principal,
  sender: SenderStanding | undefined,
  openTransfers: readonly TransferNow[],
  now: Date,
): { reason: string } {
  if (!canAct(by)) throw refuse('NEW_TRANSFER_ROLE_REQUIRED');
  if (!sender || !handlesLead(sender)) {
    throw !sender
      ? refuse('SENDER_HAS_NO_CASE', { agency: by.agency })
      : sender.closureState !== 'OPEN'
        ? refuse('SENDER_CASE_CLOSED', { agency: by.agency })
        : refuse('SENDER_NOT_HANDLING', { agency: by.agency, state: sender.transferState });
  }
  if (t.to === by.agency) throw badInput('input.to', 'TRANSFER_TO_SELF');
  // Which agencies may send which kind to whom: lib/vocabulary TRANSFER_ROUTES (in words: lib/i18n/labels.ts TRANSFER_ROUTE).
  if (!routeAllowed(t.kind, by.agency, t.to)) {
    throw badInput('input.kind', 'TRANSFER_ROUTE_NOT_ALLOWED', { kind: t.kind, from: by.agency, to: t.to });
  }
  if (t.feedbackDueAt) {
    if (Number.isNaN(t.feedbackDueAt.getTime())) throw badInput('input.feedbackDueAt', 'TIME_FORMAT');
    if (t.feedbackDueAt.getTime() <= now.getTime()) throw badInput('input.feedbackDueAt', 'MUST_BE_IN_FUTURE');
  }
  if (openTransfers.some((o) => o.to === t.to && o.from === by.agency && (o.status === 'REQUESTED' || o.status === 'ACCEPTED'))) {
    throw refuse('TRANSFER_ALREADY_OPEN', { from: by.agency, to: t.to });
  }
  return { reason: requireText('input.reason', t.reason) };
}

/**
 * Suspending or resuming a transfer's feedback deadline: the receiver owes the feedback, so its
 * SUPERVISORs do it, while the transfer is accepted and not yet answered in full.
 */
function decideFeedbackClock(s: TransfersState, t: TransfersState['transfers'][number], cmd: ClockCommand, by: Principal, at: Date, calendar: WorkingCalendar): LeadTransferEvent {
  // An answered transfer has no clock left, suspended or not.
  const running = t.status === 'ACCEPTED';
  const clock = { agency: t.to, closed: false, running, suspendedOn: running ? (t.feedbackSuspendedOn ?? null) : null, leadReceivedAt: s.leadReceivedAt };
  const d = decideClock(by, clock, cmd, at, calendar);
  const entity = { type: 'Transfer', id: t.id };
  const route = { kind: t.kind, from: t.from, to: t.to };
  if (d.type === 'suspended') return event('FEEDBACK_CLOCK_SUSPENDED', entity, s.leadId, { ...route, suspendedOn: d.suspendedOn }, { reason: d.reason });
  const due = calendar.moveDue(t.feedbackDueAt!, d.workingDays);
  return event('FEEDBACK_CLOCK_RESUMED', entity, s.leadId, {
    ...route,
    suspendedOn: d.suspendedOn,
    resumedOn: d.resumedOn,
    workingDays: d.workingDays,
    feedbackDueAt: due.toISOString(),
    feedbackDueOn: shanghaiDate(new Date(due.getTime() - 1)),
  });
}

/** The transfer decider: the lead's transfers as locked, a send or an act on one, and what happened. */
export function decideTransferCommand(s: TransfersState, cmd: LeadTransferCommand, calendar?: WorkingCalendar): LeadTransferEvent {
  const by = cmd.by;
  if (cmd.type === 'send') {
    const sender = s.involved.find((r) => r.agency === by.agency);
    const { reason } = checkNewTransfer(cmd.transfer, by, sender, s.transfers, cmd.at);
    const due = cmd.transfer.feedbackDueAt ?? s.defaultFeedbackDueAt;
    // A deadline is the instant its last day ends: the day it names is the one before that instant.
    const facts = { kind: cmd.transfer.kind, from: by.agency, to: cmd.transfer.to, feedbackDueAt: due.toISOString(), feedbackDueOn: shanghaiDate(new Date(due.getTime() - 1)) };
    return event('TRANSFER_REQUESTED', { type: 'Transfer', id: s.newTransferId }, s.leadId, facts, { reason });
  }
  const t = s.transfers.find((x) => x.id === cmd.transferId)!;
  if (cmd.type === 'clock') {
    if (!calendar) throw new Error('a feedback deadline is suspended or resumed with the working calendar');
    return decideFeedbackClock(s, t, cmd.clock, by, cmd.at, calendar);
  }
  const d = decideTransfer(t, cmd.act, by, s.figures);
  const entity = { type: 'Transfer', id: t.id };
  const route = { kind: t.kind, from: t.from, to: t.to };
  switch (d.type) {
    case 'accepted':
      return event('TRANSFER_ACCEPTED', entity, s.leadId, { ...route, status: d.status });
    case 'rejected':
      return event('TRANSFER_RETURNED', entity, s.leadId, { ...route, status: d.status }, { reason: d.reason });
    case 'cancelled':
      return event('TRANSFER_CANCELLED', entity, s.leadId, { ...route, status: d.status }, { reason: d.reason });
    case 'feedbackGiven': {
      const figures = { amountRecoveredFen: d.amountRecovered?.toString() ?? null, compensationRecoveredFen: d.compensationRecovered?.toString() ?? null, workersPaid: d.workersPaid };
      return d.final
        ? event('FEEDBACK_FINAL', entity, s.leadId, { ...route, status: 'COMPLETED', ...figures }, { summary: d.summary })
        : event('FEEDBACK_INTERIM', entity, s.leadId, { ...route, status: 'ACCEPTED', ...figures }, { summary: d.summary });
    }
  }
}
