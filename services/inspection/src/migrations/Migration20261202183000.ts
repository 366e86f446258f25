import { Migration } from '@mikro-orm/migrations';

/** The part of an amount recovered that is compensation (加付赔偿金, Article 26 of the 劳动保障监察条例) rather than wages. */
export class Migration20261202183000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "inspection_case" add column "compensation_recovered_fen" bigint null, add constraint "inspection_case_compensation_recovered_check" check ("compensation_recovered_fen" is null or "compensation_recovered_fen" >= 0);`);
  }
}
