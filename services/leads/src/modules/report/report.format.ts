/**
 * The reports in the words and layout of the official templates (seed 001, 附件1 and 附件2) for
 * downloads, and the monthly report's rows as the API gives them. Pure.
 */
import { shanghaiDate } from '../../../../../lib/dates';
import { formatTenThousandYuan } from '../../../../../lib/money';
import type { Industry } from '../../../../../lib/domain/enums';
import type { Cell, Sheet } from '../../../../../lib/tabular/table';
import type { CampaignFigures, CampaignSector, ReportPeriod } from './report.rules';
import type { LeadSummaryFacts, WeeklyFacts } from './report.query';

/** 附件1's note lists the industries by these names. */
export const INDUSTRY_LABEL: Record<Industry, string> = {
  MANUFACTURING: '制造业',
  CONSTRUCTION: '建筑业',
  REAL_ESTATE: '房地产业',
  HOSPITALITY: '住宿餐饮业',
  OTHER: '其他',
};

export const SECTOR_LABEL: Record<CampaignSector, string> = {
  CONSTRUCTION: '工程建设领域',
  MANUFACTURING: '制造业',
  OTHER: '其他用人单位',
  TOTAL: '合计',
};

export interface LeadSummaryLine {
  rowNo: number;
  receivedOn: string;
  employerName: string;
  industry: Industry;
  workerCount: number;
  amountTenThousandYuan: string;
  mediatedOrLegalService: boolean;
  closed: boolean;
  referenceNo: string;
}

export function toLeadSummaryLine(f: LeadSummaryFacts, rowNo: number): LeadSummaryLine {
  return {
    rowNo,
    receivedOn: shanghaiDate(new Date(f.received_at)),
    employerName: f.employer_name,
    industry: f.industry as Industry,
    workerCount: f.worker_count,
    amountTenThousandYuan: formatTenThousandYuan(BigInt(f.amount_owed_fen)),
    mediatedOrLegalService: f.mediated_or_legal_service,
    closed: f.closed,
    referenceNo: f.reference_no,
  };
}

/** 万人 with four fraction digits, exact (one worker is 0.0001 万人). */
export function tenThousandPeople(n: number): string {
  return `${Math.floor(n / 10_000)}.${String(n % 10_000).padStart(4, '0')}`;
}

const yesNo = (b: boolean) => (b ? '是' : '否');
const text = (t: string): Cell => ({ text: t });
const chineseDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const unitLine = (regionCode: string) => `填报单位（行政区划代码）：${regionCode}`;

export function leadSummarySheet(regionCode: string, period: ReportPeriod, lines: AsyncIterable<LeadSummaryLine>): Sheet {
  return {
    name: '欠薪事件线索汇总表',
    title: '欠薪事件线索汇总表',
    preamble: [`${unitLine(regionCode)}　统计月份：${Number(period.firstDay.slice(0, 4))}年${Number(period.firstDay.slice(5, 7))}月`],
    header: [
      ['序号', '受理日期', '企业名称', '所属行业', '欠薪涉及人数(人)', '欠薪(争议)金额(万元)', '是否进行调解或提供法律服务', '是否办结', '线索编号'].map((label) => ({ label })),
    ],
    widths: [6, 12, 36, 12, 10, 14, 14, 8, 24],
    rows: (async function* () {
      for await (const l of lines) {
        yield [
          { integer: l.rowNo },
          { date: l.receivedOn },
          text(l.employerName),
          text(INDUSTRY_LABEL[l.industry]),
          { integer: l.workerCount },
          { decimal: l.amountTenThousandYuan },
          text(yesNo(l.mediatedOrLegalService)),
          text(yesNo(l.closed)),
          text(l.referenceNo),
        ];
      }
    })(),
    notes: ['注：所属行业可选填制造业、建筑业、房地产业、住宿餐饮业、其他。'],
  };
}

