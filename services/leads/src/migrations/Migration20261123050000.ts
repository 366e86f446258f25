import { Migration } from '@mikro-orm/migrations';

/**
 * Reports: whether a lead was mediated or given legal service, kept on the lead and backfilled from
 * the timeline; indexes for the weekly, monthly and campaign reports at a million leads.
 */
export class Migration20261123050000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "lead" add column "mediated_or_legal_service" boolean not null default false;`);
    // The kinds of report.rules MEDIATED_OR_LEGAL_SERVICE_KINDS as they were when this ran.
    this.addSql(`update "lead" set "mediated_or_legal_service" = true where "id" in (select "lead_id" from "timeline_entry" where "kind" in ('MEDIATION_RECORDED', 'LEGAL_AID_RECORDED', 'SUPPORT_GRANTED', 'COURT_OUTCOME_RECORDED'));`);
    // The weekly report finds leads resolved in a week from the closures made in it.
    this.addSql(`create index "lead_agency_closed_at_idx" on "lead_agency" ("closed_at") where "closed_at" is not null;`);
  }
}
