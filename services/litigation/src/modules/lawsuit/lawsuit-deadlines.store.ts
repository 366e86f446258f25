import { addDays, shanghaiDate } from '../../../../../lib/dates';
import type { Agency } from '../../../../../lib/domain/enums';
import { CATCH_UP_DAYS } from '../../../../../lib/scheduler/due';
import { noticeSource } from '../../../../../lib/scheduler/notice-source';
import { hearingDue, installmentDue, type LawsuitUnits } from './lawsuit-deadlines.rules';

interface Row { id: string; lead_id: string; day: string; amount_fen: string | null; paid_fen: string | null; held: boolean; s_ref: string | null; s_region: string | null; s_open: boolean | null; c_ref: string | null; c_region: string | null; c_open: boolean | null }

const units = (r: Row): LawsuitUnits => ({
  leadId: r.lead_id,
  referenceNo: (r.s_ref ?? r.c_ref)!,
  units: [
    ...(r.s_region && r.s_open ? [{ agency: 'PROCURATORATE' as Agency, region: r.s_region }] : []),
    ...(r.c_region && r.c_open ? [{ agency: 'COURT' as Agency, region: r.c_region }] : []),
  ],
});

const CASES = `left join support_case s on s.lead_id = x.lead_id left join court_case c on c.lead_id = x.lead_id`;
const CASE_COLUMNS = `s.reference_no as s_ref, s.region_code as s_region, s.closure_state = 'OPEN' as s_open, c.reference_no as c_ref, c.region_code as c_region, c.closure_state = 'OPEN' as c_open`;

/** Litigation's deadlines: unpaid installments past their day, and hearings of tomorrow not yet held. */
export const lawsuitDeadlines = noticeSource('lawsuits', async (em, now) => {
  const today = shanghaiDate(now);
  const installments = await em.execute<Row[]>(
    `select x.id, x.lead_id, to_char(x.due_on, 'YYYY-MM-DD') as day, x.amount_fen, x.paid_fen, false as held, ${CASE_COLUMNS}
       from installment x ${CASES} where x.paid_fen < x.amount_fen and x.due_on < ?::date and x.due_on >= ?::date`,
    [today, addDays(today, -CATCH_UP_DAYS)],
  );
  const hearings = await em.execute<Row[]>(
    `select x.id, x.lead_id, to_char(x.date, 'YYYY-MM-DD') as day, null as amount_fen, null as paid_fen, x.outcome_recorded_at is not null as held, ${CASE_COLUMNS}
       from hearing x ${CASES} where x.date = ?::date`,
    [addDays(today, 1)],
  );
  return [
    ...installments.flatMap((r) => installmentDue({ id: r.id, dueOn: r.day, amountFen: BigInt(r.amount_fen!), paidFen: BigInt(r.paid_fen!) }, units(r), now)),
    ...hearings.flatMap((r) => hearingDue({ id: r.id, date: r.day, held: r.held }, units(r), now)),
  ];
});
