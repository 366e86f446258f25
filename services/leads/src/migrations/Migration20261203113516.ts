import { Migration } from '@mikro-orm/migrations';

/**
 * Bulk import of leads: each lead keeps its source reference (线索来源编号), unique per intake
 * agency and region, so importing a file again creates nothing twice; the imports themselves, their
 * files and the rows their reports name.
 */
export class Migration20261203113516 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "lead" add column "source_ref" text null, add column "import_id" uuid null;`);
    this.addSql(`create unique index "lead_source_ref_unique" on "lead" ("intake_agency", "region_code", "source_ref") where "source_ref" is not null;`);
    this.addSql(`create table "lead_import" (
      "id" uuid not null, "agency" text not null, "region" text not null, "imported_by" text not null, "principal" jsonb not null,
      "file_name" text not null, "format" text not null, "digest" text not null, "size_bytes" bigint not null, "status" text not null,
      "all_or_nothing" boolean not null default false, "checked" boolean not null default false,
      "rows_total" int null, "last_row_no" int not null default 0, "rows_read" int not null default 0, "imported" int not null default 0, "refused" int not null default 0,
      "already_present" int not null default 0, "possible_duplicates" int not null default 0, "failure" jsonb null,
      "created_at" timestamptz not null, "started_at" timestamptz null, "finished_at" timestamptz null,
      constraint "lead_import_pkey" primary key ("id"));`);
    this.addSql(`create index "lead_import_status_idx" on "lead_import" ("status");`);
    this.addSql(`create table "lead_import_chunk" ("import_id" uuid not null, "seq" int not null, "data" bytea not null, constraint "lead_import_chunk_pkey" primary key ("import_id", "seq"));`);
    this.addSql(`create table "lead_import_row" (
      "import_id" uuid not null, "row_no" int not null, "outcome" text not null, "source_ref" text null, "problems" jsonb not null,
      "cells" jsonb not null, "lead_id" uuid null, "reference_no" text null,
      constraint "lead_import_row_pkey" primary key ("import_id", "row_no"));`);
    for (const t of ['lead_import', 'lead_import_chunk', 'lead_import_row']) {
      this.addSql(`create trigger "${t}_no_delete" before delete on "${t}" for each row execute function hub_refuse_change();`);
    }
  }
}
