import { Migration } from '@mikro-orm/migrations';

/** Commitments employers made on leads (mediation settlements, payment orders, installments), for the watch list. */
export class Migration20261123040000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "risk_signal" ("kind" text not null, "key" text not null, "lead_id" uuid not null, "due_on" date not null, "outstanding_fen" bigint not null, "updated_at" timestamptz not null,
      constraint "risk_signal_pkey" primary key ("kind", "key"),
      constraint "risk_signal_kind_check" check ("kind" in ('MEDIATION_AGREEMENT','PAYMENT_ORDER','INSTALLMENT') and "outstanding_fen" >= 0));`);
    this.addSql(`create index "risk_signal_lead_id_index" on "risk_signal" ("lead_id");`);
  }
}
