import { Migration } from '@mikro-orm/migrations';
import { DEAD_LETTER_SQL } from '../../../../lib/outbox/dead-letter.entity';

/** Messages refused for a domain reason are kept as dead letters, never dropped. */
export class Migration20261202191500 extends Migration {
  override async up(): Promise<void> {
    for (const sql of DEAD_LETTER_SQL) this.addSql(sql);
  }
}
