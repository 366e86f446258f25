import { Migration } from '@mikro-orm/migrations';

/** Investigation deadlines (60 working days, extendable once by 30). */
export class Migration20261123060000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "inspection_case" add column "investigation_opened_at" timestamptz null, add column "investigation_extended_at" timestamptz null, add column "investigation_extension_reason" text null;`);
    // Cases already accepted (or taken in at intake) before this migration: the investigation opened then.
    this.addSql(`update "inspection_case" set "investigation_opened_at" = coalesce("arrived_at", "opened_at") where "transfer_state" <> 'PENDING_ACCEPTANCE' and "transfer_state" <> 'RETURNED';`);
  }
}
