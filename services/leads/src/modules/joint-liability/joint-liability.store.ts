import type { EntityManager } from '@mikro-orm/postgresql';
import type { JointLiabilityRecorded } from '../../../../../lib/messages';
import { findOrCreateEmployer } from '../employer/employer.store';

/** Links a court outcome to its jointly liable employers, found or created as at intake; a replay adds nothing. */
export async function recordJointLiability(em: EntityManager, m: JointLiabilityRecorded): Promise<void> {
  const ids: string[] = [];
  for (const e of m.employers) ids.push(await findOrCreateEmployer(em, e));
  await em.flush();
  for (const [position, employerId] of ids.entries()) {
    await em.execute(
      'insert into joint_liability (outcome_id, position, lead_id, employer_id, recorded_at) values (?, ?, ?, ?, now()) on conflict do nothing',
      [m.outcomeId, position, m.leadId, employerId],
    );
  }
}
