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
import { badInput, conflict, forbidden, invalidInput, invalidTransition, type InvalidField } from '../../../../../lib/errors';
import { moneyProblem, toFen, type Fen } from '../../../../../lib/money';
import type { Agency, TransferKind, TransferState, TransferStatus } from '../../../../../lib/domain/enums';
import { cleanText } from '../lead/lead.intake';

export interface TransferNow {
  status: TransferStatus;
  from: Agency;
  to: Agency;
}

export type TransferCommand =
  | { type: 'accept' }
  | { type: 'reject'; reason: string }
  | { type: 'cancel'; reason: string }
  | {
      type: 'feedback';
      final: boolean;
      summary: string;
      amountRecovered?: string | null;
      compensationRecovered?: string | null;
      workersPaid?: number | null;
      /** Given by staff (giveFeedback), so checked against the lead's figures; an agency's automatic feedback is not refused. */
      fromStaff?: boolean;
    };

export type TransferEvent =
  | { type: 'accepted'; status: 'ACCEPTED' }
  | { type: 'rejected'; status: 'REJECTED'; reason: string }
  | { type: 'cancelled'; status: 'CANCELLED'; reason: string }
  | { type: 'feedbackGiven'; status: 'ACCEPTED' | 'COMPLETED'; final: boolean; summary: string; amountRecovered: Fen | null; compensationRecovered: Fen | null; workersPaid: number | null };

export const REASON_MAX = 2000;

function requireText(field: string, value: string | null | undefined, max = REASON_MAX): string {
  const v = cleanText(value);
  if (!v) throw badInput(field, 'is required');
  if ([...v].length > max) throw badInput(field, `is longer than ${max} characters`);
  return v;
}

const canAct = (by: Principal) => hasRole(by, 'HANDLER', 'SUPERVISOR');

export function decideTransfer(t: TransferNow, cmd: TransferCommand, by: Principal, lead: LeadFigures = { amountOwedFen: null, workerCount: null }): TransferEvent {
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
      const compensation = cmd.compensationRecovered ?? null;
      const workers = cmd.workersPaid ?? null;
      if (workers !== null && (!Number.isInteger(workers) || workers < 0 || workers > 1_000_000)) {
        problems.push({ field: 'input.workersPaid', message: 'must be a whole number from 0' });
      }
      if (cmd.fromStaff && (amount !== null || compensation !== null || workers !== null)) {
        checkRecovery(lead, { amountRecovered: amount ?? '0.00', compensationRecovered: compensation, workersPaid: workers ?? 0 }, problems);
      } else {
        const amountProblem = amount !== null ? moneyProblem(amount) : undefined;
        if (amountProblem) problems.push({ field: 'input.amountRecovered', message: amountProblem });
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

/** Which agencies may send which kind of transfer to whom. */
const KIND_RULES: Record<TransferKind, { from?: Agency[]; to?: Agency[]; what: string }> = {
  REFERRAL: { what: 'a referral for handling, between any two agencies' },
  SUPPORT_TO_SUE: { from: ['UNION', 'INSPECTION'], to: ['PROCURATORATE'], what: 'an application for support to sue, from a union or labour inspection to a procuratorate' },
  COURT_FILING: { from: ['PROCURATORATE'], to: ['COURT'], what: 'a filing with the court, from a procuratorate' },
  DELEGATED_MEDIATION: { from: ['COURT'], to: ['UNION'], what: 'mediation delegated by a court to a union (诉调对接)' },
};

export interface NewTransfer {
  to: Agency;
  kind: TransferKind;
  reason: string;
  feedbackDueAt?: Date | null;
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
