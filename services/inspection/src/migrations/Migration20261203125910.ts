import { Migration } from '@mikro-orm/migrations';

/** The evidence checklist of an inspection case (第五十条): requests to the employer and what came; reasons to close without the payroll ledger. */
export class Migration20261203125910 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "evidence_request" ("id" bigserial primary key, "lead_id" uuid not null, "item" text not null, "requested_on" date not null, "requested_at" timestamptz not null, "requested_by" text not null,
      "outcome" text null, "received_on" date null, "note" text null, "outcome_recorded_at" timestamptz null, "outcome_recorded_by" text null,
      constraint "evidence_request_item_check" check ("item" in ('LABOUR_CONTRACTS','ROSTER','PAYROLL_LEDGER','ATTENDANCE_RECORDS')),
      constraint "evidence_request_outcome_check" check ("outcome" is null or ("outcome" = 'RECEIVED' and "received_on" is not null) or ("outcome" = 'NOT_PROVIDED' and "note" is not null)));`);
    this.addSql(`create index "evidence_request_lead_id_index" on "evidence_request" ("lead_id");`);
    this.addSql(`create trigger "evidence_request_no_delete" before delete on "evidence_request" for each row execute function hub_refuse_change();`);
    this.addSql(`create table "close_without_ledger_reason" ("id" bigserial primary key, "lead_id" uuid not null, "reason" text not null, "recorded_at" timestamptz not null, "recorded_by" text not null);`);
    this.addSql(`create index "close_without_ledger_reason_lead_id_index" on "close_without_ledger_reason" ("lead_id");`);
    this.addSql(`create trigger "close_without_ledger_reason_append_only" before update or delete on "close_without_ledger_reason" for each row execute function hub_refuse_change();`);
  }
}
