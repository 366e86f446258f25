import { Field, InputType } from 'type-graphql';
import { TimelineEventKindEnum } from '../timeline/timeline.type';
import type { EventKind } from '../../../../../lib/vocabulary/events';

@InputType({ description: 'What a webhook subscription delivers, and where (docs/webhooks.md).' })
export class WebhookSubscriptionInput {
  @Field({ description: 'The endpoint: https:// (plain http:// only outside production), without a user name or password.' })
  url!: string;

  @Field(() => [TimelineEventKindEnum], { description: 'Which events on leads to deliver (events about one lead only).' })
  eventKinds!: EventKind[];

  @Field(() => String, { nullable: true, description: "Leads in this region (GB/T 2260) and below; default and at most your jurisdiction." })
  region?: string | null;

  @Field(() => String, { nullable: true, description: 'What it is for (at most 200 characters), for your colleagues.' })
  purpose?: string | null;
}
