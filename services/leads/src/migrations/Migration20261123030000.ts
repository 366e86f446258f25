import { Migration } from '@mikro-orm/migrations';

/** Employers a court outcome holds jointly liable (连带责任), linked by the registry. */
export class Migration20261123030000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "joint_liability" ("outcome_id" uuid not null, "position" int not null, "lead_id" uuid not null, "employer_id" uuid not null, "recorded_at" timestamptz not null,
      constraint "joint_liability_pkey" primary key ("outcome_id", "position"));`);
    this.addSql(`alter table "joint_liability" add constraint "joint_liability_employer_fk" foreign key ("employer_id") references "employer" ("id");`);
    this.addSql(`create index "joint_liability_lead_id_index" on "joint_liability" ("lead_id");`);
    this.addSql(`create index "joint_liability_employer_id_index" on "joint_liability" ("employer_id");`);
    this.addSql(`create trigger "joint_liability_append_only" before update or delete on "joint_liability" for each row execute function hub_refuse_change();`);
  }
}
