/**
 * npm run generate -- [--count 100000] [--seed 7] [--years 2 | --from 2026-05-01 --to 2026-05-31]
 *                     [--regions 650102,650103] [--database-url postgres://…/hub_leads]
 *
 * DEVELOPMENT TOOL: loads realistic made-up leads straight into the leads database, for measuring
 * reports and lists at scale. Refuses to run with NODE_ENV=production. Set-based SQL (one
 * INSERT … SELECT over generate_series per table and batch), so a million leads take minutes.
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
 * Agency services' own case tables are not filled: Lead.union and friends read null.
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { openDatabase } from '../lib/db';
import { PLATFORM_ENTITIES } from '../lib/service';
import { isProduction, serviceDatabaseUrl } from '../lib/config';
import { dateProblem, shanghaiDate } from '../lib/dates';
import { regionCodeProblem } from '../lib/region';
import { leadsService } from '../services/leads/src/service';

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
}

const DEFAULT_REGIONS: [string, number][] = [
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
const PLACES = ['太原', '长治', '晋城', '大同', '运城', '西宁', '海东', '杭州', '临安', '宁波', '合肥', '六安', '金寨', '青岛', '济南', '石家庄', '保定'];
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

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;
const sqlArray = (a: string[]) => `array[${a.map(sqlText).join(', ')}]`;
const valuesOf = (rows: { value: string; lo: number; hi: number }[]) => rows.map((r) => `(${sqlText(r.value)}, ${r.lo}, ${r.hi})`).join(', ');

export async function generateLeads(db: Client, o: GenerateOptions): Promise<{ leads: number; employers: number; ms: number }> {
  if (isProduction()) throw new Error('generate-leads is a development tool: it refuses to run with NODE_ENV=production.');
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
       select n.*, gen_random_uuid() as id,
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
    [employerCount, base],
  );
  await db.query(`update gen_employer g set credit_code = null where exists (select 1 from employer e where e.credit_code = g.credit_code)`);
  await db.query(`create index on gen_employer (industry, k)`);
  await db.query(`alter table gen_industry add column n int`);
  await db.query(`update gen_industry i set n = (select max(e.n) from gen_employer e where e.industry = i.value)`);
  await db.query(`insert into employer (id, name, normalized_name, credit_code, created_at) select id, name, name, credit_code, now() from gen_employer`);
  await db.query('commit');

  for (let first = 1; first <= o.count; first += batchSize) {
    const last = Math.min(o.count, first + batchSize - 1);
    const t = Date.now();
    await db.query('begin');
    await db.query('set local synchronous_commit = off');
    await loadBatch(db, first, last, from, days);
    await db.query('commit');
    log(`leads ${first}-${last}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  await db.query('discard temp');
  // Statistics for the planner and the visibility map for index-only scans, as autovacuum would leave them.
  log('vacuum analyze');
  await db.query('vacuum (analyze) employer, lead, lead_agency, transfer, timeline_entry, complainant, mass_case_alert');
  return { leads: o.count, employers: employerCount, ms: Date.now() - started };
}

async function loadBatch(db: Client, first: number, last: number, from: string, days: number): Promise<void> {
  await db.query(
    `create temp table gen_lead on commit drop as
     with u as (
       select g as n, gen_random_uuid() as id,
              random() as u_region, random() as u_industry, random() as u_employer, random() as u_channel, random() as u_agency,
              random() as u_day, random() as u_time, 1 - random() as w1, random() as w2, 1 - random() as a1, random() as a2, random() as u_fen,
              random() as u_refer, random() as u_status, random() as u_close, random() as u_reason, random() as u_factor, random() as u_lag,
              random() as u_med, random() as u_gc, random() as u_name
         from generate_series($1::int, $2::int) g
     ), picked as (
       select u.*, r.value as region_code, i.value as industry, c.value as channel, a.value as intake_agency, e.id as employer_id,
              i.n as n_employers, e.k as employer_k,
              least(now() - interval '1 minute',
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
              extract(epoch from now() - received_at) / 86400 as age_days,
              case when intake_agency = 'UNION' and u_refer < 0.45 then 'INSPECTION'
                   when intake_agency in ('UNION', 'INSPECTION') and u_refer >= 0.95 then 'PROCURATORATE' end as receiver,
              received_at + interval '2 hours' + u_lag * interval '2 days' as requested_at,
              case when u_reason < 0.55 then 'PAID_IN_FULL' when u_reason < 0.72 then 'PARTIALLY_PAID' when u_reason < 0.82 then 'MEDIATED'
                   when u_reason < 0.88 then 'NO_ARREARS_FOUND' when u_reason < 0.94 then 'UNRESOLVED' else 'WITHDRAWN' end as reason,
              received_at + (5 + u_lag * 100) * interval '1 day' as first_close_at
         from picked p
     ), flows as (
       select f.*,
              u_close < least(0.92, age_days / 150) as closes,
              case reason when 'PAID_IN_FULL' then 1.0 when 'PARTIALLY_PAID' then 0.3 + 0.6 * u_factor when 'MEDIATED' then 0.6 + 0.4 * u_factor else 0 end as factor
         from figures f
     ), transfers as (
       select w.*,
              case when receiver is null then null when age_days < 5 then 'REQUESTED' when u_status < 0.08 then 'REJECTED'
                   when closes and first_close_at < now() then 'COMPLETED' else 'ACCEPTED' end as transfer_status
         from flows w
     )
     select t.*,
            round(amount_owed_fen * factor)::bigint as recovered_fen,
            case when factor > 0 then least(worker_count, greatest(1, round(worker_count * least(1, factor + 0.1))))::int else 0 end as workers_paid,
            transfer_status = 'COMPLETED' as receiver_closed,
            closes and coalesce(transfer_status, 'REJECTED') in ('REJECTED', 'COMPLETED')
              and first_close_at + case when transfer_status = 'COMPLETED' then interval '2 days' else interval '0' end < now() as intake_closed,
            first_close_at + case when transfer_status = 'COMPLETED' then interval '2 days' else interval '0' end as intake_closed_at,
            case when u_med < 0.35 and intake_agency = 'UNION' and received_at + interval '21 days' < now()
                   then case when u_med < 0.25 then 'MEDIATION_RECORDED' else 'LEGAL_AID_RECORDED' end
                 when receiver = 'PROCURATORATE' and transfer_status in ('ACCEPTED', 'COMPLETED') and requested_at + interval '4 days' < now()
                   then 'SUPPORT_GRANTED' end as service_kind,
            extract(year from received_at at time zone 'Asia/Shanghai')::int as year
       from transfers t`,
    [first, last, from, days],
  );
  await db.query(`create index on gen_lead (id)`);

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
            '生成的开发测试数据：' || g.worker_count || '名农民工反映被拖欠工资', null, 'generator', g.received_at, 1, g.service_kind is not null,
            -- The intake agency closes last, after the receiver (or alone when it returned the lead).
            case when g.intake_closed then g.intake_closed_at end, case when g.intake_closed then g.recovered_fen end, case when g.intake_closed then g.workers_paid end
       from gen_lead g left join reference_counter c on c.region_code = g.region_code and c.year = g.year`,
  );
  await db.query(
    `insert into reference_counter (region_code, year, last) select region_code, year, count(*) from gen_lead group by 1, 2
     on conflict (region_code, year) do update set last = reference_counter.last + excluded.last`,
  );
  await db.query(`insert into complainant (lead_id, ordinal, name) select id, 0, (${sqlArray(SURNAMES)})[1 + floor(u_name * ${SURNAMES.length})::int] || '某' from gen_lead`);

  // Each agency's states: the intake agency's, and the receiver's when the lead was transferred.
  await db.query(
    `insert into lead_agency (lead_id, agency, transfer_state, feedback_state, closure_state, closure_reason, amount_recovered_fen, workers_paid, closure_note, closed_at, closed_by, involved_since, feedback_due_at, version)
     select id, intake_agency,
            case when transfer_status in ('REQUESTED', 'ACCEPTED') then 'TRANSFERRED_OUT' else 'ORIGINATED' end,
            case when transfer_status in ('REQUESTED', 'ACCEPTED') then 'AWAITING' when transfer_status = 'COMPLETED' then 'RECEIVED' else 'NONE' end,
            case when intake_closed then 'CLOSED' else 'OPEN' end,
            case when intake_closed then reason end, case when intake_closed then recovered_fen end, case when intake_closed then workers_paid end,
            case when intake_closed then '' end, case when intake_closed then intake_closed_at end, case when intake_closed then 'generator' end,
            received_at,
            case when transfer_status in ('REQUESTED', 'ACCEPTED') then requested_at + interval '14 days' end, 1
       from gen_lead
     union all
     select id, receiver,
            case transfer_status when 'REQUESTED' then 'PENDING_ACCEPTANCE' when 'REJECTED' then 'RETURNED' else 'ACCEPTED' end,
            case transfer_status when 'ACCEPTED' then 'DUE' when 'COMPLETED' then 'GIVEN' else 'NONE' end,
            case when receiver_closed then 'CLOSED' else 'OPEN' end,
            case when receiver_closed then reason end, case when receiver_closed then recovered_fen end, case when receiver_closed then workers_paid end,
            case when receiver_closed then '' end, case when receiver_closed then first_close_at end, case when receiver_closed then 'generator' end,
            requested_at,
            case when transfer_status = 'ACCEPTED' then requested_at + interval '14 days' end, 1
       from gen_lead where receiver is not null`,
  );
  await db.query(
    `insert into transfer (id, lead_id, kind, from_agency, to_agency, status, reason, requested_at, requested_by, responded_at, responded_by, rejection_reason, cancellation_reason, feedback_due_at, completed_at, version)
     select gen_random_uuid(), id, case receiver when 'PROCURATORATE' then 'SUPPORT_TO_SUE' else 'REFERRAL' end, intake_agency, receiver, transfer_status,
            case receiver when 'PROCURATORATE' then '申请支持起诉' else '请依法查处' end, requested_at, 'generator',
            case when transfer_status <> 'REQUESTED' then requested_at + interval '1 day' end,
            case when transfer_status <> 'REQUESTED' then 'generator' end,
            case when transfer_status = 'REJECTED' then '不属于本部门管辖' end, null,
            requested_at + interval '14 days',
            case when transfer_status = 'COMPLETED' then first_close_at - interval '1 hour' end, 1
       from gen_lead where receiver is not null`,
  );
  await db.query(
    `insert into timeline_entry (lead_id, at, agency, actor, kind, summary)
     select id, received_at, intake_agency, 'generator', 'LEAD_REPORTED', '线索受理（生成数据）' from gen_lead
     union all select id, received_at + interval '1 minute', intake_agency, 'generator', 'CASE_OPENED', '立案（生成数据）' from gen_lead
     union all select id, received_at, intake_agency, 'generator', 'MASS_CASE_FLAGGED', '欠薪50人以上（生成数据）' from gen_lead where worker_count >= 50
     union all select id, requested_at, intake_agency, 'generator', 'TRANSFER_REQUESTED', '移送（生成数据）' from gen_lead where receiver is not null
     union all select id, requested_at + interval '1 day', receiver, 'generator', case when transfer_status = 'REJECTED' then 'TRANSFER_RETURNED' else 'TRANSFER_ACCEPTED' end, '签收或退回（生成数据）'
                 from gen_lead where transfer_status in ('ACCEPTED', 'COMPLETED', 'REJECTED')
     union all select id, case when service_kind = 'SUPPORT_GRANTED' then requested_at + interval '3 days' else received_at + (1 + u_med * 50) * interval '1 day' end,
                      case when service_kind = 'SUPPORT_GRANTED' then 'PROCURATORATE' else 'UNION' end, 'generator', service_kind, '调解、法律援助或支持起诉（生成数据）'
                 from gen_lead where service_kind is not null
     union all select id, first_close_at, receiver, 'generator', 'CASE_CLOSED', '结案（生成数据）' from gen_lead where receiver_closed
     union all select id, intake_closed_at, intake_agency, 'generator', 'CASE_CLOSED', '结案（生成数据）' from gen_lead where intake_closed`,
  );
  await db.query(
    `insert into mass_case_alert (lead_id, agency, province, raised_at, acknowledged_at, acknowledged_by)
     select id, intake_agency, left(region_code, 2) || '0000', received_at,
            case when age_days > 2 then received_at + interval '3 hours' end, case when age_days > 2 then 'generator' end
       from gen_lead where worker_count >= 50`,
  );
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  if (isProduction()) {
    console.error('generate-leads is a development tool: it refuses to run with NODE_ENV=production.');
    process.exit(2);
  }
  const count = Number(arg('count') ?? 100_000);
  if (!Number.isInteger(count) || count < 1) throw new Error('--count must be a whole number from 1');
  const years = Number(arg('years') ?? 2);
  const to = arg('to') ?? shanghaiDate(new Date(Date.now() - 86_400_000));
  const from = arg('from') ?? shanghaiDate(new Date(Date.parse(to) - Math.round(years * 365) * 86_400_000));
  const regions = arg('regions')?.split(',').map((code): [string, number] => {
    if (regionCodeProblem(code)) throw new Error(`--regions: ${code} ${regionCodeProblem(code)}`);
    return [code, 1];
  });
  const databaseUrl =
    arg('database-url') ??
    (process.env.LEADS_DATABASE_URL || process.env.DATABASE_URL
      ? serviceDatabaseUrl('leads')
      : `postgres://hub:hub@127.0.0.1:${process.env.HUB_PG_PORT ?? 5433}/hub_leads`);
  // The leads schema, migrated, exactly as the service would have it.
  const orm = await openDatabase({ databaseUrl, entities: [...PLATFORM_ENTITIES, ...leadsService.entities], migrations: leadsService.migrations });
  await orm.close(true);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    console.log(`generating ${count} leads received ${from} to ${to} into ${new URL(databaseUrl).pathname.slice(1)}`);
    const r = await generateLeads(db, { count, from, to, regions, seed: arg('seed') ? Number(arg('seed')) : undefined, log: (l) => console.log(`  ${l}`) });
    console.log(`done: ${r.leads} leads, ${r.employers} employers in ${(r.ms / 1000).toFixed(1)} s`);
  } finally {
    await db.end();
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(`generate-leads failed: ${(e as Error).message}`);
    process.exit(1);
  });
}
