import { Entity, Enum, OptionalProps, Property } from '@mikro-orm/core';
import { CLOSURE_REASONS, CLOSURE_STATES, FEEDBACK_STATES, TRANSFER_STATES, type ClosureReason, type ClosureState, type FeedbackState, type TransferState } from '../domain/enums';
import type { ClosureFacts } from '../messages';

/**
 * One agency's three states on a lead and how it closed its case: kept by each agency service on
 * its own case, and mirrored by the lead registry for every agency involved.
 */
@Entity({ abstract: true })
export abstract class AgencyStatesRecord<Defaulted extends string = never> {
  [OptionalProps]?: 'version' | Defaulted;

  @Enum({ items: () => TRANSFER_STATES })
  transferState!: TransferState;

  @Enum({ items: () => FEEDBACK_STATES })
  feedbackState!: FeedbackState;

  @Enum({ items: () => CLOSURE_STATES })
  closureState!: ClosureState;

  @Enum({ items: () => CLOSURE_REASONS, nullable: true })
  closureReason?: ClosureReason | null;

  @Property({ type: 'bigint', columnType: 'bigint', nullable: true })
  amountRecoveredFen?: string | null;

  /** Of amountRecoveredFen, the compensation (加付赔偿金) the employer was ordered to add; the rest is wages. */
  @Property({ type: 'bigint', columnType: 'bigint', nullable: true })
  compensationRecoveredFen?: string | null;

  @Property({ type: 'integer', nullable: true })
  workersPaid?: number | null;

  @Property({ type: 'text', nullable: true })
  closureNote?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  closedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  closedBy?: string | null;

  /** Deadline of the feedback this agency owes or awaits; past it, DUE and AWAITING read as OVERDUE. */
  @Property({ type: 'timestamptz', nullable: true })
  feedbackDueAt?: Date | null;

  @Property({ type: 'integer', version: true })
  version!: number;
}

/** Writes a closure onto an agency's states (the agency's own case or the registry's mirror of it). */
export function markClosed(r: AgencyStatesRecord<string>, c: ClosureFacts): void {
  Object.assign(r, { closureState: 'CLOSED', closureReason: c.reason, amountRecoveredFen: c.amountRecoveredFen, compensationRecoveredFen: c.compensationRecoveredFen ?? '0', workersPaid: c.workersPaid, closureNote: c.note, closedAt: new Date(c.closedAt), closedBy: c.closedBy });
}

/** Reopens: the closure fields are cleared; the audit trail and the timeline keep the history. */
export function markOpen(r: AgencyStatesRecord<string>): void {
  Object.assign(r, { closureState: 'OPEN', closureReason: null, amountRecoveredFen: null, compensationRecoveredFen: null, workersPaid: null, closureNote: null, closedAt: null, closedBy: null });
}
