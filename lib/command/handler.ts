/**
 * The one way a mutation changes state. Every command goes the same road:
 *
 *   load and lock what it needs → decide(state, command), pure: events, or a refusal (a thrown
 *   DomainError with its reason) → apply each event to this service's rows → from the very same
 *   events, the audit entries, the lead's timeline entries and the messages to other services.
 *
 * So an act is decided in one place per module (its decider), and what it leaves behind (audit,
 * timeline, outbox) can never disagree with what was decided.
 */
import type { Principal } from '../auth';
import type { Tx } from '../context';
import { renderTimeline } from '../i18n/timeline';
import { AUDIT_ONLY, type EventKind, type HubEvent } from '../vocabulary/events';

/** Who issues a command, and when: every command carries it. */
export interface Issued {
  by: Principal;
  at: Date;
}

/** A message for another service, caused by an event. */
export interface Outgoing {
  to: string;
  type: string;
  payload: object;
}

/** A timeline entry as a command leaves it: the event, who acted and when. */
export interface TimelineEntryInput {
  leadId: string;
  at: Date;
  agency: Principal['agency'];
  actor: { id: string; name: string; agency: Principal['agency']; region: string };
  kind: EventKind;
  facts: Record<string, unknown>;
  text: Record<string, string>;
  /** The English rendering, kept for readers that predate the facts. */
  summary: string;
}

/** Where a service puts timeline entries: the lead registry writes its own; agencies send them there. */
export type TimelineSink = (tx: Tx, entry: TimelineEntryInput) => void | Promise<void>;

export interface CommandSpec<S, C, E extends HubEvent, R> {
  command: C;
  /** Reads and row-locks what the decision needs; NOT_FOUND when it is not there for this caller. */
  load(tx: Tx): Promise<S>;
  /** Pure: the events the command causes given the state, or throws the refusal. */
  decide(state: NoInfer<S>, command: C): E | readonly E[];
  /** Writes an event's effect on this service's own rows (and may note created rows in `state`). */
  apply?(tx: Tx, state: S, event: E): void | Promise<void>;
  /** What other services must hear of an event, besides its timeline entry. */
  messages?(this: void, event: E, state: S): Outgoing[];
  result(state: S, events: readonly E[]): R | Promise<R>;
}

/** What a command needs of its caller: who acts, and one transaction with audit and outbox. */
export interface CommandContext {
  principal: Principal;
  transact<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

/** Audit data is the event's facts, naming the lead when the entity changed is not the lead. */
export function auditData(e: HubEvent): Record<string, unknown> {
  const facts = e.facts as Record<string, unknown>;
  return e.leadId && e.leadId !== e.entity.id ? { leadId: e.leadId, ...facts } : { ...facts };
}

export function timelineEntry(e: HubEvent, by: Principal, at: Date): TimelineEntryInput | null {
  if (!e.leadId || AUDIT_ONLY.has(e.kind)) return null;
  const entry = {
    leadId: e.leadId,
    at,
    agency: by.agency,
    actor: { id: by.id, name: by.name, agency: by.agency, region: by.region },
    kind: e.kind,
    facts: e.facts as Record<string, unknown>,
    text: e.text ?? {},
  };
  return { ...entry, summary: renderTimeline(entry, 'en') };
}

/** Records one decided event: its audit entry, its timeline entry and its messages. */
export async function record<E extends HubEvent, S>(tx: Tx, by: Principal, e: E, state: S, timeline: TimelineSink, messages?: (event: E, state: S) => Outgoing[]) {
  tx.audit({ entityType: e.entity.type, entityId: e.entity.id, action: e.kind, data: auditData(e) });
  const entry = timelineEntry(e, by, new Date());
  if (entry) await timeline(tx, entry);
  for (const m of messages?.(e, state) ?? []) tx.emit(m.to, m.type, { ...m.payload });
}

/** A service's command handler, with the place its timeline entries go. */
export function commandHandler(timeline: TimelineSink) {
  return function handle<S, C, E extends HubEvent, R>(ctx: CommandContext, spec: CommandSpec<S, C, E, R>): Promise<R> {
    return ctx.transact(async (tx) => {
      const state = await spec.load(tx);
      const decided = spec.decide(state, spec.command);
      const events: readonly E[] = Array.isArray(decided) ? decided : [decided as E];
      for (const e of events) await spec.apply?.(tx, state, e);
      for (const e of events) await record(tx, ctx.principal, e, state, timeline, spec.messages && ((event, s) => spec.messages!(event, s)));
      return spec.result(state, events);
    });
  };
}
