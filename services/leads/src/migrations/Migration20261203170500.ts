import { Migration } from '@mikro-orm/migrations';

/** Staff notifications (append-only, one per dedupe key) and who read which (once). */
export class Migration20261203170500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "notification" ("id" bigserial primary key, "dedupe_key" text not null, "kind" text not null, "lead_id" uuid not null, "reference_no" text not null,
      "agency" text not null, "region" text null, "role" text null, "staff_id" text null, "facts" jsonb not null, "at" timestamptz not null,
      constraint "notification_dedupe_key_unique" unique ("dedupe_key"),
      constraint "notification_one_recipient" check ((staff_id is null) <> (region is null)));`);
    // A unit's notifications are found by agency and the region's prefix (a jurisdiction), newest first.
    // The role rides along, so the unread count reads the index alone.
    this.addSql(`create index "notification_unit_idx" on "notification" ("agency", "region" text_pattern_ops, "id") include ("role") where "staff_id" is null;`);
    this.addSql(`create index "notification_staff_idx" on "notification" ("staff_id", "id") where "staff_id" is not null;`);
    this.addSql(`create trigger "notification_append_only" before update or delete on "notification" for each row execute function hub_refuse_change();`);
    this.addSql(`create table "notification_read" ("staff_id" text not null, "notification_id" bigint not null references "notification" ("id"), "read_at" timestamptz not null,
      constraint "notification_read_pkey" primary key ("staff_id", "notification_id"));`);
    this.addSql(`create trigger "notification_read_append_only" before update or delete on "notification_read" for each row execute function hub_refuse_change();`);
  }
}
