import { Migration } from '@mikro-orm/migrations';

/** What the backfill computes; the service computes the same in lib/search-term.ts (identifierDigest). */
export const ID_NUMBER_DIGEST_SQL = `encode(sha256(convert_to('idNumber:' || upper(btrim("id_number")), 'UTF8')), 'hex')`;
const PHONE_DIGITS = `regexp_replace("phone", '\\D', '', 'g')`;
export const PHONE_DIGEST_SQL = `encode(sha256(convert_to('phone:' || (case when length(${PHONE_DIGITS}) > 11 and ${PHONE_DIGITS} like '0086%' then substr(${PHONE_DIGITS}, 5) when length(${PHONE_DIGITS}) > 11 and ${PHONE_DIGITS} like '86%' then substr(${PHONE_DIGITS}, 3) else ${PHONE_DIGITS} end), 'UTF8')), 'hex')`;

/**
 * Staff search (issue 16). ID numbers and phones are matched whole through a digest of their
 * normalised form, each with its own index, backfilled for the complainants already on record.
 * Names are matched by prefix through text_pattern_ops btrees: pg_trgm finds no trigrams in
 * Chinese text under the C locale the hub's databases use (show_trgm('张三') is empty), so a
 * trigram index would never be used for Chinese names (docs/search.md). The lead list may be
 * sorted by amount or workers, walked through an index on each. A search by ID number or phone is
 * itself on the personal-data access record, with the searched value masked.
 */
export class Migration20261203125839 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "complainant" add column "id_number_digest" text null, add column "phone_digest" text null;`);
    this.addSql(`update "complainant" set "id_number_digest" = ${ID_NUMBER_DIGEST_SQL} where "id_number" is not null;`);
    this.addSql(`update "complainant" set "phone_digest" = ${PHONE_DIGEST_SQL} where "phone" is not null;`);
    this.addSql(`create index "complainant_id_number_digest_idx" on "complainant" ("id_number_digest") where "id_number_digest" is not null;`);
    this.addSql(`create index "complainant_phone_digest_idx" on "complainant" ("phone_digest") where "phone_digest" is not null;`);
    this.addSql(`create index "complainant_name_prefix_idx" on "complainant" ("name" text_pattern_ops);`);
    this.addSql(`create index "employer_name_prefix_idx" on "employer" ("normalized_name" text_pattern_ops);`);
    this.addSql(`create index "lead_amount_idx" on "lead" ("amount_owed_fen", "id");`);
    this.addSql(`create index "lead_workers_idx" on "lead" ("worker_count", "id");`);
    this.addSql(`alter table "personal_data_access" add column "search_term" text null;`);
    this.addSql(`alter table "personal_data_access" drop constraint "personal_data_access_kind_check";`);
    this.addSql(`alter table "personal_data_access" add constraint "personal_data_access_kind_check" check ("kind" in ('SEEN', 'SUBJECT_LOOKUP', 'SEARCH'));`);
  }
}
