import { Migration } from '@mikro-orm/migrations';
import { feedbackDueAtSql } from '../../../../lib/platform-migration';

/** Transfers between agencies and their feedback; the feedback deadline of each agency's states. */
export class Migration20261123010000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(feedbackDueAtSql('lead_agency'));
    this.addSql(`create index "lead_agency_feedback_due_idx" on "lead_agency" ("agency", "feedback_due_at") where "feedback_state" in ('DUE', 'AWAITING');`);
    this.addSql(`create table "transfer" ("id" uuid not null, "lead_id" uuid not null, "kind" text not null, "from_agency" text not null, "to_agency" text not null, "status" text not null, "reason" text not null, "requested_at" timestamptz not null, "requested_by" text not null, "responded_at" timestamptz null, "responded_by" text null, "rejection_reason" text null, "cancellation_reason" text null, "feedback_due_at" timestamptz not null, "completed_at" timestamptz null, "version" int not null default 1, constraint "transfer_pkey" primary key ("id"),
      constraint "transfer_kind_check" check ("kind" in ('REFERRAL','SUPPORT_TO_SUE','COURT_FILING','DELEGATED_MEDIATION')),
      constraint "transfer_status_check" check ("status" in ('REQUESTED','ACCEPTED','REJECTED','CANCELLED','COMPLETED')),
      constraint "transfer_agencies_check" check ("from_agency" <> "to_agency"));`);
    this.addSql(`alter table "transfer" add constraint "transfer_lead_fk" foreign key ("lead_id") references "lead" ("id") deferrable initially deferred;`);
    this.addSql(`create index "transfer_lead_id_index" on "transfer" ("lead_id");`);
    this.addSql(`create index "transfer_inbox_idx" on "transfer" ("to_agency", "status", "requested_at", "id");`);
    this.addSql(`create trigger "transfer_no_delete" before delete on "transfer" for each row execute function hub_refuse_change();`);
    this.addSql(`create table "transfer_feedback" ("id" bigserial primary key, "transfer_id" uuid not null, "given_at" timestamptz not null, "given_by" text not null, "final" boolean not null, "summary" text not null, "amount_recovered_fen" bigint null, "workers_paid" int null,
      constraint "transfer_feedback_amount_check" check ("amount_recovered_fen" is null or "amount_recovered_fen" >= 0));`);
    this.addSql(`alter table "transfer_feedback" add constraint "transfer_feedback_transfer_fk" foreign key ("transfer_id") references "transfer" ("id") deferrable initially deferred;`);
    this.addSql(`create index "transfer_feedback_transfer_id_index" on "transfer_feedback" ("transfer_id");`);
    this.addSql(`create trigger "transfer_feedback_append_only" before update or delete on "transfer_feedback" for each row execute function hub_refuse_change();`);
  }
}
