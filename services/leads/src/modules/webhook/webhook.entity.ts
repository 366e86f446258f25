import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { Agency } from '../../../../../lib/domain/enums';

export type WebhookStatus = 'ACTIVE' | 'PAUSED';
export type WebhookPauseCause = 'BY_SUPERVISOR' | 'FAILING';

/** An agency supervisor's subscription of an endpoint to event kinds on leads in a region. */
@Entity({ tableName: 'webhook_subscription' })
@Index({ name: 'webhook_subscription_agency_idx', properties: ['agency', 'createdAt'] })
export class WebhookSubscriptionRecord {
  [OptionalProps]?: 'consecutiveFailures' | 'version' | 'pausedCause' | 'purpose' | 'lastFailureAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  agency!: Agency;

  /** Leads whose region is within this jurisdiction (GB/T 2260) are delivered. */
  @Property({ type: 'text' })
  region!: string;

  @Property({ type: 'text' })
  url!: string;

  @Property({ type: 'text[]', columnType: 'text[]' })
  eventKinds!: string[];

  @Property({ type: 'text', nullable: true })
  purpose?: string | null;

  @Property({ type: 'text' })
  status!: WebhookStatus;

  @Property({ type: 'text', nullable: true })
  pausedCause?: WebhookPauseCause | null;

  /** The HMAC key; shown to the subscriber once, when made or rotated. */
  @Property({ type: 'text', hidden: true })
  secret!: string;

  @Property({ type: 'integer' })
  secretVersion!: number;

  @Property({ type: 'integer', default: 0 })
  consecutiveFailures = 0;

  @Property({ type: 'timestamptz', nullable: true })
  lastFailureAt?: Date | null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'text' })
  createdBy!: string;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;

  @Property({ type: 'integer', version: true, default: 1 })
  version!: number;
}

/** One event for one subscription: written with the event, delivered at least once, in order. */
@Entity({ tableName: 'webhook_delivery' })
export class WebhookDeliveryRecord {
  [OptionalProps]?: 'seq' | 'createdAt' | 'attempts' | 'nextAttemptAt' | 'deliveredAt' | 'lastError' | 'lastStatus' | 'lastAttemptAt';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  seq!: string;

  @Property({ type: 'uuid' })
  subscriptionId!: string;

  /** The same for every subscription that receives the event, and on every retry: receivers dedupe by it. */
  @Property({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'uuid', nullable: true })
  leadId?: string | null;

  @Property({ type: 'text' })
  kind!: string;

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt?: Date | null;

  @Property({ type: 'integer', default: 0 })
  attempts = 0;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  nextAttemptAt: Date = new Date();

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Property({ type: 'integer', nullable: true })
  lastStatus?: number | null;

  @Property({ type: 'timestamptz', nullable: true })
  lastAttemptAt?: Date | null;
}
