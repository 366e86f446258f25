/** The union's first-contact responsibility (首问负责制) and legal aid. Pure. */
import { hasRole, type Principal } from '../../../../../lib/auth';
import { invalid, type InvalidField, invalidInput, refuse } from '../../../../../lib/errors';
import { dateProblem, shanghaiDate } from '../../../../../lib/dates';
import { cleanLine } from '../../../../../lib/text';


/** Only a union SUPERVISOR hands a case to another first-contact handler, and says why. */
export function decideReassignment(by: Principal, c: { handler: string; closureState: string }, handler: string, note: string): { handler: string; note: string } {
  if (by.agency !== 'UNION' || !hasRole(by, 'SUPERVISOR')) throw refuse('REASSIGN_SUPERVISOR_REQUIRED');
  if (c.closureState !== 'OPEN') throw refuse('UNION_CASE_CLOSED');
  const problems: InvalidField[] = [];
  const to = cleanLine(handler);
  const why = cleanLine(note);
  if (!to) problems.push(invalid('handler', 'HANDLER_REQUIRED'));
  else if (to.length > 100) problems.push(invalid('handler', 'TEXT_TOO_LONG', { max: 100 }));
  else if (to === c.handler) problems.push(invalid('handler', 'HANDLER_UNCHANGED'));
  if (!why) problems.push(invalid('note', 'REASSIGN_NOTE_REQUIRED'));
  else if (why.length > 2000) problems.push(invalid('note', 'TEXT_TOO_LONG', { max: 2000 }));
  if (problems.length) throw invalidInput(problems);
  return { handler: to, note: why };
}

export function decideLegalAid(
  by: Principal,
  c: { transferState: string; closureState: string },
  r: { provider: string; providedOn: string; note?: string | null },
  now: Date,
): { provider: string; providedOn: string; note: string } {
  if (by.agency !== 'UNION' || !hasRole(by, 'HANDLER', 'SUPERVISOR')) throw refuse('LEGAL_AID_STAFF_REQUIRED');
  if (!['ORIGINATED', 'ACCEPTED', 'TRANSFERRED_OUT'].includes(c.transferState)) throw refuse('UNION_CASE_NOT_HANDLING', { state: c.transferState });
  const problems: InvalidField[] = [];
  const provider = cleanLine(r.provider);
  if (!provider) problems.push(invalid('input.provider', 'LEGAL_AID_PROVIDER_REQUIRED'));
  else if (provider.length > 200) problems.push(invalid('input.provider', 'TEXT_TOO_LONG', { max: 200 }));
  const p = dateProblem(r.providedOn);
  if (p) problems.push(invalid('input.providedOn', p));
  else if (r.providedOn > shanghaiDate(now)) problems.push(invalid('input.providedOn', 'IN_FUTURE'));
  const note = cleanLine(r.note);
  if (note.length > 2000) problems.push(invalid('input.note', 'TEXT_TOO_LONG', { max: 2000 }));
  if (problems.length) throw invalidInput(problems);
  return { provider, providedOn: r.providedOn, note };
}
