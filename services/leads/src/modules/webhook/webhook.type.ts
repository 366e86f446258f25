import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TimelineEventKindEnum } from '../timeline/timeline.type';
import type { WebhookDeliveryRecord, WebhookPauseCause, WebhookStatus, WebhookSubscriptionRecord } from './webhook.entity';

export const WebhookStatusEnum = { ACTIVE: 'ACTIVE', PAUSED: 'PAUSED' } as const;
registerEnumType(WebhookStatusEnum, { name: 'WebhookStatus', description: 'ACTIVE delivers; PAUSED keeps events queued until resumed.' });
export const WebhookPauseCauseEnum = { BY_SUPERVISOR: 'BY_SUPERVISOR', FAILING: 'FAILING' } as const;
registerEnumType(WebhookPauseCauseEnum, { name: 'WebhookPauseCause', description: 'BY_SUPERVISOR: paused by hand; FAILING: paused itself after repeated failed deliveries.' });
export const WebhookDeliveryStatusEnum = { PENDING: 'PENDING', RETRYING: 'RETRYING', DELIVERED: 'DELIVERED' } as const;
registerEnumType(WebhookDeliveryStatusEnum, { name: 'WebhookDeliveryStatus', description: 'PENDING: not tried yet; RETRYING: failed, will be tried again; DELIVERED: the endpoint answered 2xx.' });

@ObjectType({ description: "An agency's webhook subscription: events on leads in its region, delivered signed to an endpoint." })
export class WebhookSubscription {
  @Field(() => ID)
  id!: string;

  @Field()
  url!: string;

  @Field({ description: 'Leads in this region and below are delivered.' })
  region!: string;

  @Field(() => [TimelineEventKindEnum])
  eventKinds!: string[];

  @Field(() => String, { nullable: true })
  purpose!: string | null;

  @Field(() => WebhookStatusEnum)
  status!: WebhookStatus;

  @Field(() => WebhookPauseCauseEnum, { nullable: true })
  pausedCause!: WebhookPauseCause | null;

  @Field(() => Int, { description: 'Failed delivery attempts in a row (0 after a success or a resume).' })
  consecutiveFailures!: number;

  @Field(() => Int, { description: 'Which secret signs deliveries: 1, then one more per rotation.' })
  secretVersion!: number;

  @Field(() => Date, { nullable: true })
  lastFailureAt!: Date | null;

  @Field()
  createdAt!: Date;

  @Field({ description: 'Staff id of the supervisor who subscribed.' })
  createdBy!: string;

  @Field()
  updatedAt!: Date;
}

@ObjectType({ description: 'A subscription with its signing secret, shown only in the answer that made or rotated it.' })
export class WebhookSubscriptionWithSecret {
  @Field(() => WebhookSubscription)
  subscription!: WebhookSubscription;

  @Field(() => String, { nullable: true, description: 'The HMAC-SHA256 key (whsec_...): keep it now, it is not shown again.' })
  secret!: string | null;
}

@ObjectType({ description: 'One event for one subscription, with how its delivery went (the delivery log).' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'The event id the body and X-Hub-Event-Id carry: the same on every retry.' })
  eventId!: string;

  @Field({ description: 'The event kind (TimelineEventKind name), or TEST.' })
  kind!: string;

  @Field(() => ID, { nullable: true })
  leadId!: string | null;

  @Field(() => String, { nullable: true })
  referenceNo!: string | null;

  @Field(() => WebhookDeliveryStatusEnum)
  status!: keyof typeof WebhookDeliveryStatusEnum;

  @Field(() => Int)
  attempts!: number;

  @Field(() => Int, { nullable: true, description: 'The HTTP status of the last attempt (null: no answer).' })
  lastStatus!: number | null;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => Date, { nullable: true })
  lastAttemptAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it is tried next (null once delivered).' })
  nextAttemptAt!: Date | null;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  deliveredAt!: Date | null;
}

export const toSubscription = (r: WebhookSubscriptionRecord): WebhookSubscription =>
  Object.assign(new WebhookSubscription(), {
    id: r.id, url: r.url, region: r.region, eventKinds: r.eventKinds, purpose: r.purpose ?? null, status: r.status, pausedCause: r.pausedCause ?? null,
    consecutiveFailures: r.consecutiveFailures, secretVersion: r.secretVersion, lastFailureAt: r.lastFailureAt ?? null, createdAt: r.createdAt, createdBy: r.createdBy, updatedAt: r.updatedAt,
  });

export const toDelivery = (r: WebhookDeliveryRecord): WebhookDelivery => {
  const lead = (r.payload as { lead?: { referenceNo?: string } | null }).lead;
  return Object.assign(new WebhookDelivery(), {
    eventId: r.eventId, kind: r.kind, leadId: r.leadId ?? null, referenceNo: lead?.referenceNo ?? null,
    status: r.deliveredAt ? 'DELIVERED' : r.attempts > 0 ? 'RETRYING' : 'PENDING',
    attempts: r.attempts, lastStatus: r.lastStatus ?? null, lastError: r.lastError ?? null, lastAttemptAt: r.lastAttemptAt ?? null,
    nextAttemptAt: r.deliveredAt ? null : r.nextAttemptAt, createdAt: r.createdAt, deliveredAt: r.deliveredAt ?? null,
  });
};
