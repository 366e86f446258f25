import { Migration } from '@mikro-orm/migrations';
import { leadFiguresSql } from '../../../../lib/platform-migration';

/** Relief funds and their ledger, wage advances, mediations; the lead's figures on union cases. */
export class Migration20261123020000 extends Migration {
  override async up(): Promise<void> {
    for (const sql of leadFiguresSql('union_case')) this.addSql(sql);
    this.addSql(`create table "relief_fund" ("region_code" text not null, "balance_fen" bigint not null, "advanced_total_fen" bigint not null, "recovered_total_fen" bigint not null, "version" int not null default 1, constraint "relief_fund_pkey" primary key ("region_code"),
      constraint "relief_fund_balance_check" check ("balance_fen" >= 0),
      constraint "relief_fund_totals_check" check ("advanced_total_fen" >= 0 and "recovered_total_fen" >= 0));`);
    this.addSql(`create trigger "relief_fund_no_delete" before delete on "relief_fund" for each row execute function hub_refuse_change();`);
    this.addSql(`create table "fund_movement" ("id" bigserial primary key, "region_code" text not null, "at" timestamptz not null, "kind" text not null, "amount_fen" bigint not null, "balance_after_fen" bigint not null, "lead_id" uuid null, "advance_id" uuid null, "actor" text not null, "note" text not null,
      constraint "fund_movement_kind_check" check ("kind" in ('DEPOSIT','ADVANCE','RECOVERY')),
      constraint "fund_movement_amount_check" check ("amount_fen" > 0 and "balance_after_fen" >= 0));`);
    this.addSql(`alter table "fund_movement" add constraint "fund_movement_fund_fk" foreign key ("region_code") references "relief_fund" ("region_code") deferrable initially deferred;`);
    this.addSql(`create index "fund_movement_region_idx" on "fund_movement" ("region_code", "id");`);
    this.addSql(`create trigger "fund_movement_append_only" before update or delete on "fund_movement" for each row execute function hub_refuse_change();`);
    this.addSql(`create table "wage_advance" ("id" uuid not null, "lead_id" uuid not null, "fund_region_code" text not null, "amount_fen" bigint not null, "worker_count" int not null, "recovery_agreement_no" text not null, "granted_at" timestamptz not null, "granted_by" text not null, "recovered_fen" bigint not null, "version" int not null default 1, constraint "wage_advance_pkey" primary key ("id"),
      constraint "wage_advance_amount_check" check ("amount_fen" > 0 and "worker_count" >= 1),
      constraint "wage_advance_recovered_check" check ("recovered_fen" >= 0 and "recovered_fen" <= "amount_fen"));`);
    this.addSql(`alter table "wage_advance" add constraint "wage_advance_fund_fk" foreign key ("fund_region_code") references "relief_fund" ("region_code") deferrable initially deferred;`);
    this.addSql(`create index "wage_advance_lead_id_index" on "wage_advance" ("lead_id");`);
    this.addSql(`create trigger "wage_advance_no_delete" before delete on "wage_advance" for each row execute function hub_refuse_change();`);
    this.addSql(`create table "mediation" ("id" bigserial primary key, "lead_id" uuid not null, "recorded_at" timestamptz not null, "recorded_by" text not null, "outcome" text not null, "summary" text not null, "amount_agreed_fen" bigint null, "agreed_pay_by" date null,
      constraint "mediation_outcome_check" check ("outcome" in ('SETTLED','PARTIAL','FAILED')),
      constraint "mediation_amount_check" check ("amount_agreed_fen" is null or "amount_agreed_fen" >= 0));`);
    this.addSql(`create index "mediation_lead_id_index" on "mediation" ("lead_id");`);
    this.addSql(`create trigger "mediation_append_only" before update or delete on "mediation" for each row execute function hub_refuse_change();`);
  }
}
