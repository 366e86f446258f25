import { Migration } from '@mikro-orm/migrations';

/**
 * Acts dated when they happened, beside when they were entered (rows before this were entered
 * when they happened); the lead's receipt bounds them.
 */
export class Migration20261203071342 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "union_case" add column "lead_received_at" timestamptz null;`);
    this.addSql(`alter table "mediation" add column "occurred_at" timestamptz null;`);
    this.addSql(`update "mediation" set "occurred_at" = "recorded_at";`);
    this.addSql(`alter table "mediation" alter column "occurred_at" set not null;`);
    this.addSql(`alter table "wage_advance" add column "recorded_at" timestamptz null;`);
    this.addSql(`update "wage_advance" set "recorded_at" = "granted_at";`);
    this.addSql(`alter table "wage_advance" alter column "recorded_at" set not null;`);
    // The ledger is append-only (its rows are never updated): a movement entered before this has
    // no occurred_at of its own, and is read as having moved when it was entered.
    this.addSql(`alter table "fund_movement" add column "occurred_at" timestamptz null;`);
  }
}
