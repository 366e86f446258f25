/**
 * Labour inspection's part of the seed: its cases (mirroring the registry's INSPECTION states)
 * with first contact and the investigation's start, payment orders and what was paid on them
 * (some unpaid past their day, a few of those sent to the police), handovers of mass cases to
 * the local government, the callback (回头看) before every closure, and the payroll ledger (第五十条)
 * asked for and received on every case closed as paid in full or after a payment order.
 */
import { caseRows, type RowSet } from './rows';

/** Cases inspection took on (at intake or by accepting the referral). */
const taken = `g.ins_open_at is not null and la.transfer_state not in ('PENDING_ACCEPTANCE', 'RETURNED')`;
const midnight = `(g.today::timestamp at time zone 'Asia/Shanghai')`;
/** An order left unpaid well past its day, sent to the police (两法衔接) five days after it lapsed. */
const police = `g.has_order and not g.ins_closed and g.order_paid_fen = 0 and g.u_x6 < 0.1 and g.order_pay_by + 10 < g.today`;
const policeDecided = `((g.order_pay_by + 5) + time '10:00') at time zone 'Asia/Shanghai'`;

export const INSPECTION_ROWS: RowSet[] = [
  caseRows('INSPECTION', 'inspection_case', {
    first_contact_at: `case when ${taken} then greatest(g.ins_open_at, least(g.ins_open_at + g.u_x4 * interval '30 hours', ${midnight} - interval '1 minute')) end`,
    first_contact_note: `case when ${taken} then '已电话联系投诉人（生成数据）' end`,
    investigation_opened_at: `case when ${taken} then g.ins_open_at end`,
    police_decided_at: `case when ${police} then ${policeDecided} end`,
    police_sent_at: `case when ${police} then ${policeDecided} + interval '3 hours' end`,
    police_unit: `case when ${police} then '公安局经侦大队（' || g.region_code || '）' end`,
  }),
  {
    table: 'payment_order',
    columns: ['id', 'lead_id', 'issued_at', 'issued_on', 'issued_by', 'amount_fen', 'pay_by', 'paid_fen', 'version'],
    select: `select md5($1 || ':order:' || n)::uuid, id, order_issued_at, (order_issued_at at time zone 'Asia/Shanghai')::date, coalesce(receiver_handler, intake_handler), amount_owed_fen, order_pay_by, order_paid_fen, 1
               from gen_lead where has_order order by n`,
  },
  {
    table: 'order_payment',
    columns: ['order_id', 'paid_on', 'amount_fen', 'recorded_at', 'recorded_by'],
    // Closed cases were paid on the order's day; open ones paid half a week after the order.
    select: `select md5($1 || ':order:' || n)::uuid, d, order_paid_fen, (d + time '15:00') at time zone 'Asia/Shanghai', coalesce(receiver_handler, intake_handler)
               from (select g.*, case when ins_closed then order_pay_by else (order_issued_at at time zone 'Asia/Shanghai')::date + 7 end as d from gen_lead g
                      where has_order and order_paid_fen > 0) p order by n`,
  },
  {
    table: 'handover',
    columns: ['lead_id', 'target', 'at', 'note', 'recorded_by'],
    select: `select id, 'LOCAL_GOVERNMENT', ins_open_at + interval '2 days', '群体性欠薪，交属地政府督办（生成数据）', coalesce(receiver_handler, intake_handler)
               from gen_lead where ins_open_at is not null and worker_count >= 50 and ins_open_at + interval '2 days' < ${`(today::timestamp at time zone 'Asia/Shanghai')`} order by n`,
  },
  {
    table: 'callback',
    columns: ['lead_id', 'at', 'wages_paid', 'procedure_lawful', 'satisfied', 'note', 'recorded_by'],
    select: `select id, ins_closed_at - interval '2 hours', reason in ('PAID_IN_FULL', 'PARTIALLY_PAID', 'MEDIATED'), true, reason = 'PAID_IN_FULL' or u_x1 < 0.7,
                    '回访投诉人（生成数据）', coalesce(receiver_handler, intake_handler)
               from gen_lead where ins_open_at is not null and ins_closed order by n`,
  },
  {
    table: 'evidence_request',
    columns: ['lead_id', 'item', 'requested_on', 'requested_at', 'requested_by', 'outcome', 'received_on', 'outcome_recorded_at', 'outcome_recorded_by'],
    // Asked for when the case was opened, received shortly before closing: what lets it close.
    select: `select id, 'PAYROLL_LEDGER', (ins_open_at at time zone 'Asia/Shanghai')::date, ins_open_at, coalesce(receiver_handler, intake_handler), 'RECEIVED',
                    (greatest(ins_open_at, ins_closed_at - interval '3 hours') at time zone 'Asia/Shanghai')::date, greatest(ins_open_at, ins_closed_at - interval '3 hours'), coalesce(receiver_handler, intake_handler)
               from gen_lead where ins_open_at is not null and ins_closed and (has_order or reason = 'PAID_IN_FULL') order by n`,
  },
];

