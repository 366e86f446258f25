import { Migration } from '@mikro-orm/migrations';

/**
 * Evidence on a lead (证据材料): the record of each file and, when kept in the database, its bytes
 * in 1 MB chunks. Nothing is deleted; a file's bytes and what it is never change: only its
 * withdrawal (once, with a reason) is written later.
 */
export class Migration20261203125916 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "lead_evidence" (
      "id" uuid not null, "lead_id" uuid not null, "kind" text not null, "title" text not null, "document_date" date not null,
      "file_name" text not null, "content_type" text not null, "extension" text not null, "size_bytes" bigint not null, "digest" text not null,
      "contains_personal_data" boolean not null, "storage" text not null, "storage_key" text null,
      "uploaded_at" timestamptz not null, "uploaded_by" text not null, "uploaded_by_name" text not null, "uploaded_by_agency" text not null,
      "withdrawn_at" timestamptz null, "withdrawn_by" text null, "withdrawn_by_name" text null, "withdrawn_by_agency" text null, "withdrawal_reason" text null,
      constraint "lead_evidence_pkey" primary key ("id"),
      constraint "lead_evidence_lead_fk" foreign key ("lead_id") references "lead" ("id"),
      constraint "lead_evidence_storage_check" check ("storage" in ('PG', 'S3')));`);
    this.addSql(`alter table "personal_data_access" add column "evidence_id" uuid null;`);
    this.addSql(`create index "lead_evidence_lead_idx" on "lead_evidence" ("lead_id", "uploaded_at");`);
    this.addSql(`create table "lead_evidence_chunk" ("evidence_id" uuid not null, "seq" int not null, "data" bytea not null, constraint "lead_evidence_chunk_pkey" primary key ("evidence_id", "seq"));`);
    this.addSql(`alter table "lead_evidence_chunk" alter column "data" set storage external;`);
    // Only the withdrawal may be written after the upload, and only once.
    this.addSql(`create function hub_evidence_withdraw_only() returns trigger language plpgsql as $$
      begin
        if old.withdrawn_at is not null
           or (to_jsonb(new) - array['withdrawn_at', 'withdrawn_by', 'withdrawn_by_name', 'withdrawn_by_agency', 'withdrawal_reason'])
              is distinct from (to_jsonb(old) - array['withdrawn_at', 'withdrawn_by', 'withdrawn_by_name', 'withdrawn_by_agency', 'withdrawal_reason']) then
          raise exception 'UPDATE on lead_evidence is not allowed but for its withdrawal, once: evidence never changes';
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger "lead_evidence_withdraw_only" before update on "lead_evidence" for each row execute function hub_evidence_withdraw_only();`);
    this.addSql(`create trigger "lead_evidence_no_delete" before delete on "lead_evidence" for each row execute function hub_refuse_change();`);
    this.addSql(`create trigger "lead_evidence_chunk_append_only" before update or delete on "lead_evidence_chunk" for each row execute function hub_refuse_change();`);
  }
}
