import { Migration } from '@mikro-orm/migrations';
import { normalizeEmployerName } from '../modules/employer/employer.name';

/**
 * Employer names are matched on a narrower key (issue 17): only spacing, brackets and the width and
 * case of Latin letters and digits are folded; other punctuation and symbols count. Existing
 * employers get the new key, so new reports find them as before. Employers the old key had already
 * merged stay merged: a lead keeps the employer it was filed under.
 */
export class Migration20261202180000 extends Migration {
  override async up(): Promise<void> {
    const rows = (await this.execute('select id, name from employer')) as { id: string; name: string }[];
    for (let i = 0; i < rows.length; i += 1000) {
      const batch = rows.slice(i, i + 1000);
      await this.execute(
        `update employer e set normalized_name = v.k from (select unnest(?::uuid[]) as id, unnest(?::text[]) as k) v where e.id = v.id and e.normalized_name is distinct from v.k`,
        [batch.map((r) => r.id), batch.map((r) => normalizeEmployerName(r.name))],
      );
    }
  }
}
