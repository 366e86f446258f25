import type { Principal } from '../../../../../lib/auth';
import { hasRole } from '../../../../../lib/auth';
import { invalid, invalidInput, refusal, refuse, type InvalidField, type Refusal } from '../../../../../lib/errors';
import { isWithinJurisdiction, regionCodeProblem } from '../../../../../lib/region';
import { creditCodeProblem, idNumberProblem, phoneProblem } from '../../../../../lib/identifiers';
import { moneyProblem, toFen, type Fen } from '../../../../../lib/money';
import { dateProblem, shanghaiDate } from '../../../../../lib/dates';
import { INDUSTRIES, INTAKE_CHANNELS, MASS_CASE_WORKERS, type Agency, type Industry, type IntakeChannel } from '../../../../../lib/domain/enums';
import { cleanText, textLength } from '../../../../../lib/vocabulary';

/** What an intake form sends (ReportLeadInput), before any checking. */
export interface LeadReport {
  channel: string;
  receivedAt?: Date | null;
  regionCode: string;
  employerName: string;
  employerCreditCode?: string | null;
  projectName?: string | null;
  generalContractorName?: string | null;
  generalContractorCreditCode?: string | null;
  industry: string;
  workerCount: number;
  amountOwed: string;
  wagePeriodStart?: string | null;
  wagePeriodEnd?: string | null;
  description: string;
  complainants?: { name: string; idNumber?: string | null; phone?: string | null }[] | null;
}

/** A report that passed every check, normalised and ready to store. */
export interface AcceptedLead {
  channel: IntakeChannel;
  receivedAt: Date;
  regionCode: string;
  intakeAgency: Agency;
  employer: { name: string; creditCode: string | null };
  projectName: string | null;
  generalContractor: { name: string; creditCode: string | null } | null;
  industry: Industry;
  workerCount: number;
  amountOwed: Fen;
  wagePeriodStart: string | null;
  wagePeriodEnd: string | null;
  description: string;
  complainants: { name: string; idNumber: string | null; phone: string | null }[];
  isMassCase: boolean;
  reportedBy: string;
}

export const LIMITS = {
  name: 200,
  projectName: 200,
  description: 5000,
  complainants: 500,
  complainantName: 50,
  workerCount: 1_000_000,
};

// Intake dates a lead can carry: the clock may be a few minutes off, and no lead predates the hub's
// paper archives by more than a few decades.
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const EARLIEST_RECEIVED = Date.parse('2000-01-01T00:00:00+08:00');

