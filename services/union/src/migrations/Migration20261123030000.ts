import { Migration } from '@mikro-orm/migrations';

/** Legal aid records. */
export class Migration20261123030000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "legal_aid" ("id" bigserial primary key, "lead_id" uuid not null, "provider" text not null, "provided_on" date not null, "note" text not null, "recorded_at" timestamptz not null, "recorded_by" text not null);`);
    this.addSql(`create index "legal_aid_lead_id_index" on "legal_aid" ("lead_id");`);
    this.addSql(`create trigger "legal_aid_append_only" before update or delete on "legal_aid" for each row execute function hub_refuse_change();`);
  }
}
