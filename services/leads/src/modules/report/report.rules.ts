/**
 * The reports of the Qinghai notice (seed 001): the weekly report (周报), the monthly lead summary
 * (附件1 欠薪事件线索汇总表) and the campaign summary (附件2). What each one counts is decided
 * here and in lead.closure.ts (when a lead is closed, what it recovered); report.query.ts only
 * fetches the facts these definitions name. Pure.
 *
 * Overdue (逾期), wherever a report, a list (feedbackOverdue), its export or a work queue counts it:
 * feedback an agency owes or awaits past its deadline, an investigation past its 60 (90) working
 * days. A deadline suspended (中止) is not overdue, nor due, while it is: it has no deadline then
 * (the agency's nearest feedback deadline skips it; the investigation leaves the work queue's
 * deadlines). Resumed (恢复), it counts again from its deadline moved later by the working days it
 * stood suspended (lib/domain/clock-pause.ts, docs/deadlines.md).
 */
import type { Principal } from '../../../../../lib/auth';
import { addDays, dateProblem, shanghaiStartOfDay } from '../../../../../lib/dates';
import { badInput, refuse } from '../../../../../lib/errors';
import { isWithinJurisdiction, regionCodeProblem } from '../../../../../lib/region';
import type { Industry } from '../../../../../lib/domain/enums';
import { INDUSTRIES } from '../../../../../lib/domain/enums';
import { MEDIATED_OR_LEGAL_SERVICE, isEventKind } from '../../../../../lib/vocabulary/events';

/**
 * Whether an event makes a lead "mediated or given legal service" (是否进行调解或提供法律服务):
 * union mediation and legal aid, the procuratorate deciding to support the workers' lawsuit, a
 * court's mediation or judgment (MEDIATED_OR_LEGAL_SERVICE, read from the event kind enum). Kept
 * as a flag on the lead, set when the event arrives.
 */
export function countsAsMediatedOrLegalService(kind: string): boolean {
  return isEventKind(kind) && MEDIATED_OR_LEGAL_SERVICE.has(kind);
}

export const CAMPAIGN_SECTORS = ['CONSTRUCTION', 'MANUFACTURING', 'OTHER', 'TOTAL'] as const;
export type CampaignSector = (typeof CAMPAIGN_SECTORS)[number];
export type IndustrySector = Exclude<CampaignSector, 'TOTAL'>;

/**
 * 附件2's rows: 工程建设领域 takes building and real-estate development (both are construction
 * projects under the 2020 Regulations' chapter on 工程建设领域), 制造业 manufacturing, 其他用人单位
 * everything else (hospitality included).
 */
export const SECTOR_OF_INDUSTRY: Record<Industry, IndustrySector> = {
  CONSTRUCTION: 'CONSTRUCTION',
  REAL_ESTATE: 'CONSTRUCTION',
  MANUFACTURING: 'MANUFACTURING',
  HOSPITALITY: 'OTHER',
  OTHER: 'OTHER',
};

export const industriesOf = (sector: IndustrySector): Industry[] => INDUSTRIES.filter((i) => SECTOR_OF_INDUSTRY[i] === sector);

/** A span of Asia/Shanghai days, [from, until) as instants. */
export interface ReportPeriod {
  firstDay: string;
  lastDay: string;
  from: Date;
  until: Date;
}

function period(firstDay: string, lastDay: string): ReportPeriod {
  return { firstDay, lastDay, from: shanghaiStartOfDay(firstDay), until: shanghaiStartOfDay(addDays(lastDay, 1)) };
}

