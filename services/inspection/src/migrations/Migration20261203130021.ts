import { Migration } from '@mikro-orm/migrations';

/** The blacklist procedure (失信联合惩戒名单): one row per proposal, never deleted. */
export class Migration20261203130021 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "blacklist_listing" (
      "id" uuid not null, "lead_id" uuid not null, "state" text not null, "ground" text not null,
      "proposed_at" timestamptz not null, "proposed_on" date not null, "proposed_until" date not null, "proposed_by" text not null, "reason" text not null,
      "notice_on" date null, "stated_on" date null, "statement_outcome" text null, "statement" text null,
      "decided_on" date null, "decided_by" text null, "decision_reason" text null, "until" date null,
      "removed_on" date null, "arrears_paid_on" date null, "pledge_on" date null, "removal_note" text null, "removed_by" text null,
      "version" integer not null default 1,
      constraint "blacklist_listing_pkey" primary key ("id"),
      constraint "blacklist_listing_state_check" check ("state" in ('PROPOSED','NOTIFIED','HEARD','LISTED','REJECTED','REMOVED_EARLY')),
      constraint "blacklist_listing_ground_check" check ("ground" in ('CRIMINAL_THRESHOLD','MASS_INCIDENT')),
      constraint "blacklist_listing_outcome_check" check ("statement_outcome" is null or "statement_outcome" in ('ADOPTED','NOT_ADOPTED','NONE_MADE')),
      constraint "blacklist_listing_listed_check" check ("state" not in ('LISTED','REMOVED_EARLY') or ("decided_on" is not null and "until" is not null)),
      constraint "blacklist_listing_removed_check" check ("state" <> 'REMOVED_EARLY' or ("removed_on" is not null and "arrears_paid_on" is not null and "pledge_on" is not null)));`);
    this.addSql(`create index "blacklist_listing_lead_id_index" on "blacklist_listing" ("lead_id");`);
    this.addSql(`create trigger "blacklist_listing_no_delete" before delete on "blacklist_listing" for each row execute function hub_refuse_change();`);
  }
}
