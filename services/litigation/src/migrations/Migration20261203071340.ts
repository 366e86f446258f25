import { Migration } from '@mikro-orm/migrations';

/**
 * Acts dated when they happened: the decision's time is the act's, beside when it was entered
 * (kept from now on; earlier rows were entered when they happened), and the lead's receipt bounds them.
 */
export class Migration20261203071340 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "support_case" add column "lead_received_at" timestamptz null, add column "decision_recorded_at" timestamptz null, add column "letter_recorded_at" timestamptz null;`);
    this.addSql(`update "support_case" set "decision_recorded_at" = "decided_at" where "decided_at" is not null;`);
    this.addSql(`alter table "court_case" add column "lead_received_at" timestamptz null;`);
    this.addSql(`alter table "lawsuit" add column "filed_recorded_at" timestamptz null;`);
    this.addSql(`alter table "hearing" add column "schedule_recorded_at" timestamptz null, add column "outcome_occurred_at" timestamptz null;`);
    this.addSql(`update "hearing" set "schedule_recorded_at" = "scheduled_at", "outcome_occurred_at" = "outcome_recorded_at";`);
  }
}
