import { Migration } from '@mikro-orm/migrations';
import { leadFiguresSql } from '../../../../lib/platform-migration';

/** The lead's amount owed and worker count, carried by the registry's messages. */
export class Migration20261123020000 extends Migration {
  override async up(): Promise<void> {
    for (const sql of leadFiguresSql('inspection_case')) this.addSql(sql);
  }
}
