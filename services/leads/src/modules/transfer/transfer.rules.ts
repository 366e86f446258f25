/**
 * Transfers between agencies (移送/转办), modelled on the HL7 FHIR Task referral workflow:
 *
 *   REQUESTED ──accept──▶ ACCEPTED ──final feedback──▶ COMPLETED
 *       ├─reject (reason)─▶ REJECTED (退回)      interim feedback any number of times while ACCEPTED
 *       └─cancel (sender, reason)─▶ CANCELLED
 *
 * Pure: decides from the transfer as it is now and the command, returns the event or throws.
 */
import { hasRole, type Principal } from '../../../../../lib/auth';
import { badInput, conflict, forbidden, invalidInput, invalidTransition, type InvalidField } from '../../../../../lib/errors';
import { moneyProblem, toFen } from '../../../../../lib/money';
import type { Agency, TransferKind, TransferState, TransferStatus } from '../../../../../lib/domain/enums';
import { cleanText } from '../lead/lead.intake';
import { shanghaiDate } from '../../../../../lib/dates';
import { event } from '../../../../../lib/vocabulary/events';
import type { LeadTransferCommand, NewTransfer, TransferCommand, TransferDecision, TransferEvent as LeadTransferEvent, TransfersState } from './transfer.commands';

export interface TransferNow {
  status: TransferStatus;
  from: Agency;
  to: Agency;
}

export type { NewTransfer, TransferCommand } from './transfer.commands';
export type TransferEvent = TransferDecision;

export const REASON_MAX = 2000;

function requireText(field: string, value: string | null | undefined, max = REASON_MAX): string {
  const v = cleanText(value);
  if (!v) throw badInput(field, 'is required');
  if ([...v].length > max) throw badInput(field, `is longer than ${max} characters`);
  return v;
}

const canAct = (by: Principal) => hasRole(by, 'HANDLER', 'SUPERVISOR');

export function decideTransfer(t: TransferNow, cmd: TransferCommand, by: Principal): TransferDecision {
  if (!canAct(by)) throw forbidden('Acting on a transfer needs the HANDLER or SUPERVISOR role.');
  const receiverOnly = (what: string) => {
    if (by.agency !== t.to) throw forbidden(`Only ${t.to}, the receiving agency, may ${what} this transfer.`);
  };
  switch (cmd.type) {
    case 'accept':
      receiverOnly('accept');
      if (t.status !== 'REQUESTED') throw invalidTransition(`This transfer is ${t.status}; only a REQUESTED transfer can be accepted.`);
      return { type: 'accepted', status: 'ACCEPTED' };
    case 'reject': {
      receiverOnly('return');
      if (t.status !== 'REQUESTED') throw invalidTransition(`This transfer is ${t.status}; only a REQUESTED transfer can be returned.`);
      return { type: 'rejected', status: 'REJECTED', reason: requireText('reason', cmd.reason) };
    }
    case 'cancel': {
      if (by.agency !== t.from) throw forbidden(`Only ${t.from}, the sending agency, may cancel this transfer.`);
      if (t.status !== 'REQUESTED') throw invalidTransition(`This transfer is ${t.status}; a transfer can be cancelled only before it is accepted.`);
      return { type: 'cancelled', status: 'CANCELLED', reason: requireText('reason', cmd.reason) };
    }
    case 'feedback': {
      receiverOnly('give feedback on');
      if (t.status !== 'ACCEPTED') {
        throw invalidTransition(
          t.status === 'REQUESTED'
            ? 'Accept the transfer before giving feedback on it.'
            : `This transfer is ${t.status}; feedback is given only while it is ACCEPTED.`,
        );
      }
      const problems: InvalidField[] = [];
      const summary = cleanText(cmd.summary);
      if (!summary) problems.push({ field: 'input.summary', message: 'is required' });
      else if ([...summary].length > REASON_MAX) problems.push({ field: 'input.summary', message: `is longer than ${REASON_MAX} characters` });
      const amount = cmd.amountRecovered ?? null;
      const amountProblem = amount !== null ? moneyProblem(amount) : undefined;
      if (amountProblem) problems.push({ field: 'input.amountRecovered', message: amountProblem });
      const workers = cmd.workersPaid ?? null;
      if (workers !== null && (!Number.isInteger(workers) || workers < 0 || workers > 1_000_000)) {
        problems.push({ field: 'input.workersPaid', message: 'must be a whole number from 0' });
      }
      if (problems.length) throw invalidInput(problems);
      return {
        type: 'feedbackGiven',
        status: cmd.final ? 'COMPLETED' : 'ACCEPTED',
        final: cmd.final,
        summary,
        amountRecovered: amount === null ? null : toFen(amount),
        workersPaid: workers,
      };
    }
  }
}

