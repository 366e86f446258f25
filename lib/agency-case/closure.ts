/**
 * Closing (结案) and reopening an agency's own case. Pure: decides from the case as it is now.
 * An agency cannot close while it owes final feedback on a transfer it accepted; a case it was
 * only asked to take (pending, returned, withdrawn) is read-only.
 */
import { hasRole, type Principal } from '../auth';
import { forbidden, invalidInput, invalidTransition, type InvalidField } from '../errors';
import { checkRecovery } from './recovery';
import type { Agency, ClosureReason } from '../domain/enums';
import type { ClosureFacts } from '../messages';

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

const NOTE_MAX = 2000;
const clean = (s: string | null | undefined) => (s ?? '').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim();

function mayAct(c: CaseNow, agency: Agency, by: Principal, what: string) {
  if (by.agency !== agency) throw forbidden(`Only ${agency} staff may ${what} ${agency}'s case.`);
  if (!hasRole(by, 'HANDLER', 'SUPERVISOR')) throw forbidden(`To ${what} a case needs the HANDLER or SUPERVISOR role.`);
  if (c.transferState === 'PENDING_ACCEPTANCE' && c.closureState === 'OPEN') throw invalidTransition('The lead is waiting for your agency to accept or return it; do that first.');
  if (c.transferState === 'RETURNED') throw invalidTransition('Your agency returned this lead: its case is read-only.');
}

export function decideClose(c: CaseNow, cmd: CloseCommand, agency: Agency, by: Principal, at: Date): ClosureFacts {
  mayAct(c, agency, by, 'close');
  if (c.closureState === 'CLOSED') throw invalidTransition('This case is already closed.');
  if (c.feedbackState === 'DUE') {
    throw invalidTransition('Your agency owes final feedback on a transfer it accepted: give the final feedback before closing the case.');
  }
  const problems: InvalidField[] = [];
  const recovery = checkRecovery({ amountOwedFen: c.amountOwedFen == null ? null : BigInt(c.amountOwedFen), workerCount: c.workerCount ?? null }, cmd, problems);
  if (!Number.isInteger(cmd.workersPaid) || cmd.workersPaid < 0 || cmd.workersPaid > 1_000_000) {
    problems.push({ field: 'input.workersPaid', message: 'must be a whole number from 0' });
  }
  const note = clean(cmd.note);
  if ([...note].length > NOTE_MAX) problems.push({ field: 'input.note', message: `is longer than ${NOTE_MAX} characters` });
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
  if (c.closureState !== 'CLOSED') throw invalidTransition('This case is open.');
  if (c.closureReason === 'WITHDRAWN' && c.transferState === 'PENDING_ACCEPTANCE') {
    throw invalidTransition('The transfer that gave your agency this case was withdrawn; the sender can transfer the lead again.');
  }
  const text = clean(note);
  if (!text) throw invalidInput([{ field: 'note', message: 'is required: say why the case is reopened' }]);
  if ([...text].length > NOTE_MAX) throw invalidInput([{ field: 'note', message: `is longer than ${NOTE_MAX} characters` }]);
  return { note: text };
}
