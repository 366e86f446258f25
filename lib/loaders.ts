import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from './identifiers';
import { readRecords } from './read-records';

/** Rows of one entity per lead id, in one query for a whole page of leads. */
export function rowsByLead<T extends { leadId: string }>(em: EntityManager, entity: new () => T, orderBy: Record<string, 'asc' | 'desc'>) {
  return new DataLoader<string, T[]>(async (ids) => {
    const rows = await readRecords<T>(em, entity, { leadId: { $in: ids.filter(isUuid) } } as never, orderBy as never);
    const byLead = new Map<string, T[]>(ids.map((id) => [id, []]));
    for (const r of rows) byLead.get(r.leadId)?.push(r);
    return ids.map((id) => byLead.get(id)!);
  });
}
