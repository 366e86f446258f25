import { Migration } from '@mikro-orm/migrations';

/** Mass-case alerts for the province level; finding possible duplicates by employer and region. */
export class Migration20261123020000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "mass_case_alert" ("lead_id" uuid not null, "agency" text not null, "province" text not null, "raised_at" timestamptz not null, "acknowledged_at" timestamptz null, "acknowledged_by" text null, constraint "mass_case_alert_pkey" primary key ("lead_id"));`);
    this.addSql(`alter table "mass_case_alert" add constraint "mass_case_alert_lead_fk" foreign key ("lead_id") references "lead" ("id") deferrable initially deferred;`);
    this.addSql(`create index "mass_case_alert_agency_idx" on "mass_case_alert" ("agency", "raised_at", "lead_id");`);
    this.addSql(`create trigger "mass_case_alert_no_delete" before delete on "mass_case_alert" for each row execute function hub_refuse_change();`);
    this.addSql(`create index "lead_region_employer_idx" on "lead" ("region_code", "employer_id");`);
  }
}
