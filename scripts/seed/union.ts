/**
 * The union's part of the seed: its cases (mirroring the registry's UNION states), mediations
 * (settlements with pay-by dates, some broken), legal aid, wage advances and, once every batch is
 * in, the county relief funds with a ledger that never runs below zero.
 */
import type { Client } from 'pg';
import { caseRows, type RowSet } from './rows';

/** Staging for when each advance was paid back (wage_advance keeps only the amount): temporary, this session's. */
const RECOVERY_STAGING = 'seed_advance_recovery';

export const UNION_ROWS: RowSet[] = [
  caseRows('UNION', 'union_case'),
  {
    table: 'mediation',
    columns: ['lead_id', 'occurred_at', 'recorded_at', 'recorded_by', 'outcome', 'summary', 'amount_agreed_fen', 'agreed_pay_by'],
    // Generated acts are entered when they happen.
    select: `select id, svc_at, svc_at, intake_handler, med_outcome,
                    case med_outcome when 'FAILED' then '用人单位拒绝调解（生成数据）' else '双方达成调解协议（生成数据）' end, med_amount_fen, med_pay_by
               from gen_lead where med_outcome is not null order by n`,
  },
  {
    table: 'legal_aid',
    columns: ['lead_id', 'provider', 'provided_on', 'note', 'recorded_at', 'recorded_by'],
    select: `select id, '法律援助中心（' || region_code || '）', (svc_at at time zone 'Asia/Shanghai')::date, '代写仲裁申请书（生成数据）', svc_at, intake_handler
               from gen_lead where service_kind = 'LEGAL_AID_RECORDED' order by n`,
  },
  {
    // The county's fund exists before its first advance; finishUnion fills in its ledger and totals.
    table: 'relief_fund',
    columns: ['region_code', 'balance_fen', 'advanced_total_fen', 'recovered_total_fen', 'version'],
    select: `select distinct region_code, 0::bigint, 0::bigint, 0::bigint, 1 from gen_lead where has_advance order by region_code`,
    onConflict: 'on conflict do nothing',
  },
  {
    table: 'wage_advance',
    columns: ['id', 'lead_id', 'fund_region_code', 'amount_fen', 'worker_count', 'recovery_agreement_no', 'granted_at', 'recorded_at', 'granted_by', 'recovered_fen', 'version'],
    // Paid back from what the employer paid when the union closed its case.
    select: `select md5($1 || ':advance:' || n)::uuid, id, region_code, adv_fen, greatest(1, (worker_count + 1) / 2),
                    'ZC-' || region_code || '-' || year || '-' || lpad(n::text, 7, '0'), adv_at, adv_at, intake_handler,
                    case when not intake_closed then 0 when reason in ('PAID_IN_FULL', 'MEDIATED') then adv_fen when reason = 'PARTIALLY_PAID' then round(adv_fen * factor)::bigint else 0 end, 1
               from gen_lead where has_advance order by n`,
  },
  {
    table: RECOVERY_STAGING,
    columns: ['advance_id', 'at'],
    select: `select md5($1 || ':advance:' || n)::uuid, intake_closed_at from gen_lead where has_advance and intake_closed and reason in ('PAID_IN_FULL', 'MEDIATED', 'PARTIALLY_PAID') order by n`,
  },
];

export async function prepareUnion(db: Client): Promise<void> {
  // Every union batch and finishUnion run on this one connection, so a temporary table serves them all.
  await db.query(`create temp table if not exists ${RECOVERY_STAGING} (advance_id uuid primary key, at timestamptz not null)`);
}

/**
 * The relief funds of the counties that advanced wages: a deposit a month before the first advance,
 * big enough for all of them, then every advance and recovery in time order with the balance after
 * it. Only advances not yet in a ledger count, so a second seed adds to the funds.
 */
export async function finishUnion(db: Client): Promise<void> {
  await db.query('begin');
  await db.query(
    `create temp table seed_movement on commit drop as
     with adv as (select a.* from wage_advance a where not exists (select 1 from fund_movement m where m.advance_id = a.id)),
     ev as (
       select fund_region_code as region_code, min(granted_at) - interval '30 days' as at, 'DEPOSIT' as kind,
              (ceil(sum(amount_fen) / 10000000.0) * 10000000)::bigint as amount_fen, null::uuid as lead_id, null::uuid as advance_id, 0 as ord, '财政拨付应急周转金（生成数据）' as note
         from adv group by fund_region_code
       union all
       select a.fund_region_code, a.granted_at, 'ADVANCE', a.amount_fen, a.lead_id, a.id, 1, 'Advance on ' || c.reference_no || ' under agreement ' || a.recovery_agreement_no
         from adv a join union_case c on c.lead_id = a.lead_id
       union all
       select a.fund_region_code, s.at, 'RECOVERY', a.recovered_fen, a.lead_id, a.id, 2, 'Recovered on ' || c.reference_no || ' (agreement ' || a.recovery_agreement_no || ')'
         from adv a join ${RECOVERY_STAGING} s on s.advance_id = a.id join union_case c on c.lead_id = a.lead_id where a.recovered_fen > 0
     )
     select ev.*, coalesce(f.balance_fen, 0) + sum(case kind when 'ADVANCE' then -amount_fen else amount_fen end)
              over (partition by ev.region_code order by at, ord, advance_id rows unbounded preceding) as balance_after_fen
       from ev left join relief_fund f on f.region_code = ev.region_code`,
  );
  await db.query(
    `insert into relief_fund (region_code, balance_fen, advanced_total_fen, recovered_total_fen, version)
     select region_code, 0, 0, 0, 1 from seed_movement group by region_code on conflict (region_code) do nothing`,
  );
  await db.query(
    `insert into fund_movement (region_code, at, kind, amount_fen, balance_after_fen, lead_id, advance_id, actor, note)
     select region_code, at, kind, amount_fen, balance_after_fen, lead_id, advance_id, 'seed', note from seed_movement order by at, ord, advance_id`,
  );
  await db.query(
    `update relief_fund f set balance_fen = f.balance_fen + m.net, advanced_total_fen = f.advanced_total_fen + m.advanced, recovered_total_fen = f.recovered_total_fen + m.recovered
       from (select region_code, sum(case kind when 'ADVANCE' then -amount_fen else amount_fen end) as net,
                    coalesce(sum(amount_fen) filter (where kind = 'ADVANCE'), 0) as advanced, coalesce(sum(amount_fen) filter (where kind = 'RECOVERY'), 0) as recovered
               from seed_movement group by region_code) m
      where f.region_code = m.region_code`,
  );
  await db.query('commit');
}