/** "YYYY-MM": the calendar month, Asia/Shanghai. */
export function monthPeriod(month: string): ReportPeriod {
  const m = /^(\d{4})-(\d{2})$/.exec(month.trim());
  const first = m ? `${m[1]}-${m[2]}-01` : '';
  if (!m || dateProblem(first)) throw badInput('month', 'REPORT_MONTH_FORMAT');
  const next = Number(m[2]) === 12 ? `${Number(m[1]) + 1}-01-01` : `${m[1]}-${String(Number(m[2]) + 1).padStart(2, '0')}-01`;
  return period(first, addDays(next, -1));
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The Monday-to-Sunday week the weekly report covers (Asia/Shanghai). */
export function weekPeriod(weekStart: string): ReportPeriod {
  const problem = dateProblem(weekStart);
  if (problem) throw badInput('weekStart', problem);
  const weekday = new Date(`${weekStart}T00:00:00Z`).getUTCDay();
  if (weekday !== 1) {
    const monday = addDays(weekStart, -((weekday + 6) % 7));
    throw badInput('weekStart', 'REPORT_WEEK_NOT_MONDAY', { date: weekStart, weekday: WEEKDAYS[weekday], monday });
  }
  return period(weekStart, addDays(weekStart, 6));
}

/** from and to are days, both included. */
export function campaignPeriod(from: string, to: string): ReportPeriod {
  const fromProblem = dateProblem(from);
  if (fromProblem) throw badInput('from', fromProblem);
  const toProblem = dateProblem(to);
  if (toProblem) throw badInput('to', toProblem);
  if (to < from) throw badInput('to', 'DATE_RANGE_REVERSED', { from });
  return period(from, to);
}

/**
 * The reporting unit: the caller's own region unless they name one below it. Region codes are
 * public, so naming one outside the jurisdiction is refused plainly rather than answered with a
 * misleading zero report.
 */
export function reportRegion(p: Principal, regionCode: string | null | undefined): string {
  if (regionCode == null) return p.region;
  const code = regionCode.trim();
  const problem = regionCodeProblem(code);
  if (problem) throw badInput('regionCode', problem);
  if (!isWithinJurisdiction(code, p.region)) {
    throw refuse('REPORT_REGION_OUTSIDE_JURISDICTION', { region: code, jurisdiction: p.region }, { field: 'regionCode' });
  }
  return code;
}

/** What a report is about: whose view (the caller's agency), which unit (a region and below), which days. */
export interface ReportScope {
  principal: Principal;
  regionCode: string;
  period: ReportPeriod;
}

export const monthlyScope = (p: Principal, month: string, regionCode?: string | null): ReportScope => ({ principal: p, period: monthPeriod(month), regionCode: reportRegion(p, regionCode) });
export const weeklyScope = (p: Principal, weekStart: string, regionCode?: string | null): ReportScope => ({ principal: p, period: weekPeriod(weekStart), regionCode: reportRegion(p, regionCode) });
export const campaignScope = (p: Principal, from: string, to: string, regionCode?: string | null): ReportScope => ({ principal: p, period: campaignPeriod(from, to), regionCode: reportRegion(p, regionCode) });

/** 零报告: nothing new and nothing resolved in the week. */
export const isZeroReport = (newLeads: number, resolvedLeads: number) => newLeads === 0 && resolvedLeads === 0;

export interface CampaignFigures {
  employers: number;
  workers: number;
  workersResolved: number;
  /** Wages recovered; compensation (加付赔偿金) counted apart. */
  amountResolvedFen: bigint;
  compensationResolvedFen: bigint;
}

/**
 * The four rows of 附件2 from per-sector figures. 合计 adds up the rows, except employers: an
 * employer with leads in two sectors is one employer checked, so TOTAL counts distinct employers
 * over all leads and may be less than the sum of the rows.
 */
export function campaignRows(bySector: Partial<Record<IndustrySector, CampaignFigures>>, distinctEmployers: number): { sector: CampaignSector; figures: CampaignFigures }[] {
  const none: CampaignFigures = { employers: 0, workers: 0, workersResolved: 0, amountResolvedFen: 0n, compensationResolvedFen: 0n };
  const rows = (['CONSTRUCTION', 'MANUFACTURING', 'OTHER'] as const).map((sector) => ({ sector, figures: bySector[sector] ?? none }));
  const total = rows.reduce<CampaignFigures>(
    (t, { figures: f }) => ({
      employers: t.employers,
      workers: t.workers + f.workers,
      workersResolved: t.workersResolved + f.workersResolved,
      amountResolvedFen: t.amountResolvedFen + f.amountResolvedFen,
      compensationResolvedFen: t.compensationResolvedFen + f.compensationResolvedFen,
    }),
    { ...none, employers: distinctEmployers },
  );
  return [...rows, { sector: 'TOTAL', figures: total }];
}
