/** The union's first-contact responsibility (首问负责制) and legal aid. Pure. */
import { hasRole, type Principal } from '../../../../../lib/auth';
import { invalid, type InvalidField, invalidInput, refuse } from '../../../../../lib/errors';
import { actDay } from '../../../../../lib/domain/act-dates';
import { TEXT_MAX, cleanText, holdsLead, textLength } from '../../../../../lib/vocabulary';
import { event } from '../../../../../lib/vocabulary/events';
import type { UnionCaseState, UnionCaseworkCommand, UnionCaseworkEvent } from './legal-aid.commands';


/** Only a union SUPERVISOR hands a case to another first-contact handler, and says why. */
export function decideReassignment(by: Principal, c: { handler: string; closureState: string }, handler: string, note: string): { handler: string; note: string } {
  if (by.agency !== 'UNION' || !hasRole(by, 'SUPERVISOR')) throw refuse('REASSIGN_SUPERVISOR_REQUIRED');
  if (c.closureState !== 'OPEN') throw refuse('UNION_CASE_CLOSED');
  const problems: InvalidField[] = [];
  const to = cleanText(handler);
  const why = cleanText(note);
  if (!to) problems.push(invalid('handler', 'HANDLER_REQUIRED'));
  else if (textLength(to) > 100) problems.push(invalid('handler', 'TEXT_TOO_LONG', { max: 100 }));
  else if (to === c.handler) problems.push(invalid('handler', 'HANDLER_UNCHANGED'));
  if (!why) problems.push(invalid('note', 'REASSIGN_NOTE_REQUIRED'));
  else if (textLength(why) > TEXT_MAX) problems.push(invalid('note', 'TEXT_TOO_LONG', { max: TEXT_MAX }));
  if (problems.length) throw invalidInput(problems);
  return { handler: to, note: why };
}

export function decideLegalAid(
  by: Principal,
  c: { transferState: string; closureState: string; leadReceivedAt?: Date | null },
  r: { provider: string; providedOn: string; note?: string | null },
  now: Date,
): { provider: string; providedOn: string; note: string } {
  if (by.agency !== 'UNION' || !hasRole(by, 'HANDLER', 'SUPERVISOR')) throw refuse('LEGAL_AID_STAFF_REQUIRED');
  if (!holdsLead(c.transferState)) throw refuse('UNION_CASE_NOT_HANDLING', { state: c.transferState });
  const problems: InvalidField[] = [];
  const provider = cleanText(r.provider);
  if (!provider) problems.push(invalid('input.provider', 'LEGAL_AID_PROVIDER_REQUIRED'));
  else if (textLength(provider) > 200) problems.push(invalid('input.provider', 'TEXT_TOO_LONG', { max: 200 }));
  actDay(problems, 'input.providedOn', r.providedOn, { now, leadReceivedAt: c.leadReceivedAt });
  const note = cleanText(r.note);
  if (textLength(note) > TEXT_MAX) problems.push(invalid('input.note', 'TEXT_TOO_LONG', { max: TEXT_MAX }));
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
