import { Migration } from '@mikro-orm/migrations';

/**
 * The complainants and employers named on leads are part of the record like the lead itself: the
 * database refuses to delete them, as it refuses for leads, transfers, feedback and the timeline.
 * (Employers are still updated: a name-only employer gets its credit code when it turns up.)
 */
export class Migration20261123090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create trigger "complainant_no_delete" before delete on "complainant" for each row execute function hub_refuse_change();`);
    this.addSql(`create trigger "employer_no_delete" before delete on "employer" for each row execute function hub_refuse_change();`);
  }
}
