import { Migration } from '@mikro-orm/migrations';

/** Support to sue and the lawsuit: decision, letter of support, filing, hearings, outcome, installments, payments. */
export class Migration20261123070000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "support_case" add column "decision_supported" boolean null, add column "decision_reason" text null, add column "decided_at" timestamptz null, add column "decided_by" text null,
      add column "letter_no" text null, add column "letter_issued_on" date null;`);
    this.addSql(`create table "lawsuit" ("lead_id" uuid not null, "court" text not null, "docket_no" text not null, "filed_on" date not null, "filed_by" text not null,
      "outcome_id" uuid null, "outcome_kind" text null, "decided_on" date null, "total_fen" bigint null, "outcome_recorded_at" timestamptz null, "outcome_recorded_by" text null,
      "enforcement_applied_at" timestamptz null, "enforcement_applied_by" text null, "enforcement_note" text null, "version" int not null default 1,
      constraint "lawsuit_pkey" primary key ("lead_id"),
      constraint "lawsuit_outcome_check" check ("outcome_kind" is null or ("outcome_kind" in ('MEDIATED','JUDGMENT','WITHDRAWN') and "total_fen" >= 0 and "decided_on" >= "filed_on")));`);
    this.addSql(`create trigger "lawsuit_no_delete" before delete on "lawsuit" for each row execute function hub_refuse_change();`);
    this.addSql(`create table "hearing" ("id" uuid not null, "lead_id" uuid not null, "date" date not null, "court_room" text not null, "note" text not null, "scheduled_at" timestamptz not null, "scheduled_by" text not null,
      "outcome_note" text null, "outcome_recorded_at" timestamptz null, constraint "hearing_pkey" primary key ("id"));`);
    this.addSql(`create index "hearing_lead_id_index" on "hearing" ("lead_id");`);
    this.addSql(`create trigger "hearing_no_delete" before delete on "hearing" for each row execute function hub_refuse_change();`);
    this.addSql(`create table "installment" ("id" uuid not null, "lead_id" uuid not null, "seq" int not null, "due_on" date not null, "amount_fen" bigint not null, "paid_fen" bigint not null, "version" int not null default 1,
      constraint "installment_pkey" primary key ("id"), constraint "installment_lead_seq_unique" unique ("lead_id", "seq"),
      constraint "installment_amount_check" check ("amount_fen" > 0 and "paid_fen" >= 0 and "paid_fen" <= "amount_fen"));`);
    this.addSql(`create index "installment_lead_id_index" on "installment" ("lead_id");`);
    this.addSql(`create trigger "installment_no_delete" before delete on "installment" for each row execute function hub_refuse_change();`);
    this.addSql(`create table "installment_payment" ("id" bigserial primary key, "payment_id" uuid not null, "installment_id" uuid not null, "lead_id" uuid not null, "paid_on" date not null, "amount_fen" bigint not null,
      "recorded_at" timestamptz not null, "recorded_by" text not null, constraint "installment_payment_amount_check" check ("amount_fen" > 0));`);
    this.addSql(`alter table "installment_payment" add constraint "installment_payment_installment_fk" foreign key ("installment_id") references "installment" ("id") deferrable initially deferred;`);
    this.addSql(`create index "installment_payment_installment_id_index" on "installment_payment" ("installment_id");`);
    this.addSql(`create trigger "installment_payment_append_only" before update or delete on "installment_payment" for each row execute function hub_refuse_change();`);
    this.addSql(`create table "liable_party" ("outcome_id" uuid not null, "position" int not null, "lead_id" uuid not null, "name" text not null, "credit_code" text null,
      constraint "liable_party_pkey" primary key ("outcome_id", "position"));`);
    this.addSql(`create trigger "liable_party_append_only" before update or delete on "liable_party" for each row execute function hub_refuse_change();`);
  }
}
