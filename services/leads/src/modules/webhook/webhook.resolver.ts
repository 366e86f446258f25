import { randomUUID } from 'node:crypto';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { isProduction } from '../../../../../lib/config';
import { refuse } from '../../../../../lib/errors';
import { isUuid } from '../../../../../lib/identifiers';
import { jurisdictionPrefix } from '../../../../../lib/vocabulary/jurisdiction';
import type { LeadsContext } from '../../context';
import { WebhookDeliveryRecord, WebhookSubscriptionRecord } from './webhook.entity';
import { WebhookSubscriptionInput } from './webhook.input';
import { checkSettings, mayManageWebhooks } from './webhook.rules';
import { pauseWebhook, resumeWebhook, rotateWebhookSecret, sendWebhookTest, subscribeWebhook, updateWebhook, type SubscriptionWithSecret } from './webhook.store';
import { WebhookDelivery, WebhookDeliveryStatusEnum, WebhookSubscription, WebhookSubscriptionWithSecret, toDelivery, toSubscription } from './webhook.type';

const withSecret = (r: SubscriptionWithSecret) => Object.assign(new WebhookSubscriptionWithSecret(), { subscription: toSubscription(r.subscription), secret: r.secret });
const issued = (ctx: LeadsContext) => ({ by: ctx.principal, at: new Date() });

@Resolver()
export class WebhookResolver {
  @Query(() => [WebhookSubscription], { description: "SUPERVISOR: your agency's webhook subscriptions in your jurisdiction, newest first." })
  async webhookSubscriptions(@Ctx() ctx: LeadsContext): Promise<WebhookSubscription[]> {
    mayManageWebhooks(ctx.principal);
    const rows = await ctx.em.find(
      WebhookSubscriptionRecord,
      { agency: ctx.principal.agency, region: { $like: `${jurisdictionPrefix(ctx.principal.region)}%` } },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit: 200 },
    );
    return rows.map(toSubscription);
  }

  @Query(() => [WebhookDelivery], { description: "SUPERVISOR: a subscription's delivery log, newest first: each event's status, attempts and last error." })
  async webhookDeliveries(
    @Ctx() ctx: LeadsContext,
    @Arg('subscriptionId', () => ID) subscriptionId: string,
    @Arg('status', () => WebhookDeliveryStatusEnum, { nullable: true }) status?: keyof typeof WebhookDeliveryStatusEnum | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
  ): Promise<WebhookDelivery[]> {
    mayManageWebhooks(ctx.principal);
    const sub = isUuid(subscriptionId) ? await ctx.em.findOne(WebhookSubscriptionRecord, { id: subscriptionId, agency: ctx.principal.agency, region: { $like: `${jurisdictionPrefix(ctx.principal.region)}%` } }) : null;
    if (!sub) throw refuse('WEBHOOK_SUBSCRIPTION_NOT_FOUND');
    const where =
      status === 'DELIVERED' ? { deliveredAt: { $ne: null } } : status === 'RETRYING' ? { deliveredAt: null, attempts: { $gt: 0 } } : status === 'PENDING' ? { deliveredAt: null, attempts: 0 } : {};
    const rows = await ctx.em.find(WebhookDeliveryRecord, { subscriptionId: sub.id, ...where }, { orderBy: { seq: 'desc' }, limit: Math.min(Math.max(first, 0), 200) });
    return rows.map(toDelivery);
  }

  @Mutation(() => WebhookSubscriptionWithSecret, { description: 'SUPERVISOR: subscribe an endpoint to events on leads in your jurisdiction; the answer shows the signing secret, once.' })
  async subscribeWebhook(@Arg('input') input: WebhookSubscriptionInput, @Ctx() ctx: LeadsContext): Promise<WebhookSubscriptionWithSecret> {
    mayManageWebhooks(ctx.principal);
    const settings = checkSettings(input, ctx.principal, isProduction());
    return withSecret(await subscribeWebhook(ctx, { type: 'subscribeWebhook', subscriptionId: randomUUID(), settings, ...issued(ctx) }));
  }

  @Mutation(() => WebhookSubscription, { description: 'SUPERVISOR: change where a subscription delivers and what (the secret stays).' })
  async updateWebhookSubscription(@Arg('id', () => ID) id: string, @Arg('input') input: WebhookSubscriptionInput, @Ctx() ctx: LeadsContext): Promise<WebhookSubscription> {
    mayManageWebhooks(ctx.principal);
    const settings = checkSettings(input, ctx.principal, isProduction());
    return toSubscription((await updateWebhook(ctx, { type: 'updateWebhook', subscriptionId: id, settings, ...issued(ctx) })).subscription);
  }

  @Mutation(() => WebhookSubscription, { description: 'SUPERVISOR: stop delivering; events keep queuing until resumed.' })
  async pauseWebhookSubscription(@Arg('id', () => ID) id: string, @Ctx() ctx: LeadsContext): Promise<WebhookSubscription> {
    return toSubscription((await pauseWebhook(ctx, { type: 'pauseWebhook', subscriptionId: id, ...issued(ctx) })).subscription);
  }

  @Mutation(() => WebhookSubscription, { description: 'SUPERVISOR: deliver again, from the oldest event still waiting, in order.' })
  async resumeWebhookSubscription(@Arg('id', () => ID) id: string, @Ctx() ctx: LeadsContext): Promise<WebhookSubscription> {
    return toSubscription((await resumeWebhook(ctx, { type: 'resumeWebhook', subscriptionId: id, ...issued(ctx) })).subscription);
  }

  @Mutation(() => WebhookSubscriptionWithSecret, { description: 'SUPERVISOR: a new signing secret, shown once; deliveries are signed with it from now on.' })
  async rotateWebhookSecret(@Arg('id', () => ID) id: string, @Ctx() ctx: LeadsContext): Promise<WebhookSubscriptionWithSecret> {
    return withSecret(await rotateWebhookSecret(ctx, { type: 'rotateWebhookSecret', subscriptionId: id, ...issued(ctx) }));
  }

  @Mutation(() => WebhookDelivery, { description: 'SUPERVISOR: queue a signed TEST event (no lead) to check the endpoint and its signature check.' })
  async sendWebhookTest(@Arg('id', () => ID) id: string, @Ctx() ctx: LeadsContext): Promise<WebhookDelivery> {
    return toDelivery(await sendWebhookTest(ctx, { type: 'sendWebhookTest', subscriptionId: id, eventId: randomUUID(), ...issued(ctx) }));
  }
}
