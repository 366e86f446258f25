/**
 * Litigation's part of the seed: the procuratorate's support cases (decision and letter of
 * support on the applications it accepted), the court's cases, and for leads filed in court the
 * lawsuit: a hearing, for most an outcome (mediated or judgment) paid in monthly installments, some
 * missed (and enforcement applied for), the general contractor held jointly liable.
 */
import { caseRows, type RowSet } from './rows';

const midnight = `(g.today::timestamp at time zone 'Asia/Shanghai')`;
const court = `'court-' || region_code || '-1'`;
/** The first installment an employer stopped paying at, if it is 20 days overdue and enforcement was applied for. */
const enforced = `lapse_seq is not null and decided_on + 30 * lapse_seq + 20 < today and u_x4 < 0.5`;

export const LITIGATION_ROWS: RowSet[] = [
  caseRows('PROCURATORATE', 'support_case', {
    decision_supported: `case when g.service_kind = 'SUPPORT_GRANTED' then true end`,
    decision_reason: `case when g.service_kind = 'SUPPORT_GRANTED' then '欠薪事实清楚，劳动者维权能力较弱，依法支持起诉（生成数据）' end`,
    decided_at: `case when g.service_kind = 'SUPPORT_GRANTED' then g.svc_at end`,
    decided_by: `case when g.service_kind = 'SUPPORT_GRANTED' then g.receiver_handler end`,
    letter_no: `case when g.service_kind = 'SUPPORT_GRANTED' and g.svc_at + interval '2 days' < ${midnight} then '检民支诉〔' || g.year || '〕' || g.n || '号' end`,
    letter_issued_on: `case when g.service_kind = 'SUPPORT_GRANTED' and g.svc_at + interval '2 days' < ${midnight} then ((g.svc_at + interval '2 days') at time zone 'Asia/Shanghai')::date end`,
  }),
  caseRows('COURT', 'court_case'),
  {
    table: 'lawsuit',
    columns: ['lead_id', 'court', 'docket_no', 'filed_on', 'filed_by', 'outcome_id', 'outcome_kind', 'decided_on', 'total_fen', 'outcome_recorded_at', 'outcome_recorded_by',
      'enforcement_applied_at', 'enforcement_applied_by', 'enforcement_note', 'version'],
    select: `select id, '基层人民法院（' || region_code || '）', '（' || extract(year from filed_on) || '）' || region_code || '民初' || n || '号', filed_on, receiver_handler,
                    case when outcome_kind is not null then md5($1 || ':outcome:' || n)::uuid end, outcome_kind, decided_on, total_fen,
                    case when outcome_kind is not null then (decided_on + time '16:00') at time zone 'Asia/Shanghai' end, case when outcome_kind is not null then ${court} end,
                    case when ${enforced} then ((decided_on + 30 * lapse_seq + 20) + time '10:00') at time zone 'Asia/Shanghai' end,
                    case when ${enforced} then receiver_handler end, case when ${enforced} then '逾期未履行，申请强制执行（生成数据）' end, 1
               from gen_lead where court_filed order by n`,
  },
  {
    table: 'hearing',
    columns: ['id', 'lead_id', 'date', 'court_room', 'note', 'scheduled_at', 'scheduled_by', 'outcome_note', 'outcome_recorded_at'],
    select: `select md5($1 || ':hearing:' || n)::uuid, id, hearing_on, '第' || (1 + n % 5) || '法庭', '', ((filed_on + 1) + time '10:00') at time zone 'Asia/Shanghai', ${court},
                    case when hearing_on < today then '已开庭审理（生成数据）' end, case when hearing_on < today then (hearing_on + time '17:00') at time zone 'Asia/Shanghai' end
               from gen_lead where court_filed order by n`,
  },
  {
    table: 'installment',
    columns: ['id', 'lead_id', 'seq', 'due_on', 'amount_fen', 'paid_fen', 'version'],
    select: `select id, lead_id, seq, due_on, amount_fen, paid_fen, 1 from gen_installment order by n, seq`,
  },
  {
    table: 'installment_payment',
    columns: ['payment_id', 'installment_id', 'lead_id', 'paid_on', 'amount_fen', 'recorded_at', 'recorded_by'],
    select: `select md5($1 || ':payment:' || i.n || ':' || i.seq)::uuid, i.id, i.lead_id, i.due_on - (i.n % 3)::int, i.paid_fen,
                    ((i.due_on - (i.n % 3)::int) + time '15:00') at time zone 'Asia/Shanghai', g.receiver_handler
               from gen_installment i join gen_lead g on g.id = i.lead_id where i.paid_fen > 0 order by i.n, i.seq`,
  },
  {
    table: 'liable_party',
    columns: ['outcome_id', 'position', 'lead_id', 'name', 'credit_code'],
    select: `select md5($1 || ':outcome:' || g.n)::uuid, 0, g.id, e.name, e.credit_code
               from gen_lead g join lead l on l.id = g.id join employer e on e.id = l.general_contractor_id where g.outcome_kind is not null order by g.n`,
  },
];

