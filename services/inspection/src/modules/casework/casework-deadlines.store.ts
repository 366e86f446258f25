import { deadlineSettings } from '../../../../../lib/config';
import { calendar } from '../../../../../lib/calendar/calendar';
import { addDays, shanghaiDate } from '../../../../../lib/dates';
import { CATCH_UP_DAYS, calendarDaysHolding } from '../../../../../lib/scheduler/due';
import { EXTENSION_WORKING_DAYS, INVESTIGATION_WORKING_DAYS } from './inspection.rules';
import { noticeSource } from '../../../../../lib/scheduler/notice-source';
import { investigationDue, paymentOrderDue } from './casework-deadlines.rules';

interface CaseRow { lead_id: string; reference_no: string; region_code: string; closure_state: string; investigation_opened_at: Date | null; investigation_extended_at: Date | null; investigation_suspended_on: string | null; investigation_suspended_days: number }
interface OrderRow { id: string; lead_id: string; reference_no: string; region_code: string; pay_by: string; amount_fen: string; paid_fen: string }

/** Labour inspection's deadlines: open investigations, and unpaid payment orders of open cases. */
export const inspectionDeadlines = noticeSource('inspection', async (em, now) => {
  const settings = deadlineSettings();
  const cases = await em.execute<CaseRow[]>(
    `select lead_id, reference_no, region_code, closure_state, investigation_opened_at, investigation_extended_at,
            to_char(investigation_suspended_on, 'YYYY-MM-DD') as investigation_suspended_on, investigation_suspended_days
       from inspection_case where closure_state = 'OPEN' and investigation_opened_at > ?::timestamptz - make_interval(days => ?)
        and investigation_opened_at <= ?::timestamptz - make_interval(days => ?)`,
    // Due at least 60 calendar days after it opened (60 working days, more if extended or suspended), so
    // only a case opened that long before the reminder window can be due soon: a bulk import's fresh
    // cases are not read (and worked out day by day) on every pass.
    [now.toISOString(), calendarDaysHolding(INVESTIGATION_WORKING_DAYS + EXTENSION_WORKING_DAYS), now.toISOString(), Math.max(0, INVESTIGATION_WORKING_DAYS - calendarDaysHolding(settings.investigationSoonWorkingDays))],
  );
  const orders = await em.execute<OrderRow[]>(
    `select o.id, o.lead_id, c.reference_no, c.region_code, to_char(o.pay_by, 'YYYY-MM-DD') as pay_by, o.amount_fen, o.paid_fen
       from payment_order o join inspection_case c on c.lead_id = o.lead_id
      where c.closure_state = 'OPEN' and o.paid_fen < o.amount_fen and o.pay_by < ?::date and o.pay_by >= ?::date`,
    [shanghaiDate(now), addDays(shanghaiDate(now), -CATCH_UP_DAYS)],
  );
  return [
    ...cases.flatMap((c) =>
      investigationDue(
        { leadId: c.lead_id, referenceNo: c.reference_no, regionCode: c.region_code, closureState: c.closure_state, investigationOpenedAt: c.investigation_opened_at && new Date(c.investigation_opened_at), investigationExtendedAt: c.investigation_extended_at && new Date(c.investigation_extended_at), investigationSuspendedOn: c.investigation_suspended_on, investigationSuspendedDays: c.investigation_suspended_days },
        settings, calendar, now,
      ),
    ),
    ...orders.flatMap((o) => paymentOrderDue({ id: o.id, leadId: o.lead_id, referenceNo: o.reference_no, regionCode: o.region_code, payBy: o.pay_by, amountFen: BigInt(o.amount_fen), paidFen: BigInt(o.paid_fen) }, now)),
  ];
});