/** Intake (受理): who may report, and what a lead must look like. Pure: no I/O. */
export function acceptLeadReport(report: LeadReport, by: Principal, now: Date): AcceptedLead {
  if (!hasRole(by, 'INTAKE')) {
    throw refuse('INTAKE_ROLE_REQUIRED');
  }
  const problems: InvalidField[] = [];
  const bad = (field: string, r: Refusal) => problems.push(invalid(field, r));
  const text = (field: string, value: string | null | undefined, max: number, required: boolean, shape: 'paragraph' | 'name' = 'paragraph'): string | null => {
    const v = cleanText(value, shape);
    if (!v) {
      if (required) bad(field, refusal('FIELD_REQUIRED'));
      return null;
    }
    if (textLength(v) > max) bad(field, refusal('TEXT_TOO_LONG', { max }));
    return v;
  };
  const creditCode = (field: string, value: string | null | undefined): string | null => {
    const v = value?.trim().toUpperCase();
    if (!v) return null;
    const problem = creditCodeProblem(v);
    if (problem) bad(field, problem);
    return v;
  };

  if (!(INTAKE_CHANNELS as readonly string[]).includes(report.channel)) bad('channel', refusal('VALUE_NOT_ALLOWED', { allowed: INTAKE_CHANNELS }));
  if (!(INDUSTRIES as readonly string[]).includes(report.industry)) bad('industry', refusal('VALUE_NOT_ALLOWED', { allowed: INDUSTRIES }));

  const regionCode = report.regionCode?.trim() ?? '';
  const regionProblem = regionCodeProblem(regionCode);
  if (regionProblem) bad('regionCode', regionProblem);
  else if (!isWithinJurisdiction(regionCode, by.region)) bad('regionCode', refusal('REGION_OUTSIDE_JURISDICTION', { region: regionCode, jurisdiction: by.region }));

  const receivedAt = report.receivedAt ?? now;
  if (Number.isNaN(receivedAt.getTime())) bad('receivedAt', refusal('TIME_FORMAT_EXAMPLE'));
  else if (receivedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) bad('receivedAt', refusal('IN_FUTURE'));
  else if (receivedAt.getTime() < EARLIEST_RECEIVED) bad('receivedAt', refusal('RECEIVED_BEFORE_2000'));

  const employerName = text('employerName', report.employerName, LIMITS.name, true, 'name');
  if (employerName && !/[\p{L}\p{N}]/u.test(employerName)) bad('employerName', refusal('EMPLOYER_NAME_NO_LETTERS'));
  const employerCreditCode = creditCode('employerCreditCode', report.employerCreditCode);
  const projectName = text('projectName', report.projectName, LIMITS.projectName, false, 'name');
  const contractorName = text('generalContractorName', report.generalContractorName, LIMITS.name, false, 'name');
  const contractorCode = creditCode('generalContractorCreditCode', report.generalContractorCreditCode);
  if (contractorCode && !contractorName) bad('generalContractorName', refusal('CONTRACTOR_NAME_REQUIRED'));

  if (!Number.isInteger(report.workerCount) || report.workerCount < 1) bad('workerCount', refusal('NUMBER_AT_LEAST', { min: 1 }));
  else if (report.workerCount > LIMITS.workerCount) bad('workerCount', refusal('NUMBER_AT_MOST', { max: LIMITS.workerCount }));

  const amountProblem = moneyProblem(report.amountOwed);
  if (amountProblem) bad('amountOwed', amountProblem);

  const start = report.wagePeriodStart ?? null;
  const end = report.wagePeriodEnd ?? null;
  for (const [field, v] of [['wagePeriodStart', start], ['wagePeriodEnd', end]] as const) {
    const p = v ? dateProblem(v) : undefined;
    if (p) bad(field, p);
  }
  if (start && end && !dateProblem(start) && !dateProblem(end) && start > end) bad('wagePeriodEnd', refusal('WAGE_PERIOD_REVERSED'));
  if (start && !dateProblem(start) && !Number.isNaN(receivedAt.getTime()) && start > shanghaiDate(receivedAt)) {
    bad('wagePeriodStart', refusal('WAGE_PERIOD_AFTER_RECEIPT'));
  }

  const description = text('description', report.description, LIMITS.description, true);

  const complainants = (report.complainants ?? []).map((c, i) => {
    const at = `complainants[${i}]`;
    const name = text(`${at}.name`, c.name, LIMITS.complainantName, true, 'name');
    const idNumber = c.idNumber?.trim().toUpperCase() || null;
    if (idNumber) {
      const p = idNumberProblem(idNumber);
      if (p) bad(`${at}.idNumber`, p);
    }
    const phone = c.phone?.trim() || null;
    if (phone) {
      const p = phoneProblem(phone);
      if (p) bad(`${at}.phone`, p);
    }
    return { name: name ?? '', idNumber, phone };
  });
  if (complainants.length > LIMITS.complainants) bad('complainants', refusal('COMPLAINANTS_TOO_MANY', { max: LIMITS.complainants }));

  if (problems.length) throw invalidInput(problems);

  return {
    channel: report.channel as IntakeChannel,
    receivedAt,
    regionCode,
    intakeAgency: by.agency,
    employer: { name: employerName!, creditCode: employerCreditCode },
    projectName,
    generalContractor: contractorName ? { name: contractorName, creditCode: contractorCode } : null,
    industry: report.industry as Industry,
    workerCount: report.workerCount,
    amountOwed: toFen(report.amountOwed),
    wagePeriodStart: start,
    wagePeriodEnd: end,
    description: description!,
    complainants,
    isMassCase: report.workerCount >= MASS_CASE_WORKERS,
    reportedBy: by.id,
  };
}

/** A human-readable, unique reference: QX-<region>-<year>-<sequence>, e.g. QX-140400-2026-000017. */
export function referenceNo(regionCode: string, year: number, sequence: number): string {
  return `QX-${regionCode}-${year}-${String(sequence).padStart(6, '0')}`;
}
