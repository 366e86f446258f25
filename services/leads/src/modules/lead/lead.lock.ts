import type { EntityManager } from '@mikro-orm/postgresql';
import { refuse } from '../../../../../lib/errors';
import { LeadRecord } from './lead.entity';

/**
 * Every change to a lead's transfers, involvements or closures takes this row lock first, so
 * they apply one at a time per lead. Returns the lead as it is now.
 */
export async function lockLead(em: EntityManager, leadId: string): Promise<LeadRecord> {
  const rows = await em.execute<{ id: string }[]>('select id from lead where id = ? for update', [leadId]);
  if (!rows.length) throw refuse('LEAD_NOT_FOUND');
  return em.findOneOrFail(LeadRecord, { id: leadId }, { refresh: true });
}
