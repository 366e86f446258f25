import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../../../lib/auth';
import { refuse } from '../../../../../lib/errors';
import { jurisdictionPrefix } from '../../../../../lib/region';
import { likePrefix } from '../lead/lead.query';
import { UNREAD_COUNT_MAX } from '../../../../../lib/vocabulary/notifications';

export interface NotificationRow {
  id: string;
  kind: string;
  lead_id: string;
  reference_no: string;
  facts: Record<string, unknown>;
  at: string | Date;
  read_at: string | Date | null;
}

/**
 * The caller's notifications: their own, and their unit's (their agency, a region inside their
 * jurisdiction, their role when one is named). One statement per page, whatever its length.
 */
function mine(p: Principal): { sql: string; values: unknown[] } {
  return {
    sql: `n.agency = ? and (n.staff_id = ? or (n.staff_id is null and n.region like ? and (n.role is null or n.role = any(?::text[]))))`,
    values: [p.agency, p.id, likePrefix(jurisdictionPrefix(p.region)), `{${p.roles.join(',')}}`],
  };
}

export async function findNotifications(em: EntityManager, p: Principal, page: { first: number; after: string | null; unreadOnly: boolean }): Promise<{ rows: NotificationRow[]; hasNextPage: boolean }> {
  const m = mine(p);
  const rows = await em.execute<NotificationRow[]>(
    `select n.id, n.kind, n.lead_id, n.reference_no, n.facts, n.at, r.read_at from notification n
     left join notification_read r on r.staff_id = ? and r.notification_id = n.id
     where ${m.sql} ${page.unreadOnly ? 'and r.read_at is null' : ''} ${page.after ? 'and n.id < ?::bigint' : ''}
     order by n.id desc limit ?`,
    [p.id, ...m.values, ...(page.after ? [page.after] : []), page.first + 1],
  );
  return { rows: rows.slice(0, page.first), hasNextPage: rows.length > page.first };
}

/** How many the caller has not read, counted up to UNREAD_COUNT_MAX. */
export async function countUnread(em: EntityManager, p: Principal): Promise<number> {
  const m = mine(p);
  const [{ n }] = await em.execute<{ n: string }[]>(
    `select count(*) as n from (select 1 from notification n where ${m.sql}
     and not exists (select 1 from notification_read r where r.staff_id = ? and r.notification_id = n.id) limit ?) unread`,
    [...m.values, p.id, UNREAD_COUNT_MAX],
  );
  return Number(n);
}

const isRowId = (s: string) => /^[1-9]\d{0,17}$/.test(s);

/**
 * Marks the caller's notifications `ids` as read by them (again: no change) and returns them. All
 * or none: an id that is not theirs (or not a notification at all) is refused, the same either way.
 */
export async function markRead(em: EntityManager, p: Principal, given: readonly string[]): Promise<NotificationRow[]> {
  const ids = [...new Set(given)];
  const m = mine(p);
  const own = ids.every(isRowId)
    ? await em.execute<{ id: string }[]>(`select n.id from notification n where n.id = any(?::bigint[]) and ${m.sql}`, [`{${ids.join(',')}}`, ...m.values])
    : [];
  if (own.length !== ids.length) throw refuse('NOTIFICATION_NOT_FOUND');
  await em.execute(
    `insert into notification_read (staff_id, notification_id, read_at)
     select ?, n.id, now() from notification n where n.id = any(?::bigint[]) and ${m.sql}
     on conflict (staff_id, notification_id) do nothing`,
    [p.id, `{${ids.join(',')}}`, ...m.values],
  );
  return em.execute<NotificationRow[]>(
    `select n.id, n.kind, n.lead_id, n.reference_no, n.facts, n.at, r.read_at from notification n
     join notification_read r on r.staff_id = ? and r.notification_id = n.id
     where n.id = any(?::bigint[]) order by n.id desc`,
    [p.id, `{${ids.join(',')}}`],
  );
}