/** Which agencies may send which kind of transfer to whom. */
const KIND_RULES: Record<TransferKind, { from?: Agency[]; to?: Agency[]; what: string }> = {
  REFERRAL: { what: 'a referral for handling, between any two agencies' },
  SUPPORT_TO_SUE: { from: ['UNION', 'INSPECTION'], to: ['PROCURATORATE'], what: 'an application for support to sue, from a union or labour inspection to a procuratorate' },
  COURT_FILING: { from: ['PROCURATORATE'], to: ['COURT'], what: 'a filing with the court, from a procuratorate' },
  DELEGATED_MEDIATION: { from: ['COURT'], to: ['UNION'], what: 'mediation delegated by a court to a union (诉调对接)' },
};

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
  if (!canAct(by)) throw forbidden('Transferring a lead needs the HANDLER or SUPERVISOR role.');
  if (!sender || sender.closureState !== 'OPEN' || !['ORIGINATED', 'ACCEPTED', 'TRANSFERRED_OUT'].includes(sender.transferState)) {
    throw invalidTransition(
      !sender
        ? `${by.agency} has no case on this lead, so it cannot transfer it.`
        : sender.closureState !== 'OPEN'
          ? `${by.agency} has closed its case on this lead; reopen it before transferring the lead.`
          : `${by.agency}'s case on this lead is ${sender.transferState}; only an agency handling the lead (its own intake or an accepted transfer) can transfer it.`,
    );
  }
  if (t.to === by.agency) throw badInput('input.to', 'must be another agency than yours');
  const rule = KIND_RULES[t.kind];
  if ((rule.from && !rule.from.includes(by.agency)) || (rule.to && !rule.to.includes(t.to))) {
    throw badInput('input.kind', `${t.kind} is ${rule.what}; it cannot go from ${by.agency} to ${t.to}`);
  }
  if (t.feedbackDueAt) {
    if (Number.isNaN(t.feedbackDueAt.getTime())) throw badInput('input.feedbackDueAt', 'must be an RFC 3339 time with a time zone');
    if (t.feedbackDueAt.getTime() <= now.getTime()) throw badInput('input.feedbackDueAt', 'must be in the future');
  }
  if (openTransfers.some((o) => o.to === t.to && o.from === by.agency && (o.status === 'REQUESTED' || o.status === 'ACCEPTED'))) {
    throw conflict(`This lead already has an open transfer from ${by.agency} to ${t.to}.`);
  }
  return { reason: requireText('input.reason', t.reason) };
}

/** The transfer decider: the lead's transfers as locked, a send or an act on one, and what happened. */
export function decideTransferCommand(s: TransfersState, cmd: LeadTransferCommand): LeadTransferEvent {
  const by = cmd.by;
  if (cmd.type === 'send') {
    const sender = s.involved.find((r) => r.agency === by.agency);
    const { reason } = checkNewTransfer(cmd.transfer, by, sender, s.transfers, cmd.at);
    const due = cmd.transfer.feedbackDueAt ?? s.defaultFeedbackDueAt;
    const facts = { kind: cmd.transfer.kind, from: by.agency, to: cmd.transfer.to, feedbackDueAt: due.toISOString(), feedbackDueOn: shanghaiDate(due) };
    return event('TRANSFER_REQUESTED', { type: 'Transfer', id: s.newTransferId }, s.leadId, facts, { reason });
  }
  const t = s.transfers.find((x) => x.id === cmd.transferId)!;
  const d = decideTransfer(t, cmd.act, by);
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
      const figures = { amountRecoveredFen: d.amountRecovered?.toString() ?? null, workersPaid: d.workersPaid };
      return d.final
        ? event('FEEDBACK_FINAL', entity, s.leadId, { ...route, status: 'COMPLETED', ...figures }, { summary: d.summary })
        : event('FEEDBACK_INTERIM', entity, s.leadId, { ...route, status: 'ACCEPTED', ...figures }, { summary: d.summary });
    }
  }
}
