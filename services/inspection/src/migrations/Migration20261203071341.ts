import { Migration } from '@mikro-orm/migrations';

/**
 * Acts dated when they happened, beside when they were entered (rows before this were entered
 * when they happened); a payment order's issue day; the lead's receipt bounds them all.
 */
export class Migration20261203071341 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "inspection_case" add column "lead_received_at" timestamptz null, add column "first_contact_recorded_at" timestamptz null;`);
    this.addSql(`update "inspection_case" set "first_contact_recorded_at" = "first_contact_at" where "first_contact_at" is not null;`);
    this.addSql(`alter table "payment_order" add column "issued_on" date null;`);
    this.addSql(`update "payment_order" set "issued_on" = ("issued_at" at time zone 'Asia/Shanghai')::date;`);
    this.addSql(`alter table "payment_order" alter column "issued_on" set not null;`);
    // Handovers and callbacks are append-only (never updated): one entered before this has no
    // recorded_at of its own, and is read as entered when it happened.
    this.addSql(`alter table "handover" add column "recorded_at" timestamptz null;`);
    this.addSql(`alter table "callback" add column "recorded_at" timestamptz null;`);
  }
}
