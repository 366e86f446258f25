import { Migration } from '@mikro-orm/migrations';
import { feedbackDueAtSql } from '../../../../lib/platform-migration';

/** The feedback deadline, so that DUE or AWAITING read as OVERDUE once it has passed. */
export class Migration20261123010000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(feedbackDueAtSql('inspection_case'));
  }
}
