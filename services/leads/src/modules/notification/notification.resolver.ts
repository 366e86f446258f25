import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { badInput } from '../../../../../lib/errors';
import { decodeCursor, encodeCursor, MAX_PAGE, pageSize } from '../../../../../lib/graphql/pagination';
import { requestLanguage } from '../../../../../lib/i18n/language';
import type { LeadsContext } from '../../context';
import { UNREAD_COUNT_MAX } from '../../../../../lib/vocabulary/notifications';
import { countUnread, findNotifications, markRead } from './notification.query';
import { Notification, NotificationConnection, toNotification } from './notification.type';

const isRowId = (s: string) => /^[1-9]\d{0,17}$/.test(s);

function decodeIdCursor(after: string | null | undefined): string | null {
  const parts = decodeCursor(after, 1);
  if (!parts) return null;
  const [id] = parts;
  if (typeof id !== 'string' || !isRowId(id)) throw badInput('after', 'CURSOR_INVALID');
  return id;
}

@Resolver(() => Notification)
export class NotificationResolver {
  @Query(() => NotificationConnection, { description: "The caller's notifications (their own and their unit's), newest first." })
  async notifications(
    @Ctx() ctx: LeadsContext,
    @Arg('unreadOnly', () => Boolean, { nullable: true }) unreadOnly?: boolean | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<NotificationConnection> {
    const size = pageSize(first);
    const { rows, hasNextPage } = await findNotifications(ctx.em, ctx.principal, { first: size, after: decodeIdCursor(after), unreadOnly: unreadOnly ?? false });
    const lang = requestLanguage();
    const edges = rows.map((r) => ({ cursor: encodeCursor([String(r.id)]), node: toNotification(r, lang) }));
    return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @Query(() => Int, { description: `How many of the caller's notifications they have not read, counted up to ${UNREAD_COUNT_MAX} (show "${UNREAD_COUNT_MAX - 1}+" from there).` })
  unreadNotificationCount(@Ctx() ctx: LeadsContext): Promise<number> {
    return countUnread(ctx.em, ctx.principal);
  }

  @Mutation(() => [Notification], {
    description: "Marks the caller's notifications `ids` as read by them (once; again changes nothing) and returns them. All or none: an id that is not one of the caller's is refused (NOTIFICATION_NOT_FOUND) and nothing is marked.",
  })
  async markNotificationsRead(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: LeadsContext): Promise<Notification[]> {
    if (ids.length > MAX_PAGE) throw badInput('ids', 'NUMBER_AT_MOST', { max: MAX_PAGE });
    const lang = requestLanguage();
    // The read row is its own record of who read what when (append-only): nothing else to audit.
    const rows = await ctx.transact((tx) => markRead(tx.em, ctx.principal, ids));
    return rows.map((r) => toNotification(r, lang));
  }
}
