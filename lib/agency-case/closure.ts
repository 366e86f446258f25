/**
 * Closing (结案) and reopening an agency's own case. Pure: decides from the case as it is now.
 * An agency cannot close while it owes final feedback on a transfer it accepted; a case it was
 * only asked to take (pending, returned, withdrawn) is read-only.
 */
import { hasRole, type Principal } from '../auth';
import { invalid, invalidInput, refuse, type InvalidField } from '../errors';
import { checkRecovery } from './recovery';
import type { Agency, ClosureReason } from '../domain/enums';
import type { ClosureFacts } from '../messages';
import { event } from '../vocabulary/events';
import { TEXT_MAX, cleanText, textLength } from '../vocabulary/text';
import type { ClosureCommand, ClosureEvent, ClosureState } from './closure.commands';

export interface CaseNow {
  transferState: string;
  feedbackState: string;
  closureState: string;
  closureReason?: string | null;
  /** The lead's figures, as the case keeps them (null when not known). */
  amountOwedFen?: string | null;
  workerCount?: number | null;
}

export interface CloseCommand {
  reason: ClosureReason;
  amountRecovered: string;
  /** Of amountRecovered, the compensation (加付赔偿金); none when not given. */
  compensationRecovered?: string | null;
  workersPaid: number;
  note: string;
}

const NOTE_MAX = TEXT_MAX;
const clean = (s: string | null | undefined) => cleanText(s, 'paragraph');

function mayAct(c: CaseNow, agency: Agency, by: Principal, what: 'close' | 'reopen') {
  if (by.agency !== agency) throw refuse(what === 'close' ? 'CLOSE_OTHER_AGENCY' : 'REOPEN_OTHER_AGENCY', { agency });
  if (!hasRole(by, 'HANDLER', 'SUPERVISOR')) throw refuse(what === 'close' ? 'CLOSE_ROLE_REQUIRED' : 'REOPEN_ROLE_REQUIRED');
  if (c.transferState === 'PENDING_ACCEPTANCE' && c.closureState === 'OPEN') throw refuse('CASE_AWAITING_ACCEPTANCE');
  if (c.transferState === 'RETURNED') throw refuse('CASE_RETURNED');
}

export function decideClose(c: CaseNow, cmd: CloseCommand, agency: Agency, by: Principal, at: Date): ClosureFacts {
  mayAct(c, agency, by, 'close');
  if (c.closureState === 'CLOSED') throw refuse('CASE_ALREADY_CLOSED');
  if (c.feedbackState === 'DUE') {
    throw refuse('FINAL_FEEDBACK_REQUIRED_BEFORE_CLOSE');
  }
  const problems: InvalidField[] = [];
  const recovery = checkRecovery({ amountOwedFen: c.amountOwedFen == null ? null : BigInt(c.amountOwedFen), workerCount: c.workerCount ?? null }, cmd, problems);
  if (!Number.isInteger(cmd.workersPaid) || cmd.workersPaid < 0 || cmd.workersPaid > 1_000_000) {
    problems.push(invalid('input.workersPaid', 'WHOLE_NUMBER_FROM_ZERO'));
  }
  const note = clean(cmd.note);
  if (textLength(note) > NOTE_MAX) problems.push(invalid('input.note', 'TEXT_TOO_LONG', { max: NOTE_MAX }));
  if (problems.length) throw invalidInput(problems);
  return {
    reason: cmd.reason,
    amountRecoveredFen: recovery!.amountRecoveredFen.toString(),
    compensationRecoveredFen: recovery!.compensationRecoveredFen.toString(),
    workersPaid: cmd.workersPaid,
    note,
    closedAt: at.toISOString(),
    closedBy: by.id,
  };
}

export function decideReopen(c: CaseNow, note: string, agency: Agency, by: Principal): { note: string } {
  mayAct(c, agency, by, 'reopen');
  if (c.closureState !== 'CLOSED') throw refuse('CASE_NOT_CLOSED');
  if (c.closureReason === 'WITHDRAWN' && c.transferState === 'PENDING_ACCEPTANCE') {
    throw refuse('REOPEN_AFTER_WITHDRAWAL');
  }
  const text = clean(note);
  if (!text) throw invalidInput([invalid('note', 'REOPEN_NOTE_REQUIRED')]);
  if (textLength(text) > NOTE_MAX) throw invalidInput([invalid('note', 'TEXT_TOO_LONG', { max: NOTE_MAX })]);
  return { note: text };
}

/** The closure decider of every agency's case. */
export function decideClosure(c: ClosureState, cmd: ClosureCommand, agency: Agency, caseName: string): ClosureEvent {
  const entity = { type: caseName, id: c.leadId };
  if (cmd.type === 'close') {
    const f = decideClose(c, cmd.input, agency, cmd.by, cmd.at);
    c.closeCheck?.(f);
    return event('CASE_CLOSED', entity, c.leadId, { reason: cmd.input.reason, amountRecoveredFen: f.amountRecoveredFen, compensationRecoveredFen: f.compensationRecoveredFen, workersPaid: f.workersPaid }, { note: f.note });
  }
  const d = decideReopen(c, cmd.note, agency, cmd.by);
  return event('CASE_REOPENED', entity, c.leadId, { previousReason: c.closureReason ?? null }, { note: d.note });
}
