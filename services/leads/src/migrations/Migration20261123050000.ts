import { Migration } from '@mikro-orm/migrations';

/**
 * Reports: whether a lead was mediated or given legal service, and when it closed with what it
 * recovered, kept on the lead (backfilled from the timeline and the agencies' closures), so the
 * weekly, monthly and campaign reports read columns of one table at a million leads.
 */
export class Migration20261123050000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "lead" add column "mediated_or_legal_service" boolean not null default false;`);
    // The kinds of report.rules MEDIATED_OR_LEGAL_SERVICE_KINDS as they were when this ran.
    this.addSql(`update "lead" set "mediated_or_legal_service" = true where "id" in (select "lead_id" from "timeline_entry" where "kind" in ('MEDIATION_RECORDED', 'LEGAL_AID_RECORDED', 'SUPPORT_GRANTED', 'COURT_OUTCOME_RECORDED'));`);
    // The lead's own closure (lead.closure.ts) as it stands from its agencies' closures.
    this.addSql(`alter table "lead" add column "closed_at" timestamptz null, add column "amount_recovered_fen" bigint null, add column "workers_paid" int null;`);
    this.addSql(`update "lead" l set "closed_at" = c."closed_at", "amount_recovered_fen" = c."recovered", "workers_paid" = least(c."workers", l."worker_count")
      from (select "lead_id", max("closed_at") as "closed_at", coalesce(max("amount_recovered_fen"), 0) as "recovered", coalesce(max("workers_paid"), 0) as "workers"
              from "lead_agency" where "transfer_state" <> 'RETURNED' group by "lead_id"
            having bool_and("closure_state" = 'CLOSED' and "closed_at" is not null)) c
     where c."lead_id" = l."id";`);
    // The weekly report finds the leads closed in a week.
    this.addSql(`create index "lead_closed_at_idx" on "lead" ("closed_at") where "closed_at" is not null;`);
  }
}
