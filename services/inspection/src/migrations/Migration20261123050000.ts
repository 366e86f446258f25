import { Migration } from '@mikro-orm/migrations';

/** Police referral (两法衔接) and blacklist proposal on inspection cases. */
export class Migration20261123050000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "inspection_case" add column "police_decided_at" timestamptz null, add column "police_sent_at" timestamptz null, add column "police_unit" text null,
      add column "blacklist_proposed_at" timestamptz null, add column "blacklist_until" date null, add column "blacklist_reason" text null,
      add constraint "inspection_case_police_check" check ("police_sent_at" is null or ("police_decided_at" is not null and "police_sent_at" <= "police_decided_at" + interval '24 hours'));`);
  }
}
