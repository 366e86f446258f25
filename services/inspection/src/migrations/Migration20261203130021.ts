import { Migration } from '@mikro-orm/migrations';

/**
 * A proposal made before the procedure existed (recommendBlacklist, kept on the case) becomes a
 * procedure at its first step, on the criminal threshold (what recommendBlacklist proposes now),
 * proposed by whoever the audit trail says proposed it.
 */
export const CARRY_OLD_PROPOSALS = `insert into "blacklist_listing" ("id", "lead_id", "state", "ground", "proposed_at", "proposed_on", "proposed_until", "proposed_by", "reason")
  select gen_random_uuid(), c."lead_id", 'PROPOSED', 'CRIMINAL_THRESHOLD', c."blacklist_proposed_at", (c."blacklist_proposed_at" at time zone 'Asia/Shanghai')::date, c."blacklist_until",
    coalesce((select a."actor_id" from "audit_entry" a where a."entity_type" = 'InspectionCase' and a."entity_id" = c."lead_id"::text and a."action" = 'BLACKLIST_PROPOSED' order by a."seq" desc limit 1), c."handler"),
    coalesce(c."blacklist_reason", '')
  from "inspection_case" c
  where c."blacklist_proposed_at" is not null and not exists (select 1 from "blacklist_listing" l where l."lead_id" = c."lead_id");`;

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
    this.addSql(CARRY_OLD_PROPOSALS);
  }
}
