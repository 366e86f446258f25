import { LockMode, type EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../auth';
import type { Tx } from '../context';
import type { Agency } from '../domain/enums';
import { notFound } from '../errors';
import { isUuid } from '../identifiers';
import { isWithinJurisdiction } from '../region';
import { TIMELINE_EVENT, type TimelineEvent } from '../messages';
import type { AgencyCaseRecord } from './agency-case.entity';

/**
 * An agency's case on a lead, row-locked for a change. Outside the caller's jurisdiction it does
 * not exist, as leads do not.
 */
export async function lockAgencyCase<R extends AgencyCaseRecord>(em: EntityManager, entity: EntityClass<R>, leadId: string, by: Principal, agency: Agency): Promise<R> {
  const c = isUuid(leadId) ? await em.findOne(entity, { leadId } as never, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true }) : null;
  if (!c || !isWithinJurisdiction(c.regionCode, by.region)) throw notFound(`${agency}'s case on this lead`);
  return c;
}

/** Puts an agency's event on the lead's shared timeline (kept by the registry) through the outbox. */
export function recordOnTimeline(tx: Tx, e: Omit<TimelineEvent, 'at'>): void {
  const event: TimelineEvent = { ...e, at: new Date().toISOString() };
  tx.emit('leads', TIMELINE_EVENT, { ...event });
}
