import { Migration } from '@mikro-orm/migrations';

/** The registry's copy of employers' blacklist listings (BlacklistListing messages from inspection), for the watch list. */
export class Migration20261203131500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "blacklist_signal" ("listing_id" uuid not null, "lead_id" uuid not null, "listed_on" date not null, "until" date not null, "removed_on" date null, "updated_at" timestamptz not null,
      constraint "blacklist_signal_pkey" primary key ("listing_id"));`);
    this.addSql(`create index "blacklist_signal_lead_id_index" on "blacklist_signal" ("lead_id");`);
  }
}
