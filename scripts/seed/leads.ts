/**
 * The lead registry's part of the seed (scripts/seed/index.ts): DEVELOPMENT TOOL, loads realistic
 * made-up leads straight into the leads database, for measuring reports and lists at scale.
 * Refuses to run with NODE_ENV=production. Set-based SQL (one INSERT … SELECT over
 * generate_series per table and batch), so a million leads take minutes. Every per-lead decision
 * is made here, once, in the temporary table gen_lead; the agency services' rows are selected
 * from it in the same transaction (union.ts, inspection.ts, litigation.ts) and shipped to their
 * databases, so the registry and the agencies agree by construction.
 *
 * What it makes, after the figures in DOMAIN.md (seed 001: Shanxi's 262 cases of 7,900 workers and
 * 181.92 million yuan in three months, i.e. ~30 workers and ~23,000 yuan per worker per case):
 * - regions: counties under six provinces (Shandong, Zhejiang, Shanxi, Anhui, Hebei, Qinghai);
 * - industries weighted toward construction (55 %), then manufacturing, other, hospitality, real estate;
 * - workers per lead log-normal (median 9, about 8 % mass cases of 50 or more), amounts log-normal
 *   around 18,000 yuan per worker, in fen;
 * - received at office hours on days spread evenly over the past `years`;
 * - employers reused (one per four leads, a few with many leads), 70 % with a valid credit code;
 * - intake by the union (60 %) or labour inspection (35 %), procuratorate, court; 45 % of union
 *   leads referred to inspection, 5 % sent to the procuratorate for support to sue, some returned;
 *   older leads more often closed, each agency closing with the same recovered amount;
 * - union mediation or legal aid on a third of union leads, support granted on accepted
 *   applications (timeline entries and the lead's mediated-or-legal-service flag);
 * - a timeline, one complainant (a name only: no made-up personal data), mass-case alerts.
 * - procuratorates' supported cases go on to court (COURT_FILING) a month later: lawsuits, hearings,
 *   outcomes paid in installments (some paid, some missed), employers held jointly liable;
 * - union mediation settlements, legal aid, wage advances from the county's relief fund; labour
 *   inspection's first contact, payment orders (some unpaid past their day), callbacks, handovers;
 * - the registry's risk signals (watch list) and joint liabilities from the same rows.
 * Ids are uuids made of the lead's number and a hash of the seed, and "now" is fixed (the end of `to`),
 * so the same seed on the same starting database gives the same contents.
 */
import 'reflect-metadata';
import type { Client } from 'pg';
import { isProduction } from '../../lib/config';
import { dateProblem, shanghaiDate } from '../../lib/dates';

export interface GenerateOptions {
  count: number;
  /** Same seed, same database contents (given the same starting database). */
  seed?: number;
  /** First and last day leads are received (Asia/Shanghai); by default the two years up to yesterday. */
  from?: string;
  to?: string;
  /** County codes with weights; by default counties of six provinces. */
  regions?: [code: string, weight: number][];
  batchSize?: number;
  log?: (line: string) => void;
  /** Called in each batch's transaction once the registry's rows are in (gen_lead still there). */
  onBatch?: (db: Client, batch: { first: number; last: number }) => Promise<void>;
}

