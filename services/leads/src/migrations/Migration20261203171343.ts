import { Migration } from '@mikro-orm/migrations';
import { acceptBy } from '../modules/transfer/deadlines';
import type { Agency } from '../../../../lib/domain/enums';

/**
 * The lead list's 最近期限 order (issue 16): each agency's nearest deadline on its lead_agency row
 * (accepting a lead sent to it, or feedback it owes or awaits), kept by syncAgencies, walked
 * through lead_agency_deadline_idx (docs/performance.md). Backfilled: feedback from the stored
 * feedback_due_at, acceptance from the transfers still waiting, by the working calendar.
 */
export class Migration20261203171343 extends Migration {
  override async up(): Promise<void> {
    const waiting = (await this.execute(`select lead_id, to_agency, requested_at from transfer where status = 'REQUESTED'`)) as { lead_id: string; to_agency: Agency; requested_at: Date | string }[];
    const due = waiting
      .map((t) => ({ lead_id: t.lead_id, agency: t.to_agency, at: acceptBy(t.to_agency, new Date(t.requested_at))?.toISOString() }))
      .filter((t) => t.at != null);
    this.addSql(`alter table "lead_agency" add column "deadline_at" timestamptz null;`);
    this.addSql(`update "lead_agency" set "deadline_at" = "feedback_due_at" where "feedback_due_at" is not null and "feedback_state" in ('DUE', 'AWAITING');`);
    if (due.length) {
      // Only uuids, agency names and ISO times: nothing in the literal needs quoting.
      this.addSql(
        `update "lead_agency" la set "deadline_at" = least(la."deadline_at", d.at)
           from (select lead_id, agency, min(at) as at from jsonb_to_recordset('${JSON.stringify(due)}'::jsonb) as x(lead_id uuid, agency text, at timestamptz) group by 1, 2) d
          where la.lead_id = d.lead_id and la.agency = d.agency and la.transfer_state = 'PENDING_ACCEPTANCE';`,
      );
    }
    this.addSql(`create index "lead_agency_deadline_idx" on "lead_agency" ("agency", "deadline_at", "lead_id") include ("lead_region_code") where "deadline_at" is not null;`);
  }
}
