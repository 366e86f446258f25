import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../../../lib/auth';
import type { CommandContext } from '../../../../../lib/command/handler';
import { refuse } from '../../../../../lib/errors';
import { readRecords, recordFromRow } from '../../../../../lib/read-records';
import { jurisdictionPrefix } from '../../../../../lib/region';
import { likePrefix } from '../lead/lead.query';
import { handleLeadsCommand } from '../timeline/timeline.store';
import type { ComplainantNoticeCommand } from './complainant-notice.commands';
import { ComplainantNoticeRecord } from './complainant-notice.entity';
import { decideComplainantNotice } from './complainant-notice.rules';

/** A notice of the notifier's agency on a lead in its jurisdiction, row-locked; NOT_FOUND otherwise. */
async function lockNotice(em: EntityManager, by: Principal, id: string): Promise<ComplainantNoticeRecord> {
  const n = /^\d{1,18}$/.test(id)
    ? await em.findOne(ComplainantNoticeRecord, { id, agency: by.agency, leadRegionCode: { $like: likePrefix(jurisdictionPrefix(by.region)) } }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true })
    : null;
  if (!n) throw refuse('COMPLAINANT_NOTICE_NOT_FOUND');
  return n;
}

export function runComplainantNotice(ctx: CommandContext, command: ComplainantNoticeCommand): Promise<ComplainantNoticeRecord> {
  return handleLeadsCommand(ctx, {
    command,
    load: (tx) => lockNotice(tx.em, command.by, command.noticeId),
    decide: (n, cmd) =>
      decideComplainantNotice(
        { id: n.id, leadId: n.leadId, kind: n.kind, complainantOrdinal: n.complainantOrdinal, status: n.status, channel: n.channel ?? null, sentAt: n.sentAt ?? null, failedReason: n.failedReason ?? null, attempts: n.attempts, createdAt: n.createdAt },
        cmd,
      ),
    apply(_tx, n, e) {
      if (e.kind === 'COMPLAINANT_NOTICE_SENT') Object.assign(n, { status: 'SENT', channel: e.facts.channel, sentAt: new Date(e.facts.sentAt), updatedAt: command.at });
      else if (command.type === 'markFailed') Object.assign(n, { status: 'FAILED', failedReason: command.reason, attempts: e.facts.attempts, updatedAt: command.at });
    },
    result: (n) => n,
  });
}

export interface QueuedNotice {
  notice: ComplainantNoticeRecord;
  complainantName: string;
  phone: string | null;
  idNumber: string | null;
}

/** One page of the notifier's queue, oldest first: the notice with the complainant's name and phone, in one query. */
export async function noticeQueue(em: EntityManager, by: Principal, status: string, first: number, afterId: string | null): Promise<QueuedNotice[]> {
  const rows = await em.execute<Record<string, unknown>[]>(
    `select n.*, c.name as c_name, c.phone as c_phone, c.id_number as c_id_number from complainant_notice n join complainant c on c.id = n.complainant_id
      where n.agency = ? and n.status = ? and n.lead_region_code like ? ${afterId ? 'and n.id > ?' : ''} order by n.id limit ?`,
    [by.agency, status, likePrefix(jurisdictionPrefix(by.region)), ...(afterId ? [afterId] : []), first],
  );
  return rows.map(({ c_name, c_phone, c_id_number, ...r }) => ({
    notice: recordFromRow(em, ComplainantNoticeRecord, r),
    complainantName: String(c_name),
    phone: (c_phone as string | null) ?? null,
    idNumber: (c_id_number as string | null) ?? null,
  }));
}

/** The notices of a page of leads (one query), oldest first. */
export async function noticesOfLeads(em: EntityManager, leadIds: readonly string[]): Promise<ComplainantNoticeRecord[][]> {
  const rows = leadIds.length ? await readRecords(em, ComplainantNoticeRecord, { leadId: { $in: [...leadIds] } }, { id: 'asc' }) : [];
  return leadIds.map((id) => rows.filter((r) => r.leadId === id));
}
