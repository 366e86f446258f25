import { Migration } from '@mikro-orm/migrations';

/**
 * Who saw a complainant's unmasked ID number or phone: append-only, and never the number itself
 * (a person is named by a keyed digest of their ID number).
 */
export class Migration20261203072348 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "personal_data_access" ("id" bigserial primary key, "at" timestamptz not null, "kind" text not null, "lead_id" uuid null, "lead_region_code" text null,
      "complainant_ordinal" int null, "subject_digest" text null, "fields" text[] not null, "viewer_id" text not null, "viewer_name" text not null, "viewer_agency" text not null,
      "viewer_region" text not null, "operation" text null, "via" text not null, "request_id" text not null,
      constraint "personal_data_access_kind_check" check ("kind" in ('SEEN', 'SUBJECT_LOOKUP')));`);
    this.addSql(`create index "personal_data_access_lead_idx" on "personal_data_access" ("lead_id", "id");`);
    this.addSql(`create index "personal_data_access_subject_idx" on "personal_data_access" ("subject_digest", "id");`);
    this.addSql(`create trigger "personal_data_access_append_only" before update or delete on "personal_data_access" for each row execute function hub_refuse_change();`);
  }
}
