import { Arg, Ctx, Directive, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { mayDo } from '../vocabulary';
import type { HubContext } from '../context';
import { refuse } from '../errors';
import { requestLanguage } from '../i18n/language';
import { renderReason } from '../i18n/render';
import type { Reason } from '../i18n/reasons';
import type { ServiceName } from '../config';
import type { MessageHandler } from './receiver';
import type { DeadLetter } from './dead-letter.entity';
import { listDeadLetters, retryDeadLetter } from './dead-letter.store';

@ObjectType('DeadLetter', { description: 'A message between services that its receiver refused for a domain reason: kept, never dropped, until a supervisor retries it.' })
@Directive('@shareable')
export class DeadLetterType {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The service that received and refused it.' })
  service!: string;

  @Field({ description: 'The service that sent it.' })
  source!: string;

  @Field({ description: 'The message type, e.g. TransferFeedback.' })
  type!: string;

  @Field(() => ID, { nullable: true, description: 'The lead it is about.' })
  leadId!: string | null;

  @Field()
  receivedAt!: Date;

  @Field({ description: 'The refusal: its contract code, its stable reason code and why, in the caller\'s language.' })
  code!: string;

  @Field()
  reason!: string;

  @Field()
  message!: string;

  @Field(() => Int)
  attempts!: number;

  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;

  @Field(() => String, { nullable: true })
  resolvedBy!: string | null;
}

const toType = (service: string, d: DeadLetter): DeadLetterType =>
  Object.assign(new DeadLetterType(), {
    id: d.id,
    service,
    source: d.source,
    type: d.type,
    leadId: typeof d.payload.leadId === 'string' ? d.payload.leadId : null,
    receivedAt: d.receivedAt,
    code: d.code,
    reason: d.reason,
    message: renderReason(d.reason as Reason, (d.params ?? {}) as never, requestLanguage()),
    attempts: d.attempts,
    resolvedAt: d.resolvedAt ?? null,
    resolvedBy: d.resolvedBy ?? null,
  });

function supervisorsOnly(ctx: HubContext<unknown>) {
  if (!mayDo(ctx.principal.roles, 'supervise')) throw refuse('DEAD_LETTERS_SUPERVISORS_ONLY');
}

/**
 * `<service>DeadLetters` and `retry<Service>DeadLetter` for SUPERVISORs: the messages this service
 * refused, and applying one again once its cause is resolved (its handler, as on arrival; a new
 * refusal keeps it, with the new reason).
 */
export function deadLetterResolver(service: ServiceName, handlers: Record<string, MessageHandler>) {
  const Service = service.charAt(0).toUpperCase() + service.slice(1);

  @Resolver()
  class DeadLetterResolver {
    @Query(() => [DeadLetterType], { name: `${service}DeadLetters`, description: `SUPERVISOR: messages the ${service} service refused, oldest first (open ones only unless open: false).` })
    async deadLetters(@Ctx() ctx: HubContext<unknown>, @Arg('open', () => Boolean, { defaultValue: true }) open: boolean): Promise<DeadLetterType[]> {
      supervisorsOnly(ctx);
      return (await listDeadLetters(ctx.em, open)).map((d) => toType(service, d));
    }

    @Mutation(() => DeadLetterType, { name: `retry${Service}DeadLetter`, description: `SUPERVISOR: apply a refused message again, once its cause is resolved.` })
    async retry(@Arg('id', () => ID) id: string, @Ctx() ctx: HubContext<unknown>): Promise<DeadLetterType> {
      supervisorsOnly(ctx);
      const { kept, refusal } = await retryDeadLetter(ctx, handlers, id);
      if (refusal) ctx.log.warn({ messageId: id, type: kept.type, reason: refusal.reason }, 'dead letter refused again');
      return toType(service, kept);
    }
  }
  return DeadLetterResolver;
}
