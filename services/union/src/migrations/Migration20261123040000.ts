import { Migration } from '@mikro-orm/migrations';
import { arrivedAtSql } from '../../../../lib/platform-migration';

/** When a lead last arrived by transfer. */
export class Migration20261123040000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(arrivedAtSql('union_case'));
  }
}
