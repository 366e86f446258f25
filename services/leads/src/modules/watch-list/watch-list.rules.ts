/**
 * The employer watch list (seed 000, 欠薪预警): employers that already broke a commitment on a
 * lead (显性, EXPLICIT: a mediation settlement, a payment order or a court installment unpaid past
 * its day, or listed in the arrears blacklist, 失信联合惩戒名单) and unstable ones at risk (隐性, LATENT: repeated leads, a mass case). Pure: ranks the
 * facts the registry gathered.
 */
export type WatchSignalKind = 'REPEATED_LEADS' | 'MASS_CASE' | 'BROKEN_MEDIATION' | 'OVERDUE_PAYMENT_ORDER' | 'MISSED_INSTALLMENT' | 'BLACKLISTED';
export type WatchRisk = 'EXPLICIT' | 'LATENT';

export interface EmployerFacts {
  employerId: string;
  employerName: string;
  /** Leads it is accountable for: as employer, general contractor or jointly liable. */
  leads: number;
  openLeads: number;
  massCases: number;
  /** Commitments unpaid past their due day, by kind. */
  broken: { kind: 'BROKEN_MEDIATION' | 'OVERDUE_PAYMENT_ORDER' | 'MISSED_INSTALLMENT'; count: number; outstandingFen: bigint }[];
  /** Blacklist listings in force today, and the day the last of them ends. */
  listings?: number;
  blacklistedUntil?: string | null;
}

export interface WatchEntry {
  employerId: string;
  risk: WatchRisk;
  score: number;
  leads: number;
  openLeads: number;
  signals: { kind: WatchSignalKind; count: number; outstandingFen: bigint | null }[];
  outstandingFen: bigint;
  blacklistedUntil: string | null;
}

/** A broken commitment weighs more than one more lead: the employer has shown it will not pay. */
export const SIGNAL_WEIGHT: Record<WatchSignalKind, number> = {
  REPEATED_LEADS: 1,
  MASS_CASE: 2,
  BROKEN_MEDIATION: 3,
  OVERDUE_PAYMENT_ORDER: 3,
  MISSED_INSTALLMENT: 2,
  BLACKLISTED: 3,
};

/** Repeated means a second lead. */
export const REPEATED_LEADS_FROM = 2;

export function assessEmployer(f: EmployerFacts): WatchEntry | null {
  const signals: WatchEntry['signals'] = [];
  let score = 0;
  for (const b of f.broken) {
    if (b.count <= 0) continue;
    signals.push({ kind: b.kind, count: b.count, outstandingFen: b.outstandingFen });
    score += SIGNAL_WEIGHT[b.kind] * b.count;
  }
  // A listing is a decided finding that the employer would not pay: as explicit as a broken commitment.
  if (f.listings && f.blacklistedUntil) {
    signals.push({ kind: 'BLACKLISTED', count: f.listings, outstandingFen: null });
    score += SIGNAL_WEIGHT.BLACKLISTED * f.listings;
  }
  const explicit = signals.length > 0;
  if (f.leads >= REPEATED_LEADS_FROM) {
    signals.push({ kind: 'REPEATED_LEADS', count: f.leads, outstandingFen: null });
    score += SIGNAL_WEIGHT.REPEATED_LEADS * (f.leads - 1);
  }
  if (f.massCases > 0) {
    signals.push({ kind: 'MASS_CASE', count: f.massCases, outstandingFen: null });
    score += SIGNAL_WEIGHT.MASS_CASE * f.massCases;
  }
  if (!signals.length) return null;
  return {
    employerId: f.employerId,
    risk: explicit ? 'EXPLICIT' : 'LATENT',
    score,
    leads: f.leads,
    openLeads: f.openLeads,
    signals,
    outstandingFen: f.broken.reduce((s, b) => s + b.outstandingFen, 0n),
    blacklistedUntil: f.listings && f.blacklistedUntil ? f.blacklistedUntil : null,
  };
}

/** Explicit risks first, then by score, money still unpaid past due, open leads, and name for a stable order. */
export function rankWatchList(facts: readonly EmployerFacts[]): WatchEntry[] {
  const names = new Map(facts.map((f) => [f.employerId, f.employerName]));
  return facts
    .map(assessEmployer)
    .filter((e): e is WatchEntry => e !== null)
    .sort(
      (a, b) =>
        (a.risk === b.risk ? 0 : a.risk === 'EXPLICIT' ? -1 : 1) ||
        b.score - a.score ||
        (b.outstandingFen > a.outstandingFen ? 1 : b.outstandingFen < a.outstandingFen ? -1 : 0) ||
        b.openLeads - a.openLeads ||
        names.get(a.employerId)!.localeCompare(names.get(b.employerId)!, 'zh-CN'),
    );
}
