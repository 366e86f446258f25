import { Migration } from '@mikro-orm/migrations';
import { arrivedAtSql } from '../../../../lib/platform-migration';

/** When a lead last arrived by transfer, and labour inspection casework: first contact, payment orders, handovers, callbacks. */
export class Migration20261123040000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(arrivedAtSql('inspection_case'));
    this.addSql(`alter table "inspection_case" add column "first_contact_at" timestamptz null, add column "first_contact_note" text null;`);
    this.addSql(`create table "payment_order" ("id" uuid not null, "lead_id" uuid not null, "issued_at" timestamptz not null, "issued_by" text not null, "amount_fen" bigint not null, "pay_by" date not null, "paid_fen" bigint not null, "version" int not null default 1, constraint "payment_order_pkey" primary key ("id"),
      constraint "payment_order_amount_check" check ("amount_fen" > 0 and "paid_fen" >= 0 and "paid_fen" <= "amount_fen"));`);
    this.addSql(`create index "payment_order_lead_id_index" on "payment_order" ("lead_id");`);
    this.addSql(`create trigger "payment_order_no_delete" before delete on "payment_order" for each row execute function hub_refuse_change();`);
    this.addSql(`create table "order_payment" ("id" bigserial primary key, "order_id" uuid not null, "paid_on" date not null, "amount_fen" bigint not null, "recorded_at" timestamptz not null, "recorded_by" text not null, constraint "order_payment_amount_check" check ("amount_fen" > 0));`);
    this.addSql(`alter table "order_payment" add constraint "order_payment_order_fk" foreign key ("order_id") references "payment_order" ("id") deferrable initially deferred;`);
    this.addSql(`create index "order_payment_order_id_index" on "order_payment" ("order_id");`);
    this.addSql(`create trigger "order_payment_append_only" before update or delete on "order_payment" for each row execute function hub_refuse_change();`);
    this.addSql(`create table "handover" ("id" bigserial primary key, "lead_id" uuid not null, "target" text not null, "at" timestamptz not null, "note" text not null, "recorded_by" text not null,
      constraint "handover_target_check" check ("target" in ('LOCAL_GOVERNMENT','INDUSTRY_REGULATOR','GENERAL_CONTRACTOR_HQ')));`);
    this.addSql(`create index "handover_lead_id_index" on "handover" ("lead_id");`);
    this.addSql(`create trigger "handover_append_only" before update or delete on "handover" for each row execute function hub_refuse_change();`);
    this.addSql(`create table "callback" ("id" bigserial primary key, "lead_id" uuid not null, "at" timestamptz not null, "wages_paid" boolean not null, "procedure_lawful" boolean not null, "satisfied" boolean not null, "note" text not null, "recorded_by" text not null);`);
    this.addSql(`create index "callback_lead_id_index" on "callback" ("lead_id");`);
    this.addSql(`create trigger "callback_append_only" before update or delete on "callback" for each row execute function hub_refuse_change();`);
  }
}
