import { Migration } from '@mikro-orm/migrations';

/**
 * Webhook subscriptions of agencies' supervisors, and one delivery row per (subscription, event),
 * written in the same transaction as the event: kept, never deleted (the delivery log).
 */
export class Migration20261203171412 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "webhook_subscription" ("id" uuid primary key, "agency" text not null, "region" text not null, "url" text not null,
      "event_kinds" text[] not null, "purpose" text null, "status" text not null, "paused_cause" text null, "secret" text not null, "secret_version" int not null,
      "consecutive_failures" int not null default 0, "last_failure_at" timestamptz null, "created_at" timestamptz not null, "created_by" text not null,
      "updated_at" timestamptz not null, "version" int not null default 1);`);
    this.addSql(`create index "webhook_subscription_agency_idx" on "webhook_subscription" ("agency", "created_at");`);
    this.addSql(`create index "webhook_subscription_active_idx" on "webhook_subscription" using gin ("event_kinds") where "status" = 'ACTIVE';`);
    this.addSql(`create trigger "webhook_subscription_no_delete" before delete on "webhook_subscription" for each row execute function hub_refuse_change();`);
    this.addSql(`create table "webhook_delivery" ("seq" bigserial primary key, "subscription_id" uuid not null references "webhook_subscription" ("id"),
      "event_id" uuid not null, "lead_id" uuid null, "kind" text not null, "payload" jsonb not null, "created_at" timestamptz not null default now(),
      "delivered_at" timestamptz null, "attempts" int not null default 0, "next_attempt_at" timestamptz not null default now(), "last_error" text null,
      "last_status" int null, "last_attempt_at" timestamptz null, unique ("subscription_id", "event_id"));`);
    this.addSql(`create index "webhook_delivery_pending_idx" on "webhook_delivery" ("subscription_id", "seq") where "delivered_at" is null;`);
    this.addSql(`create index "webhook_delivery_log_idx" on "webhook_delivery" ("subscription_id", "seq" desc);`);
    this.addSql(`create trigger "webhook_delivery_no_delete" before delete on "webhook_delivery" for each row execute function hub_refuse_change();`);
  }
}
