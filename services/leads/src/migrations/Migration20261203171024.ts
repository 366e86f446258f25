import { Migration } from '@mikro-orm/migrations';

/** Transfers' feedback deadlines that pause (中止/恢复): the day suspended and why, while it is. */
export class Migration20261203171024 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "transfer" add column "feedback_suspended_on" date null, add column "feedback_suspension_reason" text null;`);
  }
}
