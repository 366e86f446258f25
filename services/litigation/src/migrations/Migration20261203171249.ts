import { Migration } from '@mikro-orm/migrations';
import { FIRED_DEADLINE_SQL } from '../../../../lib/scheduler/scheduler';

/** Deadlines that fired (lib/scheduler): each once, for ever. */
export class Migration20261203171249 extends Migration {
  override async up(): Promise<void> {
    for (const sql of FIRED_DEADLINE_SQL) this.addSql(sql);
  }
}
