import { Migration } from '@mikro-orm/migrations';
import { PLATFORM_TABLES_SQL } from '../../../../lib/platform-migration';

/** The lead registry: leads, complainants, employers, agencies' involvement, timeline. */
export class Migration20261123000000 extends Migration {
  override async up(): Promise<void> {
    for (const sql of PLATFORM_TABLES_SQL) this.addSql(sql);
    this.addSql(`create table "employer" ("id" uuid not null, "name" text not null, "normalized_name" text not null, "credit_code" text null, "created_at" timestamptz not null, constraint "employer_pkey" primary key ("id"));`);
    this.addSql(`create index "employer_normalized_name_index" on "employer" ("normalized_name");`);
    this.addSql(`alter table "employer" add constraint "employer_credit_code_unique" unique ("credit_code");`);

    this.addSql(`create table "lead" ("id" uuid not null, "reference_no" text not null, "received_at" timestamptz not null, "intake_agency" text not null, "channel" text not null, "region_code" text not null, "employer_id" uuid not null, "project_name" text null, "general_contractor_id" uuid null, "industry" text not null, "worker_count" int not null, "amount_owed_fen" bigint not null, "wage_period_start" date null, "wage_period_end" date null, "description" text not null, "duplicate_of_id" uuid null, "reported_by" text not null, "created_at" timestamptz not null, "version" int not null default 1, constraint "lead_pkey" primary key ("id"),
      constraint "lead_worker_count_check" check ("worker_count" >= 1),
      constraint "lead_amount_owed_check" check ("amount_owed_fen" >= 0),
      constraint "lead_wage_period_check" check ("wage_period_start" is null or "wage_period_end" is null or "wage_period_start" <= "wage_period_end"),
      constraint "lead_region_code_check" check ("region_code" ~ '^[0-9]{6}$'));`);
    this.addSql(`alter table "lead" add constraint "lead_reference_no_unique" unique ("reference_no");`);
    this.addSql(`alter table "lead" add constraint "lead_employer_fk" foreign key ("employer_id") references "employer" ("id") deferrable initially deferred;`);
    this.addSql(`alter table "lead" add constraint "lead_general_contractor_fk" foreign key ("general_contractor_id") references "employer" ("id") deferrable initially deferred;`);
    this.addSql(`alter table "lead" add constraint "lead_duplicate_of_fk" foreign key ("duplicate_of_id") references "lead" ("id") deferrable initially deferred;`);
    this.addSql(`create index "lead_employer_id_index" on "lead" ("employer_id");`);
    this.addSql(`create index "lead_region_received_idx" on "lead" ("region_code" text_pattern_ops, "received_at", "id");`);
    this.addSql(`create index "lead_received_idx" on "lead" ("received_at", "id");`);
    this.addSql(`create trigger "lead_no_delete" before delete on "lead" for each row execute function hub_refuse_change();`);

    this.addSql(`create table "complainant" ("id" bigserial primary key, "lead_id" uuid not null, "ordinal" int not null, "name" text not null, "id_number" text null, "phone" text null);`);
    this.addSql(`alter table "complainant" add constraint "complainant_lead_fk" foreign key ("lead_id") references "lead" ("id") deferrable initially deferred;`);
    this.addSql(`create index "complainant_lead_id_index" on "complainant" ("lead_id");`);

    this.addSql(`create table "lead_agency" ("lead_id" uuid not null, "agency" text not null, "transfer_state" text not null, "feedback_state" text not null, "closure_state" text not null, "closure_reason" text null, "amount_recovered_fen" bigint null, "workers_paid" int null, "closure_note" text null, "closed_at" timestamptz null, "closed_by" text null, "involved_since" timestamptz not null, "version" int not null default 1, constraint "lead_agency_pkey" primary key ("lead_id", "agency"),
      constraint "lead_agency_agency_check" check ("agency" in ('UNION','INSPECTION','PROCURATORATE','COURT')),
      constraint "lead_agency_closure_state_check" check ("closure_state" in ('OPEN','CLOSED')));`);
    this.addSql(`alter table "lead_agency" add constraint "lead_agency_lead_fk" foreign key ("lead_id") references "lead" ("id") deferrable initially deferred;`);
    this.addSql(`create index "lead_agency_agency_idx" on "lead_agency" ("agency", "lead_id");`);
    this.addSql(`create trigger "lead_agency_no_delete" before delete on "lead_agency" for each row execute function hub_refuse_change();`);

    this.addSql(`create table "reference_counter" ("region_code" text not null, "year" int not null, "last" int not null, constraint "reference_counter_pkey" primary key ("region_code", "year"));`);

    this.addSql(`create table "timeline_entry" ("id" bigserial primary key, "lead_id" uuid not null, "at" timestamptz not null, "agency" text not null, "actor" text not null, "kind" text not null, "summary" text not null);`);
    this.addSql(`create index "timeline_entry_lead_idx" on "timeline_entry" ("lead_id", "at", "id");`);
    this.addSql(`create trigger "timeline_entry_append_only" before update or delete on "timeline_entry" for each row execute function hub_refuse_change();`);
  }
}
