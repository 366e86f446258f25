/**
 * What falls due on a lawsuit (issue 19): an installment past its due day (Asia/Shanghai) and not
 * paid in full, and a hearing tomorrow. Each tells the litigation units with a case on the lead
 * (the supporting procuratorate, the court), once per installment or hearing date. Pure.
 */
import { addDays, shanghaiDate, shanghaiStartOfDay } from '../../../../../lib/dates';
import type { Agency } from '../../../../../lib/domain/enums';
import type { NoticeDeadline } from '../../../../../lib/scheduler/notice-source';
import type { NotificationKind } from '../../../../../lib/vocabulary/notifications';

export interface LawsuitUnits {
  leadId: string;
  referenceNo: string;
  /** The agencies with a case on the lead here, each at its case's region. */
  units: { agency: Agency; region: string }[];
}

const notice = (kind: NotificationKind, id: string, l: LawsuitUnits, dueOn: string, dueAt: Date): NoticeDeadline => {
  const key = `${kind}:${id}:${dueOn}`;
  return {
    key, kind, dueAt,
    drafts: l.units.map((u) => ({ recipient: u, kind, leadId: l.leadId, referenceNo: l.referenceNo, facts: { dueOn }, dedupeKey: `${key}:unit:${u.agency}:${u.region}`, at: dueAt })),
  };
};

/** Overdue from the day after its due day, unless paid in full. */
export function installmentDue(i: { id: string; dueOn: string; amountFen: bigint; paidFen: bigint }, l: LawsuitUnits, now: Date): NoticeDeadline[] {
  const overdueAt = shanghaiStartOfDay(addDays(i.dueOn, 1));
  return i.paidFen < i.amountFen && overdueAt <= now && l.units.length ? [notice('INSTALLMENT_OVERDUE', i.id, l, i.dueOn, overdueAt)] : [];
}

/** "Tomorrow" only on the day before: a pass that runs late on the hearing day itself says nothing. */
export function hearingDue(h: { id: string; date: string; held: boolean }, l: LawsuitUnits, now: Date): NoticeDeadline[] {
  const dayBefore = addDays(h.date, -1);
  return !h.held && shanghaiDate(now) === dayBefore && l.units.length ? [notice('HEARING_TOMORROW', h.id, l, h.date, shanghaiStartOfDay(dayBefore))] : [];
}
