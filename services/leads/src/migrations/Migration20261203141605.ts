import { Migration } from '@mikro-orm/migrations';

/** Who exported the lead list, with which filters, search and order, and how many rows: append-only. */
export class Migration20261203141605 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "lead_export" ("id" bigserial primary key, "at" timestamptz not null, "format" text not null, "filter" jsonb not null, "search" text null,
      "order_by" text not null, "row_count" int not null, "capped" boolean not null, "unmasked_rows" int not null, "viewer_id" text not null, "viewer_name" text not null,
      "viewer_agency" text not null, "viewer_region" text not null, "request_id" text not null);`);
    this.addSql(`create index "lead_export_viewer_idx" on "lead_export" ("viewer_id", "id");`);
    this.addSql(`create trigger "lead_export_append_only" before update or delete on "lead_export" for each row execute function hub_refuse_change();`);
  }
}
