import { Migration } from '@mikro-orm/migrations';

/**
 * The notices owed to complainants (首问负责制): one per event and complainant (the unique key makes
 * a replayed event owe nothing twice), drained by the organisation's SMS or letter service. Kept
 * for good: a notice changes state (sent, failed) but is never deleted.
 */
export class Migration20261203172350 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "complainant_notice" ("id" bigserial primary key, "lead_id" uuid not null, "lead_region_code" text not null, "reference_no" text not null,
      "complainant_id" bigint not null, "complainant_ordinal" int not null, "kind" text not null, "event_key" text not null, "agency" text not null, "unit" text not null,
      "text" text not null, "status" text not null default 'PENDING', "channel" text null, "sent_at" timestamptz null, "failed_reason" text null, "attempts" int not null default 0,
      "created_at" timestamptz not null, "updated_at" timestamptz not null);`);
    this.addSql(`create unique index "complainant_notice_event_uq" on "complainant_notice" ("event_key", "complainant_id");`);
    this.addSql(`create index "complainant_notice_lead_idx" on "complainant_notice" ("lead_id", "id");`);
    this.addSql(`create index "complainant_notice_queue_idx" on "complainant_notice" ("agency", "status", "lead_region_code" text_pattern_ops, "id");`);
    this.addSql(`create trigger "complainant_notice_no_delete" before delete on "complainant_notice" for each row execute function hub_refuse_change();`);
  }
}
