import { Migration } from '@mikro-orm/migrations';

/**
 * Lead lists start from the caller's own involvement rows (lead_agency), newest lead first. Each
 * involvement row carries a copy of its lead's region and receipt time (both fixed at intake), so
 * one index walk in time order finds the page without sorting a province's leads or visiting the
 * lead table for rows the filter drops. Every writer (the service, scripts/seed) sets the copy;
 * NOT NULL refuses a row that lacks it.
 */
export class Migration20261123100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "lead_agency" add column "lead_region_code" text null, add column "lead_received_at" timestamptz null;`);
    this.addSql(`update "lead_agency" a set "lead_region_code" = l."region_code", "lead_received_at" = l."received_at" from "lead" l where l."id" = a."lead_id";`);
    this.addSql(`alter table "lead_agency" alter column "lead_region_code" set not null, alter column "lead_received_at" set not null;`);
    // The same for transfers, read by the receiving agency's inbox: pending ones are few, so a
    // small partial index walked oldest first, filtered on region inside the index.
    this.addSql(`alter table "transfer" add column "lead_region_code" text null;`);
    this.addSql(`update "transfer" t set "lead_region_code" = l."region_code" from "lead" l where l."id" = t."lead_id";`);
    this.addSql(`alter table "transfer" alter column "lead_region_code" set not null;`);
    this.addSql(`create index "transfer_pending_idx" on "transfer" ("to_agency", "requested_at", "id") include ("lead_region_code") where "status" = 'REQUESTED';`);
    this.addSql(`create function hub_lead_keeps_place_and_time() returns trigger language plpgsql as $$
begin
  if new.region_code is distinct from old.region_code or new.received_at is distinct from old.received_at then
    raise exception 'a lead''s region and receipt time are fixed at intake' using errcode = 'check_violation';
  end if;
  return new;
end $$;`);
    this.addSql(`create trigger "lead_keeps_place_and_time" before update of "region_code", "received_at" on "lead" for each row execute function hub_lead_keeps_place_and_time();`);
    this.addSql(`create index "lead_agency_list_idx" on "lead_agency" ("agency", "lead_received_at", "lead_id") include ("lead_region_code", "closure_state");`);
    // Counting a region's leads (totalCount) reads this one alone.
    this.addSql(`create index "lead_agency_region_idx" on "lead_agency" ("agency", "lead_region_code" text_pattern_ops, "closure_state");`);
    this.addSql(`create index "lead_agency_state_list_idx" on "lead_agency" ("agency", "closure_state", "lead_received_at", "lead_id") include ("lead_region_code");`);
  }
}
