import { Migration } from '@mikro-orm/migrations';
import { AUDIT_LOOKUP_SQL } from '../../../../lib/platform-migration';

/** Indexes for reading the audit trail of one lead. */
export class Migration20261123080000 extends Migration {
  override async up(): Promise<void> {
    for (const sql of AUDIT_LOOKUP_SQL) this.addSql(sql);
  }
}
