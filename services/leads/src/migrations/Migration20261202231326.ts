import { Migration } from '@mikro-orm/migrations';

/** The work queue's feedback deadlines: accepted transfers, nearest deadline first. */
export class Migration20261202231326 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "transfer_feedback_due_idx" on "transfer" ("feedback_due_at", "id") where "status" = 'ACCEPTED';`);
  }
}
