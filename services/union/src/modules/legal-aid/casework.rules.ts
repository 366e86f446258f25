/** The union's first-contact responsibility (首问负责制) and legal aid. Pure. */
import { hasRole, type Principal } from '../../../../../lib/auth';
import { forbidden, invalidInput, invalidTransition, type InvalidField } from '../../../../../lib/errors';
import { dateProblem, shanghaiDate } from '../../../../../lib/dates';
import { cleanLine } from '../../../../../lib/text';
import { event } from '../../../../../lib/vocabulary/events';
import type { UnionCaseState, UnionCaseworkCommand, UnionCaseworkEvent } from './legal-aid.commands';


/** Only a union SUPERVISOR hands a case to another first-contact handler, and says why. */
export function decideReassignment(by: Principal, c: { handler: string; closureState: string }, handler: string, note: string): { handler: string; note: string } {
  if (by.agency !== 'UNION' || !hasRole(by, 'SUPERVISOR')) throw forbidden('Reassigning the first-contact handler needs a union SUPERVISOR.');
  if (c.closureState !== 'OPEN') throw invalidTransition("The union's case on this lead is closed; reopen it first.");
  const problems: InvalidField[] = [];
  const to = cleanLine(handler);
  const why = cleanLine(note);
  if (!to) problems.push({ field: 'handler', message: 'is required: the staff id of the new handler' });
  else if (to.length > 100) problems.push({ field: 'handler', message: 'is longer than 100 characters' });
  else if (to === c.handler) problems.push({ field: 'handler', message: 'is already the handler' });
  if (!why) problems.push({ field: 'note', message: 'is required: say why the case changes hands' });
  else if (why.length > 2000) problems.push({ field: 'note', message: 'is longer than 2000 characters' });
  if (problems.length) throw invalidInput(problems);
  return { handler: to, note: why };
}

export function decideLegalAid(
  by: Principal,
  c: { transferState: string; closureState: string },
  r: { provider: string; providedOn: string; note?: string | null },
  now: Date,
): { provider: string; providedOn: string; note: string } {
  if (by.agency !== 'UNION' || !hasRole(by, 'HANDLER', 'SUPERVISOR')) throw forbidden('Recording legal aid needs a union HANDLER or SUPERVISOR.');
  if (!['ORIGINATED', 'ACCEPTED', 'TRANSFERRED_OUT'].includes(c.transferState)) throw invalidTransition(`The union's case is ${c.transferState}: accept the lead first.`);
  const problems: InvalidField[] = [];
  const provider = cleanLine(r.provider);
  if (!provider) problems.push({ field: 'input.provider', message: 'is required: the lawyer or legal service' });
  else if (provider.length > 200) problems.push({ field: 'input.provider', message: 'is longer than 200 characters' });
  const p = dateProblem(r.providedOn);
  if (p) problems.push({ field: 'input.providedOn', message: p });
  else if (r.providedOn > shanghaiDate(now)) problems.push({ field: 'input.providedOn', message: 'is in the future' });
  const note = cleanLine(r.note);
  if (note.length > 2000) problems.push({ field: 'input.note', message: 'is longer than 2000 characters' });
  if (problems.length) throw invalidInput(problems);
  return { provider, providedOn: r.providedOn, note };
}

/** The union casework decider: the case as it is, the command, and what happened. */
export function decideUnionCasework(c: UnionCaseState, cmd: UnionCaseworkCommand): UnionCaseworkEvent {
  const entity = { type: 'UnionCase', id: c.leadId };
  switch (cmd.type) {
    case 'reassignHandler': {
      const d = decideReassignment(cmd.by, c, cmd.handler, cmd.note);
      return event('HANDLER_REASSIGNED', entity, c.leadId, { from: c.handler, to: d.handler }, { note: d.note });
    }
    case 'recordLegalAid': {
      const d = decideLegalAid(cmd.by, c, cmd, cmd.at);
      return event('LEGAL_AID_RECORDED', entity, c.leadId, { providedOn: d.providedOn }, { provider: d.provider, note: d.note });
    }
  }
}