export const DEFAULT_REGIONS: [string, number][] = [
  // Shandong: Qingdao (seed 004), Jinan
  ['370202', 6], ['370211', 6], ['370212', 4], ['370102', 5], ['370112', 4],
  // Zhejiang: Hangzhou, Lin'an (seed 002), Ningbo, Wenzhou
  ['330106', 5], ['330110', 4], ['330112', 3], ['330212', 4], ['330302', 4],
  // Shanxi (seed 001 figures): Taiyuan, Changzhi, Jincheng, Datong, Yuncheng
  ['140105', 5], ['140106', 3], ['140421', 4], ['140402', 3], ['140521', 2], ['140213', 2], ['140802', 1],
  // Anhui: Hefei, Lu'an Jinzhai (seed 002)
  ['340104', 5], ['340111', 4], ['341522', 3], ['341502', 3],
  // Hebei: Shijiazhuang, Baoding
  ['130102', 4], ['130104', 4], ['130602', 4],
  // Qinghai (seed 001): Xining, Haidong
  ['630102', 3], ['630103', 2], ['630202', 2],
];
const INDUSTRIES: [string, number][] = [['CONSTRUCTION', 55], ['MANUFACTURING', 17], ['OTHER', 12], ['HOSPITALITY', 8], ['REAL_ESTATE', 8]];
const CHANNELS: [string, number][] = [['HOTLINE', 35], ['WALK_IN', 20], ['ONLINE', 15], ['QR_CODE', 10], ['REFERRAL', 7], ['LETTER', 5], ['PATROL', 5], ['MEDIA', 3]];
const INTAKE_AGENCIES: [string, number][] = [['UNION', 60], ['INSPECTION', 35], ['PROCURATORATE', 3], ['COURT', 2]];
const EMPLOYER_KINDS: Record<string, string[]> = {
  CONSTRUCTION: ['建筑劳务有限公司', '建设工程有限公司', '建筑安装工程有限公司', '市政工程有限公司'],
  REAL_ESTATE: ['房地产开发有限公司', '置业有限公司'],
  MANUFACTURING: ['机械制造有限公司', '电子科技有限公司', '服装有限公司', '食品有限公司', '化工有限公司'],
  HOSPITALITY: ['餐饮管理有限公司', '酒店有限公司', '宾馆'],
  OTHER: ['物业服务有限公司', '商贸有限公司', '物流有限公司', '保安服务有限公司', '镇人民政府'],
};
export const PLACES = ['太原', '长治', '晋城', '大同', '运城', '西宁', '海东', '杭州', '临安', '宁波', '合肥', '六安', '金寨', '青岛', '济南', '石家庄', '保定'];
// Two word lists with nothing in common, so a name never repeats a word.
const FIRST_WORDS = ['恒', '宏', '鑫', '华', '盛', '金', '永', '瑞', '广', '中', '远', '天', '聚', '汇', '新', '安', '博', '众', '顺', '德', '嘉', '腾', '锦', '富', '长', '兴', '利', '佳', '荣', '东'];
const SECOND_WORDS = ['达', '源', '建', '世', '泰', '丰', '厦', '诚', '航', '成', '力', '通', '城', '雅', '合', '昌', '润', '禾', '飞', '程', '民', '信', '隆', '发', '晟', '和', '峰', '旺', '宇', '洋'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
const WORD_PAIRS = FIRST_WORDS.length * SECOND_WORDS.length;
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A distribution as [value, lo, hi) slices of [0, 1), the last one open-ended. */
function slices(weights: [string, number][]): { value: string; lo: number; hi: number }[] {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  let lo = 0;
  return weights.map(([value, w], i) => {
    const hi = i === weights.length - 1 ? 2 : lo + w / total;
    const s = { value, lo, hi };
    lo = hi;
    return s;
  });
}

export const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;
export const sqlArray = (a: string[]) => `array[${a.map(sqlText).join(', ')}]`;
const valuesOf = (rows: { value: string; lo: number; hi: number }[]) => rows.map((r) => `(${sqlText(r.value)}, ${r.lo}, ${r.hi})`).join(', ');

/** "Now" for the generator: midnight after `to` (Asia/Shanghai), or now when `to` is today. */
export function generationTime(to: string): Date {
  const end = new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000;
  return new Date(Math.min(end, Date.now()));
}

export async function generateLeads(db: Client, o: GenerateOptions): Promise<{ leads: number; employers: number; ms: number }> {
  if (isProduction()) throw new Error('The seed is a development tool: it refuses to run with NODE_ENV=production.');
  const started = Date.now();
  const log = o.log ?? (() => undefined);
  const today = shanghaiDate(new Date());
  const to = o.to ?? shanghaiDate(new Date(Date.now() - 86_400_000));
  const from = o.from ?? shanghaiDate(new Date(Date.parse(to) - 730 * 86_400_000));
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  if (dateProblem(from) || dateProblem(to)) throw new Error('from and to must be dates, YYYY-MM-DD');
  if (!(days > 0) || to > today) throw new Error('from must not be after to, and to not after today');
  const batchSize = o.batchSize ?? 100_000;
  const employerCount = Math.max(1, Math.ceil(o.count / 4));
  const industries = slices(INDUSTRIES);
  const regionCodes = (o.regions ?? DEFAULT_REGIONS).map(([code]) => code);
  const seed = String(o.seed ?? 7);
  const asOf = generationTime(to);
  const kindOfEmployer = `(case industry ${Object.entries(EMPLOYER_KINDS).map(([ind, kinds]) => `when ${sqlText(ind)} then (${sqlArray(kinds)})[1 + k % ${kinds.length}]`).join(' ')} end)`;

  await db.query(`select setseed($1)`, [((o.seed ?? 7) % 1000) / 1000]);
  // The generator's scratch tables are temporary, this session's only: start from none.
  await db.query('discard temp');
  await db.query(`create temp table gen_region (value text, lo float8, hi float8)`);
  await db.query(`insert into gen_region values ${valuesOf(slices(o.regions ?? DEFAULT_REGIONS))}`);
  await db.query(`create temp table gen_industry (value text, lo float8, hi float8)`);
  await db.query(`insert into gen_industry values ${valuesOf(industries)}`);
  await db.query(`create temp table gen_channel (value text, lo float8, hi float8)`);
  await db.query(`insert into gen_channel values ${valuesOf(slices(CHANNELS))}`);
  await db.query(`create temp table gen_agency (value text, lo float8, hi float8)`);
  await db.query(`insert into gen_agency values ${valuesOf(slices(INTAKE_AGENCIES))}`);

  // Employers per industry, numbered k = 0… within it so that a lead can pick one by number.
  log(`employers: ${employerCount}`);
  await db.query('begin');
  const [{ base }] = (await db.query(`select count(*)::bigint as base from employer`)).rows;
  // Leads are numbered on from those already there, so a second run adds rather than collides.
  const [{ leadBase }] = (await db.query(`select count(*)::int as "leadBase" from lead`)).rows;
  await db.query(
    `create temp table gen_employer as
     with per_industry as (
       select i.value as industry, greatest(1, round($1::int * (least(i.hi, 1) - i.lo)))::int as n from gen_industry i
     ), numbered as (
       select p.industry, p.n, k, serial, random() as u,
              -- a bijection of the serial onto nine base-31 digits, so codes look spread out yet never collide
              (serial * 1000003 + 7777777) % (31::bigint ^ 9)::bigint as scrambled
         from (select p.*, k, row_number() over (order by p.industry, k) - 1 + $2::bigint as serial
                 from per_industry p cross join lateral generate_series(0, p.n - 1) k) p
     ), named as (
       select n.*, md5($3 || ':employer:' || serial)::uuid as id,
              (${sqlArray(PLACES)})[1 + (serial / ${WORD_PAIRS} % ${PLACES.length})]
                || (${sqlArray(FIRST_WORDS)})[1 + serial % ${FIRST_WORDS.length}] || (${sqlArray(SECOND_WORDS)})[1 + serial / ${FIRST_WORDS.length} % ${SECOND_WORDS.length}]
                || ${kindOfEmployer}
                || case when serial >= ${WORD_PAIRS * PLACES.length} then '第' || (serial / ${WORD_PAIRS * PLACES.length})::text || '分公司' else '' end as name,
              -- 18-character code: 91 (enterprise), a province of the regions, a serial in base 31, check character
              '91' || (${sqlArray(regionCodes)})[1 + serial % ${regionCodes.length}] ||
                (select string_agg(substr('${CREDIT_ALPHABET}', 1 + ((scrambled / (31::bigint ^ d)::bigint) % 31)::int, 1), '' order by d desc) from generate_series(0, 8) d) as base17
         from numbered n
     )
     select industry, n, k, id, name, u,
            case when u < 0.7 then base17 || substr('${CREDIT_ALPHABET}', 1 + (31 - (
              select sum((strpos('${CREDIT_ALPHABET}', substr(base17, i, 1)) - 1) * (array[1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28])[i]) from generate_series(1, 17) i
            )::int % 31) % 31, 1) end as credit_code
       from named`,
    [employerCount, base, seed],
  );
  await db.query(`update gen_employer g set credit_code = null where exists (select 1 from employer e where e.credit_code = g.credit_code)`);
  await db.query(`create index on gen_employer (industry, k)`);
  await db.query(`alter table gen_industry add column n int`);
  await db.query(`update gen_industry i set n = (select max(e.n) from gen_employer e where e.industry = i.value)`);
  await db.query(`insert into employer (id, name, normalized_name, credit_code, created_at) select id, name, name, credit_code, $1 from gen_employer`, [asOf]);
  await db.query('commit');

  for (let first = leadBase + 1; first <= leadBase + o.count; first += batchSize) {
    const last = Math.min(leadBase + o.count, first + batchSize - 1);
    const t = Date.now();
    await db.query('begin');
    await db.query('set local synchronous_commit = off');
    await loadBatch(db, { first, last, from, days, seed, asOf });
    await o.onBatch?.(db, { first, last });
    await db.query('commit');
    log(`leads ${first - leadBase}-${last - leadBase}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  await db.query('discard temp');
  // Statistics for the planner and the visibility map for index-only scans, as autovacuum would leave them.
  log('vacuum analyze');
  await db.query('vacuum (analyze) employer, lead, lead_agency, transfer, transfer_feedback, timeline_entry, complainant, mass_case_alert, risk_signal, joint_liability, notification');
  return { leads: o.count, employers: employerCount, ms: Date.now() - started };
}

interface Batch {
  first: number;
  last: number;
  from: string;
  days: number;
  seed: string;
  asOf: Date;
}

/**
 * gen_lead: one row per lead with every decision about it, for the registry and each agency. The
 * parameters: $1 first, $2 last, $3 from, $4 days, $5 seed, $6 "now".
 */
const GEN_LEAD_SQL = `create temp table gen_lead on commit drop as
     with u as (
       -- The lead's number leads its id, so that each batch's rows go to the end of every index on
       -- lead ids (as a time-ordered uuid would) rather than all over it: a million leads load faster.
       select g as n, (lpad(to_hex(g), 12, '0') || substr(md5($5 || ':lead:' || g), 13))::uuid as id,
              random() as u_region, random() as u_industry, random() as u_employer, random() as u_channel, random() as u_agency,
              random() as u_day, random() as u_time, 1 - random() as w1, random() as w2, 1 - random() as a1, random() as a2, random() as u_fen,
              random() as u_refer, random() as u_status, random() as u_close, random() as u_reason, random() as u_factor, random() as u_lag,
              random() as u_med, random() as u_gc, random() as u_name,
              random() as u_x1, random() as u_x2, random() as u_x3, random() as u_x4, random() as u_x5, random() as u_x6
         from generate_series($1::int, $2::int) g
     ), picked as (
       select u.*, r.value as region_code, i.value as industry, c.value as channel, a.value as intake_agency, e.id as employer_id,
              i.n as n_employers, e.k as employer_k,
              least($6::timestamptz - interval '1 minute',
                    ((($3::date + floor(u_day * $4::int)::int)::timestamp + interval '8 hours' + u_time * interval '10 hours') at time zone 'Asia/Shanghai')) as received_at,
              greatest(1, least(3000, round(exp(2.2 + 1.25 * sqrt(-2 * ln(w1)) * cos(2 * pi() * w2)))))::int as worker_count
         from u
         join gen_region r on u.u_region >= r.lo and u.u_region < r.hi
         join gen_industry i on u.u_industry >= i.lo and u.u_industry < i.hi
         join gen_channel c on u.u_channel >= c.lo and u.u_channel < c.hi
         join gen_agency a on u.u_agency >= a.lo and u.u_agency < a.hi
         -- A power above 1 skews the pick: a few employers get many leads, most get one or two.
         join gen_employer e on e.industry = i.value and e.k = floor(i.n * power(u.u_employer, 1.5))::int
     ), figures as (
       select p.*,
              (round(worker_count * exp(ln(18000) + 0.6 * sqrt(-2 * ln(a1)) * cos(2 * pi() * a2))) * 100
                + case when u_fen < 0.15 then floor(u_fen * 660)::int % 100 else 0 end)::bigint as amount_owed_fen,
              extract(epoch from $6::timestamptz - received_at) / 86400 as age_days,
              case when intake_agency = 'UNION' and u_refer < 0.45 then 'INSPECTION'
                   when intake_agency in ('UNION', 'INSPECTION') and u_refer >= 0.95 then 'PROCURATORATE' end as receiver,
              received_at + interval '2 hours' + u_lag * interval '2 days' as requested_at,
              case when u_reason < 0.55 then 'PAID_IN_FULL' when u_reason < 0.72 then 'PARTIALLY_PAID' when u_reason < 0.82 then 'MEDIATED'
                   when u_reason < 0.88 then 'NO_ARREARS_FOUND' when u_reason < 0.94 then 'UNRESOLVED' else 'WITHDRAWN' end as reason,
              received_at + (5 + u_lag * 100) * interval '1 day' as first_close_at,
              extract(year from received_at at time zone 'Asia/Shanghai')::int as year,
              ($6::timestamptz at time zone 'Asia/Shanghai')::date as today
         from picked p
     ), flows as (
       select f.*,
              u_close < least(0.92, age_days / 150) as closes,
              case reason when 'PAID_IN_FULL' then 1.0 when 'PARTIALLY_PAID' then 0.3 + 0.6 * u_factor when 'MEDIATED' then 0.6 + 0.4 * u_factor else 0 end as factor
         from figures f
     ), transfers as (
       select w.*,
              case when receiver is null then null when age_days < 5 then 'REQUESTED' when u_status < 0.08 then 'REJECTED'
                   when closes and first_close_at < $6::timestamptz then 'COMPLETED' else 'ACCEPTED' end as transfer_status
         from flows w
     ), outcomes as (
       select t.*,
              round(amount_owed_fen * factor)::bigint as recovered_fen,
              case when factor > 0 then least(worker_count, greatest(1, round(worker_count * least(1, factor + 0.1))))::int else 0 end as workers_paid,
              transfer_status = 'COMPLETED' as receiver_closed,
              closes and coalesce(transfer_status, 'REJECTED') in ('REJECTED', 'COMPLETED')
                and first_close_at + case when transfer_status = 'COMPLETED' then interval '2 days' else interval '0' end < $6::timestamptz as intake_closed,
              first_close_at + case when transfer_status = 'COMPLETED' then interval '2 days' else interval '0' end as intake_closed_at,
              case when u_med < 0.35 and intake_agency = 'UNION' and received_at + interval '21 days' < $6::timestamptz
                     then case when u_med < 0.25 then 'MEDIATION_RECORDED' else 'LEGAL_AID_RECORDED' end
                   when receiver = 'PROCURATORATE' and transfer_status in ('ACCEPTED', 'COMPLETED') and requested_at + interval '4 days' < $6::timestamptz
                     then 'SUPPORT_GRANTED' end as service_kind,
              -- First-contact handlers (首问负责人): a few staff ids per agency and county.
              lower(intake_agency) || '-' || region_code || '-' || (1 + n % 4) as intake_handler,
              case when receiver is not null then lower(receiver) || '-' || region_code || '-' || (1 + n / 4 % 4) end as receiver_handler,
              -- Support to sue goes on to court a month after the application was accepted.
              receiver = 'PROCURATORATE' and transfer_status = 'ACCEPTED' and requested_at + interval '30 days' < $6::timestamptz as court_filed,
              -- Union casework (the union takes leads only at intake here): an advance for 3 % (30 % of mass cases).
              intake_agency = 'UNION' and age_days > 5 and u_x3 < case when worker_count >= 50 then 0.3 else 0.03 end as has_advance,
              case when intake_agency = 'INSPECTION' then received_at
                   when receiver = 'INSPECTION' and transfer_status in ('ACCEPTED', 'COMPLETED') then requested_at + interval '1 day' end as ins_open_at
         from transfers t
     ), casework as (
       select o.*,
              case service_kind when 'SUPPORT_GRANTED' then requested_at + interval '3 days'
                   when 'MEDIATION_RECORDED' then received_at + interval '1 day' + u_med * interval '10 days'
                   when 'LEGAL_AID_RECORDED' then received_at + interval '1 day' + u_med * interval '10 days' end as svc_at,
              case when service_kind = 'MEDIATION_RECORDED' then case when u_x1 < 0.6 then 'SETTLED' when u_x1 < 0.8 then 'PARTIAL' else 'FAILED' end end as med_outcome,
              case when intake_agency = 'INSPECTION' then intake_closed when receiver = 'INSPECTION' then receiver_closed else false end as ins_closed,
              case when intake_agency = 'INSPECTION' then intake_closed_at else first_close_at end as ins_closed_at,
              requested_at + interval '10 days' as cf_requested_at,
              ((requested_at + interval '18 days') at time zone 'Asia/Shanghai')::date as filed_on
         from outcomes o
     ), orders as (
       select c.*,
              ins_open_at is not null and ((ins_closed and reason in ('PAID_IN_FULL', 'PARTIALLY_PAID')) or (not ins_closed and age_days > 40 and u_x5 < 0.4)) as has_order,
              case when ins_closed then ins_open_at + (ins_closed_at - ins_open_at) * 0.3 else ins_open_at + interval '10 days' + u_x5 * interval '25 days' end as order_issued_at,
              court_filed and filed_on + 60 < today and u_x2 < 0.8 as has_outcome,
              filed_on + 30 + floor(u_x1 * 20)::int as hearing_on
         from casework c
     )
     select o.*,
            case when has_order then case when ins_closed then ((ins_open_at + (ins_closed_at - ins_open_at) * 0.6) at time zone 'Asia/Shanghai')::date
                                          else (order_issued_at at time zone 'Asia/Shanghai')::date + 15 end end as order_pay_by,
            case when has_order then case when ins_closed then recovered_fen when u_x6 < 0.5 then 0 else amount_owed_fen / 2 end end as order_paid_fen,
            case when med_outcome = 'SETTLED' then amount_owed_fen when med_outcome = 'PARTIAL' then greatest(1, round(amount_owed_fen * (0.5 + 0.4 * u_x2)))::bigint end as med_amount_fen,
            case when med_outcome in ('SETTLED', 'PARTIAL') then (svc_at at time zone 'Asia/Shanghai')::date + 15 + floor(u_x2 * 45)::int end as med_pay_by,
            case when has_advance then least(amount_owed_fen, greatest(100, round(amount_owed_fen * (0.2 + 0.3 * u_x2) / 100) * 100))::bigint end as adv_fen,
            case when has_advance then received_at + interval '1 day' + u_x4 * interval '3 days' end as adv_at,
            case when has_outcome then case when u_x3 < 0.7 then 'MEDIATED' else 'JUDGMENT' end end as outcome_kind,
            case when has_outcome then hearing_on + 5 end as decided_on,
            case when has_outcome then case when u_x3 < 0.7 then round(amount_owed_fen * (0.8 + 0.2 * u_x4))::bigint else amount_owed_fen end end as total_fen,
            case when has_outcome then 1 + floor(u_x5 * 6)::int end as n_installments,
            -- A good payer pays every installment on its day; the others stop at one of them.
            case when has_outcome and u_x6 >= 0.6 then 1 + n % (1 + floor(u_x5 * 6)::int) end as lapse_seq
       from orders o`;

/** One row per court-ordered installment (lawsuits with an outcome): litigation's, and the registry's risk signals. */
const GEN_INSTALLMENT_SQL = `create temp table gen_installment on commit drop as
     select md5($1 || ':installment:' || g.n || ':' || k)::uuid as id, g.id as lead_id, g.n, k as seq, g.decided_on + 30 * k as due_on,
            case when k = g.n_installments then g.total_fen - (g.n_installments - 1) * (g.total_fen / g.n_installments) else g.total_fen / g.n_installments end as amount_fen,
            g.lapse_seq, g.u_x2, g.today
       from gen_lead g cross join lateral generate_series(1, g.n_installments) k
      where g.outcome_kind is not null`;

async function loadBatch(db: Client, b: Batch): Promise<void> {
  await db.query(GEN_LEAD_SQL, [b.first, b.last, b.from, b.days, b.seed, b.asOf]);
  await db.query(`create index on gen_lead (id)`);
  await db.query(GEN_INSTALLMENT_SQL, [b.seed]);
  await db.query(`alter table gen_installment add column paid_fen bigint`);
  await db.query(
    `update gen_installment set paid_fen = case when due_on >= today then 0 when lapse_seq is null or seq < lapse_seq then amount_fen
                                                 when seq = lapse_seq and u_x2 < 0.4 then amount_fen / 2 else 0 end`,
  );

  // Reference numbers continue each region's yearly sequence, as intake would.
  await db.query(
    `insert into lead (id, reference_no, received_at, intake_agency, channel, region_code, employer_id, project_name, general_contractor_id, industry,
                       worker_count, amount_owed_fen, wage_period_start, wage_period_end, description, duplicate_of_id, reported_by, created_at, version, mediated_or_legal_service,
                       closed_at, amount_recovered_fen, workers_paid)
     select g.id,
            'QX-' || g.region_code || '-' || g.year || '-' || lpad((coalesce(c.last, 0) + row_number() over (partition by g.region_code, g.year order by g.received_at, g.n))::text, 6, '0'),
            g.received_at, g.intake_agency, g.channel, g.region_code, g.employer_id,
            case when g.industry in ('CONSTRUCTION', 'REAL_ESTATE') then (${sqlArray(['安置小区', '产业园', '学校', '医院', '道路', '商业综合体', '住宅小区'])})[1 + g.n % 7] || (1 + g.n % 3) || '期工程' end,
            case when g.industry = 'CONSTRUCTION' and g.u_gc < 0.4 then (select x.id from gen_employer x where x.industry = 'CONSTRUCTION' and x.k = (g.employer_k + 1) % g.n_employers) end,
            g.industry, g.worker_count, g.amount_owed_fen,
            (g.received_at at time zone 'Asia/Shanghai')::date - (30 + (g.u_lag * 300)::int),
            (g.received_at at time zone 'Asia/Shanghai')::date - (g.u_lag * 30)::int,
            '生成的开发测试数据：' || g.worker_count || '名农民工反映被拖欠工资', null, g.intake_handler, g.received_at, 1, g.service_kind is not null,
            -- The intake agency closes last, after the receiver (or alone when it returned the lead).
            case when g.intake_closed then g.intake_closed_at end, case when g.intake_closed then g.recovered_fen end, case when g.intake_closed then g.workers_paid end
       from gen_lead g left join reference_counter c on c.region_code = g.region_code and c.year = g.year`,
  );
  await db.query(
    `insert into reference_counter (region_code, year, last) select region_code, year, count(*) from gen_lead group by 1, 2
     on conflict (region_code, year) do update set last = reference_counter.last + excluded.last`,
  );
  await db.query(`insert into complainant (lead_id, ordinal, name) select id, 0, (${sqlArray(SURNAMES)})[1 + floor(u_name * ${SURNAMES.length})::int] || '某' from gen_lead order by n`);

  // Each agency's states: the intake agency's, the receiver's when the lead was transferred, the court's when filed.
  await db.query(
    `insert into lead_agency (lead_id, agency, transfer_state, feedback_state, closure_state, closure_reason, amount_recovered_fen, workers_paid, closure_note, closed_at, closed_by, involved_since, feedback_due_at, version, lead_region_code, lead_received_at, deadline_at)
     select id, intake_agency,
            case when transfer_status in ('REQUESTED', 'ACCEPTED') then 'TRANSFERRED_OUT' else 'ORIGINATED' end,
            case when transfer_status in ('REQUESTED', 'ACCEPTED') then 'AWAITING' when transfer_status = 'COMPLETED' then 'RECEIVED' else 'NONE' end,
            case when intake_closed then 'CLOSED' else 'OPEN' end,
            case when intake_closed then reason end, case when intake_closed then recovered_fen end, case when intake_closed then workers_paid end,
            case when intake_closed then '' end, case when intake_closed then intake_closed_at end, case when intake_closed then intake_handler end,
            received_at,
            case when transfer_status in ('REQUESTED', 'ACCEPTED') then requested_at + interval '14 days' end, 1, region_code, received_at,
            case when transfer_status in ('REQUESTED', 'ACCEPTED') then requested_at + interval '14 days' end
       from gen_lead
     union all
     select id, receiver,
            case when court_filed then 'TRANSFERRED_OUT' else case transfer_status when 'REQUESTED' then 'PENDING_ACCEPTANCE' when 'REJECTED' then 'RETURNED' else 'ACCEPTED' end end,
            case transfer_status when 'ACCEPTED' then 'DUE' when 'COMPLETED' then 'GIVEN' else 'NONE' end,
            case when receiver_closed then 'CLOSED' else 'OPEN' end,
            case when receiver_closed then reason end, case when receiver_closed then recovered_fen end, case when receiver_closed then workers_paid end,
            case when receiver_closed then '' end, case when receiver_closed then first_close_at end, case when receiver_closed then receiver_handler end,
            requested_at,
            case when transfer_status = 'ACCEPTED' then requested_at + interval '14 days' end, 1, region_code, received_at,
            -- The nearest deadline (syncAgencies keeps it): feedback owed, or about 5 working days to accept for inspection.
            case when transfer_status = 'ACCEPTED' then requested_at + interval '14 days' when transfer_status = 'REQUESTED' and receiver = 'INSPECTION' then requested_at + interval '7 days' end
       from gen_lead where receiver is not null
     union all
     select id, 'COURT', 'ACCEPTED', 'DUE', 'OPEN', null, null, null, null, null, null, cf_requested_at, cf_requested_at + interval '14 days', 1, region_code, received_at, cf_requested_at + interval '14 days'
       from gen_lead where court_filed`,
  );
  await db.query(
    `insert into transfer (id, lead_id, kind, from_agency, to_agency, status, reason, requested_at, requested_by, responded_at, responded_by, rejection_reason, cancellation_reason, feedback_due_at, completed_at, version, lead_region_code)
     select md5($1 || ':transfer:' || n || ':1')::uuid, id, case receiver when 'PROCURATORATE' then 'SUPPORT_TO_SUE' else 'REFERRAL' end, intake_agency, receiver, transfer_status,
            case receiver when 'PROCURATORATE' then '申请支持起诉' else '请依法查处' end, requested_at, intake_handler,
            case when transfer_status <> 'REQUESTED' then requested_at + interval '1 day' end,
            case when transfer_status <> 'REQUESTED' then receiver_handler end,
            case when transfer_status = 'REJECTED' then '不属于本部门管辖' end, null,
            requested_at + interval '14 days',
            case when transfer_status = 'COMPLETED' then first_close_at - interval '1 hour' end, 1, region_code
       from gen_lead where receiver is not null
     union all
     select md5($1 || ':transfer:' || n || ':2')::uuid, id, 'COURT_FILING', 'PROCURATORATE', 'COURT', 'ACCEPTED', '支持起诉，移送法院立案', cf_requested_at, receiver_handler,
            cf_requested_at + interval '1 day', 'court-' || region_code || '-1', null, null, cf_requested_at + interval '14 days', null, 1, region_code
       from gen_lead where court_filed`,
    [b.seed],
  );
  await db.query(
    `insert into transfer_feedback (transfer_id, given_at, given_by, final, summary, amount_recovered_fen, workers_paid)
     select md5($1 || ':transfer:' || n || ':1')::uuid, first_close_at - interval '1 hour', receiver_handler, true, '办结反馈（生成数据）', recovered_fen, workers_paid
       from gen_lead where transfer_status = 'COMPLETED' order by n`,
    [b.seed],
  );
  // What the transfers told each unit, as the registry would have: the receiver of each transfer,
  // and the sender of each answer (the notifications' own dedupe keys, so a second seed adds none).
  await db.query(
    `insert into notification (dedupe_key, kind, lead_id, reference_no, agency, region, facts, at)
     select 'TRANSFER_REQUESTED:' || t.id, 'TRANSFER_REQUESTED', t.lead_id, l.reference_no, t.to_agency, t.lead_region_code,
            jsonb_build_object('kind', t.kind, 'from', t.from_agency, 'to', t.to_agency, 'feedbackDueOn', to_char(t.feedback_due_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')), t.requested_at
       from transfer t join lead l on l.id = t.lead_id join gen_lead g on g.id = t.lead_id
     union all
     select case t.status when 'REJECTED' then 'TRANSFER_RETURNED:' else 'TRANSFER_ACCEPTED:' end || t.id, case t.status when 'REJECTED' then 'TRANSFER_RETURNED' else 'TRANSFER_ACCEPTED' end,
            t.lead_id, l.reference_no, t.from_agency, t.lead_region_code, jsonb_build_object('kind', t.kind, 'from', t.from_agency, 'to', t.to_agency), t.responded_at
       from transfer t join lead l on l.id = t.lead_id join gen_lead g on g.id = t.lead_id where t.responded_at is not null
     order by 8
     on conflict (dedupe_key) do nothing`,
  );
  await db.query(
    `insert into timeline_entry (lead_id, at, agency, actor, kind, summary)
     select id, received_at, intake_agency, intake_handler, 'LEAD_REPORTED', '线索受理（生成数据）' from gen_lead
     union all select id, received_at + interval '1 minute', intake_agency, intake_handler, 'CASE_OPENED', '立案（生成数据）' from gen_lead
     union all select id, received_at, intake_agency, intake_handler, 'MASS_CASE_FLAGGED', '欠薪50人以上（生成数据）' from gen_lead where worker_count >= 50
     union all select id, requested_at, intake_agency, intake_handler, 'TRANSFER_REQUESTED', '移送（生成数据）' from gen_lead where receiver is not null
     union all select id, requested_at + interval '1 day', receiver, receiver_handler, case when transfer_status = 'REJECTED' then 'TRANSFER_RETURNED' else 'TRANSFER_ACCEPTED' end, '签收或退回（生成数据）'
                 from gen_lead where transfer_status in ('ACCEPTED', 'COMPLETED', 'REJECTED')
     union all select id, svc_at, case when service_kind = 'SUPPORT_GRANTED' then 'PROCURATORATE' else 'UNION' end,
                      case when service_kind = 'SUPPORT_GRANTED' then receiver_handler else intake_handler end, service_kind,
                      case when med_amount_fen is not null then '调解' || med_outcome || '：' || (med_amount_fen / 100.0)::numeric(20, 2) || '元，' || med_pay_by || '前支付（生成数据）'
                           else '调解、法律援助或支持起诉（生成数据）' end
                 from gen_lead where service_kind is not null
     union all select id, adv_at, 'UNION', intake_handler, 'WAGE_ADVANCE_GRANTED', '应急周转金垫付' || (adv_fen / 100.0)::numeric(20, 2) || '元（生成数据）' from gen_lead where has_advance
     union all select id, order_issued_at, 'INSPECTION', coalesce(receiver_handler, intake_handler), 'PAYMENT_ORDER_ISSUED', '责令限期支付，' || order_pay_by || '前（生成数据）' from gen_lead where has_order
     union all select id, cf_requested_at, 'PROCURATORATE', receiver_handler, 'TRANSFER_REQUESTED', '移送法院立案（生成数据）' from gen_lead where court_filed
     union all select id, cf_requested_at + interval '1 day', 'COURT', 'court-' || region_code || '-1', 'TRANSFER_ACCEPTED', '法院签收（生成数据）' from gen_lead where court_filed
     union all select id, (filed_on + time '10:00') at time zone 'Asia/Shanghai', 'COURT', 'court-' || region_code || '-1', 'COURT_FILED', '法院立案（生成数据）' from gen_lead where court_filed
     union all select id, (decided_on + time '16:00') at time zone 'Asia/Shanghai', 'COURT', 'court-' || region_code || '-1', 'COURT_OUTCOME_RECORDED',
                      outcome_kind || '：' || (total_fen / 100.0)::numeric(20, 2) || '元，分' || n_installments || '期支付（生成数据）' from gen_lead where outcome_kind is not null
     union all select id, first_close_at, receiver, receiver_handler, 'CASE_CLOSED', '结案（生成数据）' from gen_lead where receiver_closed
     union all select id, intake_closed_at, intake_agency, intake_handler, 'CASE_CLOSED', '结案（生成数据）' from gen_lead where intake_closed`,
  );
  await db.query(
    `insert into mass_case_alert (lead_id, agency, province, raised_at, acknowledged_at, acknowledged_by)
     select id, intake_agency, left(region_code, 2) || '0000', received_at,
            case when age_days > 2 then received_at + interval '3 hours' end, case when age_days > 2 then intake_handler end
       from gen_lead where worker_count >= 50`,
  );
  // The employers' commitments as the agencies would have told the registry (the watch list's explicit risks).
  await db.query(
    `insert into risk_signal (kind, key, lead_id, due_on, outstanding_fen, updated_at)
     select 'MEDIATION_AGREEMENT', id::text, id, med_pay_by, med_amount_fen, svc_at from gen_lead where med_pay_by is not null
     union all
     select 'PAYMENT_ORDER', md5($1 || ':order:' || n)::uuid::text, id, order_pay_by, amount_owed_fen - order_paid_fen, order_issued_at from gen_lead where has_order
     union all
     select 'INSTALLMENT', i.id::text, i.lead_id, i.due_on, i.amount_fen - i.paid_fen, (g.decided_on + time '16:00') at time zone 'Asia/Shanghai'
       from gen_installment i join gen_lead g on g.id = i.lead_id`,
    [b.seed],
  );
  // A court holds the general contractor jointly liable with the employer.
  await db.query(
    `insert into joint_liability (outcome_id, position, lead_id, employer_id, recorded_at)
     select md5($1 || ':outcome:' || g.n)::uuid, 0, g.id, l.general_contractor_id, (g.decided_on + time '16:00') at time zone 'Asia/Shanghai'
       from gen_lead g join lead l on l.id = g.id where g.outcome_kind is not null and l.general_contractor_id is not null`,
    [b.seed],
  );
}