/** 周报: the unit's week on one row, then the week's cases of 50 or more workers (欠薪50人以上的案件). */
export function weeklySheets(w: WeeklyFacts & { regionCode: string; period: ReportPeriod; zeroReport: boolean }): Sheet[] {
  const span = `${chineseDate(w.period.firstDay)}至${chineseDate(w.period.lastDay)}`;
  return [
    {
      name: '周报',
      title: '欠薪案件周报',
      preamble: [`${unitLine(w.regionCode)}　统计周期：${span}`],
      header: [
        ['填报单位', '周起始日', '周截止日', '新增欠薪案件(件)', '新增涉及人数(人)', '新增欠薪金额(万元)', '化解欠薪案件(件)', '化解欠薪金额(万元)', '欠薪50人以上案件(件)', '是否零报告'].map((label) => ({ label })),
      ],
      widths: [12, 12, 12, 12, 12, 14, 12, 14, 14, 10],
      rows: [
        [
          text(w.regionCode),
          { date: w.period.firstDay },
          { date: w.period.lastDay },
          { integer: w.newLeads },
          { integer: w.newWorkers },
          { decimal: formatTenThousandYuan(w.newAmountFen) },
          { integer: w.resolvedLeads },
          { decimal: formatTenThousandYuan(w.resolvedAmountFen) },
          { integer: w.massCases.length },
          text(yesNo(w.zeroReport)),
        ],
      ],
    },
    {
      name: '欠薪50人以上案件',
      title: '欠薪50人以上案件',
      preamble: [`${unitLine(w.regionCode)}　统计周期：${span}`],
      header: [['序号', '受理日期', '企业名称', '所属行业', '欠薪涉及人数(人)', '欠薪(争议)金额(万元)', '线索编号'].map((label) => ({ label }))],
      widths: [6, 12, 36, 12, 10, 14, 24],
      rows: w.massCases.map(({ lead, employerName }, i) => [
        { integer: i + 1 },
        { date: shanghaiDate(lead.receivedAt) },
        text(employerName),
        text(INDUSTRY_LABEL[lead.industry]),
        { integer: lead.workerCount },
        { decimal: formatTenThousandYuan(BigInt(lead.amountOwedFen)) },
        text(lead.referenceNo),
      ]),
    },
  ];
}

/**
 * 附件2 as printed: 万人 and 万元 with four decimals. Every worker on a lead is a migrant worker
 * (the hub takes wage-arrears leads of migrant workers only), so 其中:农民工数 repeats 涉及职工人数.
 */
export function campaignSheet(regionCode: string, period: ReportPeriod, madeOn: string, rows: { sector: CampaignSector; figures: CampaignFigures }[]): Sheet {
  return {
    name: '专项行动情况表',
    title: '工会参与集中整治拖欠农民工工资问题专项行动情况表',
    preamble: [`制表单位名称（盖章）：${regionCode}`, `制表时间：${chineseDate(madeOn)}`, `统计期间：${chineseDate(period.firstDay)}至${chineseDate(period.lastDay)}`],
    header: [
      [{ label: '所属行业', rowSpan: 2 }, { label: '检查用人单位情况', colSpan: 3 }, { label: '解决情况', colSpan: 2 }],
      ['用人单位户数(户)', '涉及职工人数(万人)', '其中:农民工数(万人)', '解决欠薪问题涉及人数(万人)', '解决欠薪问题涉及金额(万元)'].map((label) => ({ label })),
    ],
    widths: [16, 14, 14, 14, 16, 16],
    rows: rows.map(({ sector, figures: f }) => [
      text(SECTOR_LABEL[sector]),
      { integer: f.employers },
      { decimal: tenThousandPeople(f.workers) },
      { decimal: tenThousandPeople(f.workers) },
      { decimal: tenThousandPeople(f.workersResolved) },
      { decimal: formatTenThousandYuan(f.amountResolvedFen) },
    ]),
    notes: ['单位负责人：', '制表人：', '联系电话：'],
  };
}
