/**
 * Tables every service has (audit trail, outbox, inbox), created by each service's first
 * migration. The audit trail is append-only: the database itself refuses to change or delete it.
 */
export const PLATFORM_TABLES_SQL = [
  `create table "audit_entry" ("seq" bigserial primary key, "at" timestamptz not null, "actor_id" text not null, "actor_agency" text not null, "request_id" text null, "entity_type" text not null, "entity_id" text not null, "action" text not null, "data" jsonb not null);`,
  `create index "audit_entry_entity_idx" on "audit_entry" ("entity_type", "entity_id", "seq");`,
  `create function hub_refuse_change() returns trigger language plpgsql as $$
     begin raise exception '% on % is not allowed: this record is append-only', tg_op, tg_table_name; end $$;`,
  `create trigger "audit_entry_append_only" before update or delete on "audit_entry" for each row execute function hub_refuse_change();`,
  `create table "outbox_message" ("seq" bigserial primary key, "id" uuid not null, "destination" text not null, "type" text not null, "payload" jsonb not null, "created_at" timestamptz not null, "delivered_at" timestamptz null, "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "last_error" text null);`,
  `alter table "outbox_message" add constraint "outbox_message_id_unique" unique ("id");`,
  `create index "outbox_message_pending_idx" on "outbox_message" ("destination", "seq") where "delivered_at" is null;`,
  `create table "inbox_message" ("id" uuid not null, "source" text not null, "type" text not null, "received_at" timestamptz not null, constraint "inbox_message_pkey" primary key ("id"));`,
];

/** An agency's own case table (union_case, inspection_case, support_case, court_case). */
export function agencyCaseTableSql(table: string): string[] {
  return [
    `create table "${table}" ("lead_id" uuid not null, "reference_no" text not null, "region_code" text not null, "handler" text not null, "transfer_state" text not null, "feedback_state" text not null, "closure_state" text not null, "closure_reason" text null, "amount_recovered_fen" bigint null, "workers_paid" int null, "closure_note" text null, "closed_at" timestamptz null, "closed_by" text null, "opened_at" timestamptz not null, "version" int not null default 1, constraint "${table}_pkey" primary key ("lead_id"),
      constraint "${table}_transfer_state_check" check ("transfer_state" in ('ORIGINATED','PENDING_ACCEPTANCE','ACCEPTED','RETURNED','TRANSFERRED_OUT')),
      constraint "${table}_feedback_state_check" check ("feedback_state" in ('NONE','AWAITING','DUE','OVERDUE','GIVEN','RECEIVED')),
      constraint "${table}_closure_state_check" check ("closure_state" in ('OPEN','CLOSED')),
      constraint "${table}_amount_recovered_check" check ("amount_recovered_fen" is null or "amount_recovered_fen" >= 0));`,
    `create index "${table}_region_idx" on "${table}" ("region_code" text_pattern_ops);`,
    `create trigger "${table}_no_delete" before delete on "${table}" for each row execute function hub_refuse_change();`,
  ];
}

/** Second migration of every states table: the deadline that makes DUE or AWAITING overdue. */
export const feedbackDueAtSql = (table: string) => `alter table "${table}" add column "feedback_due_at" timestamptz null;`;

/** Third migration of every agency case table: the lead's figures the agency's rules need. */
export const leadFiguresSql = (table: string) => [
  `alter table "${table}" add column "amount_owed_fen" bigint null;`,
  `alter table "${table}" add column "worker_count" int null;`,
];

/** Fourth migration of every agency case table: when the lead last arrived by transfer. */
export const arrivedAtSql = (table: string) => `alter table "${table}" add column "arrived_at" timestamptz null;`;

/** The audit trail is read per lead (auditTrail): by the entity it names, or the lead in its data. */
export const AUDIT_LOOKUP_SQL = [
  `create index "audit_entry_entity_id_index" on "audit_entry" ("entity_id");`,
  `create index "audit_entry_lead_id_index" on "audit_entry" (("data"->>'leadId'));`,
];

/** The outbox keeps the W3C traceparent of the command that wrote each message (lib/telemetry.ts). */
export const OUTBOX_TRACEPARENT_SQL = `alter table "outbox_message" add column "traceparent" text null;`;
