import { Migration } from '@mikro-orm/migrations';
import { PLATFORM_TABLES_SQL, agencyCaseTableSql } from '../../../../lib/platform-migration';

/** The litigation service's own cases, audit trail, outbox and inbox. */
export class Migration20261123000000 extends Migration {
  override async up(): Promise<void> {
    for (const sql of PLATFORM_TABLES_SQL) this.addSql(sql);
    for (const sql of agencyCaseTableSql('support_case')) this.addSql(sql);
    for (const sql of agencyCaseTableSql('court_case')) this.addSql(sql);
  }
}
