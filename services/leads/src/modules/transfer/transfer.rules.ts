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
import { badInput, invalid, invalidInput, refuse, type InvalidField } from '../../../../../lib/errors';
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
  | { type: 'feedback'; final: boolean; summary: string; amountRecovered?: string | null; workersPaid?: number | null };

export type TransferEvent =
  | { type: 'accepted'; status: 'ACCEPTED' }
  | { type: 'rejected'; status: 'REJECTED'; reason: string }
  | { type: 'cancelled'; status: 'CANCELLED'; reason: string }
  | { type: 'feedbackGiven'; status: 'ACCEPTED' | 'COMPLETED'; final: boolean; summary: string; amountRecovered: Fen | null; workersPaid: number | null };

export const REASON_MAX = 2000;

function requireText(field: string, value: string | null | undefined, max = REASON_MAX): string {
  const v = cleanText(value);
  if (!v) throw badInput(field, 'FIELD_REQUIRED');
  if ([...v].length > max) throw badInput(field, 'TEXT_TOO_LONG', { max });
  return v;
}

const canAct = (by: Principal) => hasRole(by, 'HANDLER', 'SUPERVISOR');

export function decideTransfer(t: TransferNow, cmd: TransferCommand, by: Principal): TransferEvent {
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
      const summary = cleanText(cmd.summary);
      if (!summary) problems.push(invalid('input.summary', 'FIELD_REQUIRED'));
      else if ([...summary].length > REASON_MAX) problems.push(invalid('input.summary', 'TEXT_TOO_LONG', { max: REASON_MAX }));
      const amount = cmd.amountRecovered ?? null;
      const amountProblem = amount !== null ? moneyProblem(amount) : undefined;
      if (amountProblem) problems.push(invalid('input.amountRecovered', amountProblem));
      const workers = cmd.workersPaid ?? null;
      if (workers !== null && (!Number.isInteger(workers) || workers < 0 || workers > 1_000_000)) {
        problems.push(invalid('input.workersPaid', 'WHOLE_NUMBER_FROM_ZERO'));
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
// What each kind is, in words, is in lib/i18n/labels.ts (TRANSFER_ROUTE).
const KIND_RULES: Record<TransferKind, { from?: Agency[]; to?: Agency[] }> = {
  REFERRAL: {},
  SUPPORT_TO_SUE: { from: ['UNION', 'INSPECTION'], to: ['PROCURATORATE'] },
  COURT_FILING: { from: ['PROCURATORATE'], to: ['COURT'] },
  DELEGATED_MEDIATION: { from: ['COURT'], to: ['UNION'] },
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
  if (!canAct(by)) throw refuse('NEW_TRANSFER_ROLE_REQUIRED');
  if (!sender || sender.closureState !== 'OPEN' || !['ORIGINATED', 'ACCEPTED', 'TRANSFERRED_OUT'].includes(sender.transferState)) {
    throw !sender
      ? refuse('SENDER_HAS_NO_CASE', { agency: by.agency })
      : sender.closureState !== 'OPEN'
        ? refuse('SENDER_CASE_CLOSED', { agency: by.agency })
        : refuse('SENDER_NOT_HANDLING', { agency: by.agency, state: sender.transferState });
  }
  if (t.to === by.agency) throw badInput('input.to', 'TRANSFER_TO_SELF');
  const rule = KIND_RULES[t.kind];
  if ((rule.from && !rule.from.includes(by.agency)) || (rule.to && !rule.to.includes(t.to))) {
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
