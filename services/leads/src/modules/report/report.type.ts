import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IndustryEnum } from '../../../../../lib/graphql/enums';
import { DateScalar, MoneyScalar } from '../../../../../lib/scalars';
import type { Industry } from '../../../../../lib/domain/enums';
import { Lead, toLead } from '../lead/lead.type';
import { CAMPAIGN_SECTORS, type CampaignFigures, type CampaignSector } from './report.rules';
import type { LeadSummaryLine } from './report.format';
import type { WeeklyFacts } from './report.query';

const CampaignSectorEnum = Object.fromEntries(CAMPAIGN_SECTORS.map((s) => [s, s])) as { [K in CampaignSector]: K };
registerEnumType(CampaignSectorEnum, {
  name: 'CampaignSector',
  description: '附件2 rows: CONSTRUCTION 工程建设领域 (building and real estate), MANUFACTURING 制造业, OTHER 其他用人单位, TOTAL 合计',
});

@ObjectType({ description: 'One row of the monthly lead summary (附件1 欠薪事件线索汇总表).' })
export class LeadSummaryRow {
  @Field(() => Int, { description: '序号' })
  rowNo!: number;

  @Field(() => DateScalar, { description: '受理日期 (Asia/Shanghai)' })
  receivedOn!: string;

  @Field({ description: '企业名称' })
  employerName!: string;

  @Field(() => IndustryEnum, { description: '所属行业' })
  industry!: Industry;

  @Field(() => Int, { description: '欠薪涉及人数(人)' })
  workerCount!: number;

  @Field({ description: '万元, four fraction digits.' })
  amountTenThousandYuan!: string;

  @Field({ description: '是否进行调解或提供法律服务: union mediation or legal aid, support to sue decided, or a court mediation or judgment.' })
  mediatedOrLegalService!: boolean;

  @Field({ description: '是否办结: every agency holding the lead has closed its case.' })
  closed!: boolean;

  @Field()
  referenceNo!: string;
}

export const toLeadSummaryRow = (l: LeadSummaryLine): LeadSummaryRow => Object.assign(new LeadSummaryRow(), l);

@ObjectType({ description: "A reporting unit's weekly report (周报) for one Monday-to-Sunday week, Asia/Shanghai." })
export class WeeklyReport {
  @Field(() => DateScalar)
  weekStart!: string;

  @Field({ description: 'The unit reported on: its region and those below it.' })
  regionCode!: string;

  @Field({ description: 'True when the unit had no new and no resolved leads (零报告).' })
  zeroReport!: boolean;

  @Field(() => Int, { description: 'Leads received in the week.' })
  newLeads!: number;

  @Field(() => Int)
  newWorkers!: number;

  // Money fields hold fen: sums over many leads may pass the largest amount one lead may state.
  @Field(() => MoneyScalar)
  newAmount!: bigint;

  @Field(() => Int, { description: 'Leads whose last agency closure fell in the week (every agency holding them has closed).' })
  resolvedLeads!: number;

  @Field(() => MoneyScalar, { description: 'The wages those leads recovered: per lead the largest wages one agency recorded on closing (compensation apart).' })
  resolvedAmount!: bigint;

  @Field(() => MoneyScalar, { description: 'The compensation (加付赔偿金) those leads recovered beside the wages: per lead the largest one agency recorded.' })
  resolvedCompensation!: bigint;

  @Field(() => [Lead], { description: 'Leads received in the week with 50 or more workers.' })
  massCases!: Lead[];
}

export function toWeeklyReport(weekStart: string, regionCode: string, zeroReport: boolean, f: WeeklyFacts): WeeklyReport {
  return Object.assign(new WeeklyReport(), {
    weekStart,
    regionCode,
    zeroReport,
    newLeads: f.newLeads,
    newWorkers: f.newWorkers,
    newAmount: f.newAmountFen,
    resolvedLeads: f.resolvedLeads,
    resolvedAmount: f.resolvedAmountFen,
    resolvedCompensation: f.resolvedCompensationFen,
    massCases: f.massCases.map((m) => toLead(m.lead)),
  });
}

@ObjectType({ description: 'One row of the campaign summary (附件2).' })
export class CampaignRow {
  @Field(() => CampaignSectorEnum)
  sector!: CampaignSector;

  @Field(() => Int, { description: '用人单位户数: distinct employers named by the leads (TOTAL: distinct over all sectors).' })
  employers!: number;

  @Field(() => Int, { description: '涉及职工人数' })
  workers!: number;

  @Field(() => Int, { description: '解决欠薪问题涉及人数: workers paid on the leads now closed.' })
  workersResolved!: number;

  @Field(() => MoneyScalar, { description: '解决欠薪问题涉及金额: the wages recovered on the leads now closed (compensation apart).' })
  amountResolved!: bigint;

  @Field(() => MoneyScalar, { description: 'The compensation (加付赔偿金) recovered on the leads now closed, beside the wages.' })
  compensationResolved!: bigint;
}

export const toCampaignRow = (sector: CampaignSector, f: CampaignFigures): CampaignRow =>
  Object.assign(new CampaignRow(), { sector, employers: f.employers, workers: f.workers, workersResolved: f.workersResolved, amountResolved: f.amountResolvedFen, compensationResolved: f.compensationResolvedFen });
