import { Migration } from '@mikro-orm/migrations';

/** Investigation deadlines that pause (中止/恢复): the day suspended, why, and the working days it stood suspended. */
export class Migration20261203170817 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "inspection_case" add column "investigation_suspended_on" date null, add column "investigation_suspension_reason" text null, add column "investigation_suspended_days" integer not null default 0;`);
  }
}
