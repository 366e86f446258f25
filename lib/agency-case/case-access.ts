import { LockMode, type EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../auth';
import type { Agency } from '../domain/enums';
import { refuse, type Reason } from '../errors';
import { isUuid } from '../identifiers';
import { isWithinJurisdiction } from '../region';
import { TIMELINE_EVENT, type TimelineEvent } from '../messages';
import { commandHandler, type TimelineSink } from '../command/handler';
import type { AgencyCaseRecord } from './agency-case.entity';

export interface CaseAccess {
  /** The agencies whose staff ever act on this case (default: its own agency alone). */
  actors?: readonly Agency[];
  /** What the caller named, for the not-found answer (default: AGENCY_CASE_NOT_FOUND). */
  notFound?: Extract<Reason, 'PAYMENT_ORDER_NOT_FOUND' | 'WAGE_ADVANCE_NOT_FOUND' | 'HEARING_NOT_FOUND' | 'INSTALLMENT_NOT_FOUND'>;
}

/** What a caller is told when what they named does not exist, or is not theirs to see: the same either way. */
export const caseNotFound = (agency: Agency, o: CaseAccess = {}) => (o.notFound ? refuse(o.notFound) : refuse('AGENCY_CASE_NOT_FOUND', { agency }));

/** Refuses staff of an agency that never acts on these cases: from the caller alone, before any lookup. */
export function mayActOnCases(by: Principal, agency: Agency, o: CaseAccess = {}): void {
  const actors = o.actors ?? [agency];
  if (actors.includes(by.agency)) return;
  throw actors.length > 1 ? refuse('COURT_EVENT_AGENCY_ONLY') : refuse('CASE_OF_OTHER_AGENCY', { agency });
}

/**
 * An agency's case on a lead, row-locked for a change. Outside the caller's jurisdiction it does
 * not exist, as leads do not. Whether the caller's agency may act on such cases at all is decided
 * first, from the caller alone: answered before the lookup, it cannot tell a case that exists from
 * one that does not (no existence oracle; test/e2e/existence-oracles.test.ts).
 */
export async function lockAgencyCase<R extends AgencyCaseRecord>(em: EntityManager, entity: EntityClass<R>, leadId: string, by: Principal, agency: Agency, o: CaseAccess = {}): Promise<R> {
  mayActOnCases(by, agency, o);
  const c = isUuid(leadId) ? await em.findOne(entity, { leadId } as never, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true }) : null;
  if (!c || !isWithinJurisdiction(c.regionCode, by.region)) throw caseNotFound(agency, o);
  return c;
}

/** An agency's events go on the lead's shared timeline (kept by the registry) through the outbox. */
export const sendToTimeline: TimelineSink = (tx, e) => {
  const event: TimelineEvent = {
    leadId: e.leadId,
    agency: e.agency,
    actor: e.actor.id,
    kind: e.kind,
    summary: e.summary,
    at: e.at.toISOString(),
    facts: e.facts,
    text: e.text,
    actorName: e.actor.name,
    actorRegion: e.actor.region,
  };
  tx.emit('leads', TIMELINE_EVENT, { ...event });
};

/** The command handler of the agency services (union, inspection, litigation). */
export const handleAgencyCommand = commandHandler(sendToTimeline);
