import { Migration } from '@mikro-orm/migrations';
import { IDEMPOTENCY_KEY_TABLE_SQL } from '../../../../lib/idempotency/idempotency-key.entity';

/** The Idempotency-Keys callers sent with their mutations, with the answer each got. */
export class Migration20261202173500 extends Migration {
  override async up(): Promise<void> {
    for (const sql of IDEMPOTENCY_KEY_TABLE_SQL) this.addSql(sql);
  }
}
