/**
 * The evidence checklist (《保障农民工工资支付条例》第五十条): the employer must produce its labour
 * contracts, roster and payroll ledger. Each request is dated when it was made; each document is
 * then received (dated, not before it was asked for) or recorded as not provided, with a note.
 * A case closed as paid in full, or after a payment order, rests on the payroll ledger: without
 * it, a reason must be on record. Pure.
 */
import type { ClosureReason, EvidenceItem } from '../../../../../lib/domain/enums';
import { badInput, invalid, invalidInput, refuse, type InvalidField } from '../../../../../lib/errors';
import { actDay } from '../../../../../lib/domain/act-dates';
import { event } from '../../../../../lib/vocabulary/events';
import { TEXT_MAX, cleanText, textLength } from '../../../../../lib/vocabulary';
import { mayWork } from '../casework/inspection.rules';
import type { ChecklistCommand, ChecklistEvent, ChecklistState, EvidenceRequestNow } from './checklist.commands';

/** The latest request for an item: what the checklist shows for it. */
export const latestRequest = (requests: readonly EvidenceRequestNow[], item: EvidenceItem): EvidenceRequestNow | undefined => requests.filter((r) => r.item === item).at(-1);

/** The payroll ledger came, on this day (null: it did not, or was never asked for). */
export function ledgerReceivedOn(requests: readonly EvidenceRequestNow[]): string | null {
  const received = requests.find((r) => r.item === 'PAYROLL_LEDGER' && r.outcome === 'RECEIVED');
  return received?.receivedOn ?? null;
}

function text(field: string, value: string): string {
  const t = cleanText(value, 'paragraph');
  if (!t) throw badInput(field, 'FIELD_REQUIRED');
  if (textLength(t) > TEXT_MAX) throw badInput(field, 'TEXT_TOO_LONG', { max: TEXT_MAX });
  return t;
}

/**
 * Closing as paid in full, or once a payment order was issued, needs the payroll ledger received
 * or a recorded reason to close without it; refused at the closure reason the form chose.
 */
export function checkLedgerBeforeClose(s: { requests: readonly EvidenceRequestNow[]; closeWithoutLedgerReason: string | null; paymentOrders: number }, reason: ClosureReason): void {
  if (reason !== 'PAID_IN_FULL' && s.paymentOrders === 0) return;
  if (ledgerReceivedOn(s.requests) || s.closeWithoutLedgerReason) return;
  throw invalidInput([invalid('input.reason', 'PAYROLL_LEDGER_REQUIRED_BEFORE_CLOSE')]);
}

/** The checklist decider: the case and its requests as locked, the command, what happened. */
export function decideChecklist(s: ChecklistState, cmd: ChecklistCommand): ChecklistEvent {
  mayWork(cmd.by, s.case);
  const entity = { type: 'InspectionCase', id: s.leadId };
  const bounds = { now: cmd.at, leadReceivedAt: s.case.leadReceivedAt };
  if (cmd.type === 'recordCloseWithoutLedgerReason') {
    const on = ledgerReceivedOn(s.requests);
    if (on) throw refuse('LEDGER_ALREADY_RECEIVED', { on });
    return event('CLOSE_WITHOUT_LEDGER_REASONED', entity, s.leadId, { item: 'PAYROLL_LEDGER' }, { reason: text('reason', cmd.reason) });
  }
  const last = latestRequest(s.requests, cmd.item);
  const received = s.requests.find((r) => r.item === cmd.item && r.outcome === 'RECEIVED');
  if (received) throw refuse('EVIDENCE_ALREADY_RECEIVED', { on: received.receivedOn ?? '' });
  switch (cmd.type) {
    case 'requestEvidence': {
      if (last && last.outcome === null) throw refuse('EVIDENCE_ALREADY_REQUESTED', { on: last.requestedOn });
      const problems: InvalidField[] = [];
      const requestedOn = actDay(problems, 'input.requestedOn', cmd.requestedOn, { ...bounds, after: last ? { at: last.requestedOn, reason: 'DATE_BEFORE_EVIDENCE_REQUEST' } : null });
      if (problems.length) throw invalidInput(problems);
      return event('EVIDENCE_REQUESTED', entity, s.leadId, { item: cmd.item, requestedOn, again: !!last });
    }
    case 'recordEvidenceReceived': {
      // A document refused at first may still come later: it is received against the latest request.
      if (!last) throw refuse('EVIDENCE_NOT_REQUESTED');
      const problems: InvalidField[] = [];
      const receivedOn = actDay(problems, 'input.receivedOn', cmd.receivedOn, { ...bounds, after: { at: last.requestedOn, reason: 'DATE_BEFORE_EVIDENCE_REQUEST' } });
      if (problems.length) throw invalidInput(problems);
      return event('EVIDENCE_RECEIVED', entity, s.leadId, { item: cmd.item, requestedOn: last.requestedOn, receivedOn });
    }
    case 'recordEvidenceNotProvided': {
      if (!last) throw refuse('EVIDENCE_NOT_REQUESTED');
      if (last.outcome === 'NOT_PROVIDED') throw refuse('EVIDENCE_ALREADY_NOT_PROVIDED');
      return event('EVIDENCE_NOT_PROVIDED', entity, s.leadId, { item: cmd.item, requestedOn: last.requestedOn }, { note: text('input.note', cmd.note) });
    }
  }
}
