import { Migration } from '@mikro-orm/migrations';
import { OUTBOX_TRACEPARENT_SQL } from '../../../../lib/platform-migration';

/** Outbox messages carry the trace of the command that wrote them, however late they are delivered. */
export class Migration20261202184500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(OUTBOX_TRACEPARENT_SQL);
  }
}
