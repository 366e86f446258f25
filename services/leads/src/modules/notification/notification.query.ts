import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../../../lib/auth';
import { jurisdictionPrefix } from '../../../../../lib/region';
import { likePrefix } from '../lead/lead.query';

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

export async function countUnread(em: EntityManager, p: Principal): Promise<number> {
  const m = mine(p);
  const [{ n }] = await em.execute<{ n: string }[]>(
    `select count(*) as n from notification n where ${m.sql}
     and not exists (select 1 from notification_read r where r.staff_id = ? and r.notification_id = n.id)`,
    [...m.values, p.id],
  );
  return Number(n);
}

/** Marks those of `ids` that are the caller's as read by them (again: no change); returns them. */
export async function markRead(em: EntityManager, p: Principal, ids: readonly string[]): Promise<NotificationRow[]> {
  const m = mine(p);
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
