import { Arg, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Lead } from '../lead/lead.type';
import { handlesLead } from '../lead/lead.access';
import { badInput } from '../../../../../lib/errors';
import { decodeCursor, encodeCursor, pageSize } from '../../../../../lib/graphql/pagination';
import { clientOperationName } from '../personal-data/personal-data.rules';
import { ComplainantNotice, ComplainantNoticeConnection, ComplainantNoticeStatusEnum, NoticeChannelEnum, toComplainantNotice } from './complainant-notice.type';
import { failureReason, mayDrainNotices } from './complainant-notice.rules';
import { noticeQueue, runComplainantNotice } from './complainant-notice.store';
import type { NoticeChannel } from './complainant-notice.commands';
import type { LeadsContext } from '../../context';

function afterId(after: string | null | undefined): string | null {
  const parts = decodeCursor(after, 1);
  if (!parts) return null;
  if (typeof parts[0] !== 'string' || !/^\d{1,18}$/.test(parts[0])) throw badInput('after', 'CURSOR_INVALID');
  return parts[0];
}

@Resolver(() => ComplainantNotice)
export class ComplainantNoticeResolver {
  @Query(() => ComplainantNoticeConnection, {
    description:
      "NOTIFIER: the notices owed to complainants by your agency's acts on leads in your jurisdiction, oldest first, with each complainant's phone (each read is on the personal-data access record). Drain PENDING, then mark each sent or failed.",
  })
  async complainantNotices(
    @Ctx() ctx: LeadsContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('status', () => ComplainantNoticeStatusEnum, { defaultValue: 'PENDING' }) status: string,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ComplainantNoticeConnection> {
    mayDrainNotices(ctx.principal);
    const size = pageSize(first);
    const rows = await noticeQueue(ctx.em, ctx.principal, status, size + 1, afterId(after));
    const page = rows.slice(0, size);
    const operation = clientOperationName(info.operation.name?.value);
    for (const q of page) {
      // The phone is the notifier's job, and on the record like any other unmasked sight.
      if (q.phone) ctx.loaders.personalDataSightings.saw({ leadId: q.notice.leadId, leadRegionCode: q.notice.leadRegionCode, complainantOrdinal: q.notice.complainantOrdinal, idNumber: q.idNumber, fields: ['PHONE'], operation, via: 'complainantNotices' });
    }
    const edges = page.map((q) => ({ cursor: encodeCursor([String(q.notice.id)]), node: toComplainantNotice(q.notice, { full: true, complainantName: q.complainantName, phone: q.phone }) }));
    return Object.assign(new ComplainantNoticeConnection(), { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } });
  }

  @Mutation(() => ComplainantNotice, { description: 'NOTIFIER: the notice was sent (by SMS or letter) at sentAt. Reporting it again changes nothing.' })
  async markComplainantNoticeSent(
    @Ctx() ctx: LeadsContext,
    @Arg('id', () => ID) id: string,
    @Arg('channel', () => NoticeChannelEnum) channel: NoticeChannel,
    @Arg('sentAt', () => Date, { nullable: true, description: 'When it was sent; now if not given.' }) sentAt?: Date | null,
  ): Promise<ComplainantNotice> {
    mayDrainNotices(ctx.principal);
    const n = await runComplainantNotice(ctx, { type: 'markSent', noticeId: id, channel, sentAt: sentAt ?? new Date(), by: ctx.principal, at: new Date() });
    return toComplainantNotice(n, { full: false });
  }

  @Mutation(() => ComplainantNotice, { description: 'NOTIFIER: the notice could not be delivered, and why (kept on the notice, not on the timeline). It stays FAILED until reported sent.' })
  async markComplainantNoticeFailed(@Ctx() ctx: LeadsContext, @Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string): Promise<ComplainantNotice> {
    mayDrainNotices(ctx.principal);
    const n = await runComplainantNotice(ctx, { type: 'markFailed', noticeId: id, reason: failureReason(reason), by: ctx.principal, at: new Date() });
    return toComplainantNotice(n, { full: false });
  }
}

@Resolver(() => Lead)
export class LeadComplainantNoticesResolver {
  @FieldResolver(() => [ComplainantNotice], { description: "The notices owed to the lead's complainants and how they stand (sent, failed, pending); texts and names only for staff of an agency handling the lead." })
  async complainantNotices(@Root() lead: Lead, @Ctx() ctx: LeadsContext): Promise<ComplainantNotice[]> {
    const [notices, involvements] = await Promise.all([ctx.loaders.complainantNotices.load(lead.id), ctx.loaders.involvements.load(lead.id)]);
    const full = handlesLead(ctx.principal, involvements);
    const names = full ? new Map((await ctx.loaders.complainants.load(lead.id)).map((c) => [c.ordinal, c.name])) : new Map<number, string>();
    return notices.map((n) => toComplainantNotice(n, { full, complainantName: names.get(n.complainantOrdinal) ?? null }));
  }
}
