/**
 * The blacklist procedure (失信联合惩戒名单, 《保障农民工工资支付条例》 art. 48 and 人社部's
 * 《拖欠农民工工资失信联合惩戒对象名单管理暂行办法》, in force since 2022-01-01):
 *
 *   PROPOSED → NOTIFIED → HEARD → LISTED | REJECTED;  LISTED → REMOVED_EARLY, or EXPIRED after 3 years.
 *
 * Inspection proposes a listing when the arrears reach the criminal threshold or caused a mass
 * incident, and the employer missed a payment order's deadline; the employer is told in advance and
 * may state its case (its date and outcome recorded); a SUPERVISOR decides; a listing runs 3 years;
 * it may end early once the arrears are paid, 6 months have passed since, and a written pledge
 * (信用承诺) is filed. Pure.
 */
import { hasRole, type Principal } from '../../../../../lib/auth';
import { refuse, badInput, invalidInput, type InvalidField } from '../../../../../lib/errors';
import { formatFen, type Fen } from '../../../../../lib/money';
import { shanghaiDate } from '../../../../../lib/dates';
import { actDay } from '../../../../../lib/domain/act-dates';
import { event } from '../../../../../lib/vocabulary/events';
import { mayWork, requiredNote } from '../casework/inspection.rules';
import type { BlacklistCommand, BlacklistEvent, BlacklistOrderNow, BlacklistState, ListingNow, ListingStatus } from './blacklist.commands';

export const LISTING_YEARS = 3;
export const EARLY_REMOVAL_MONTHS = 6;

/**
 * 拒不支付劳动报酬罪's amount (最高人民法院 2013 interpretation, art. 3): one worker's wages from
 * 5,000 yuan, or ten or more workers' from 30,000 yuan in all. Provinces fix their figure within
 * 5,000–20,000 and 30,000–100,000 yuan; these are the floors.
 */
export const CRIMINAL_THRESHOLD = { oneWorkerFen: 500_000n, manyWorkersFen: 3_000_000n, manyWorkers: 10 } as const;

/** The case knows the total owed and the number of workers: owed on average that much, at least one worker is owed it. */
export function reachesCriminalThreshold(amountOwedFen: Fen, workerCount: number): boolean {
  if (workerCount >= CRIMINAL_THRESHOLD.manyWorkers && amountOwedFen >= CRIMINAL_THRESHOLD.manyWorkersFen) return true;
  return workerCount > 0 && amountOwedFen >= CRIMINAL_THRESHOLD.oneWorkerFen * BigInt(workerCount);
}

/** An order's deadline was missed: unpaid past its pay-by day, or paid in full only after it. */
export function missedDeadline(o: BlacklistOrderNow, today: string): boolean {
  return (o.paidFen < o.amountFen && o.payBy < today) || (o.lastPaidOn !== null && o.lastPaidOn > o.payBy);
}

/** The same day `months` later; a day the month lacks becomes its last (02-29 → 02-28). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** A listing ends at the start of its `until` day: three years to the day. */
export const listingUntil = (listedOn: string) => addMonths(listedOn, LISTING_YEARS * 12);

/** What a procedure is today: a listing past its three years has expired. */
export function listingStatus(l: Pick<ListingNow, 'state' | 'until'>, today: string): ListingStatus {
  return l.state === 'LISTED' && l.until && l.until <= today ? 'EXPIRED' : l.state;
}

/** The listing in force today, if any, until when. */
export const inForceUntil = (l: Pick<ListingNow, 'state' | 'until'> | null, today: string): string | null => (l && listingStatus(l, today) === 'LISTED' ? l.until! : null);

const PENDING = new Set(['PROPOSED', 'NOTIFIED', 'HEARD']);

function mayDecide(by: Principal): void {
  if (by.agency !== 'INSPECTION' || !hasRole(by, 'SUPERVISOR')) throw refuse('BLACKLIST_SUPERVISOR_REQUIRED');
}

function current(s: BlacklistState): ListingNow {
  if (!s.listing || !PENDING.has(s.listing.state)) throw refuse('BLACKLIST_NOT_PROPOSED');
  return s.listing;
}

function checked<T>(problems: InvalidField[], value: T): T {
  if (problems.length) throw invalidInput(problems);
  return value;
}

export function decideBlacklistCommand(s: BlacklistState, cmd: BlacklistCommand): BlacklistEvent {
  const today = shanghaiDate(cmd.at);
  const c = s.case;
  const bounds = { now: cmd.at, leadReceivedAt: c.leadReceivedAt };
  const id = s.listing?.id ?? s.newListingId;
  const on = <K extends BlacklistEvent['kind']>(kind: K, listingId: string, facts: Omit<Extract<BlacklistEvent, { kind: K }>['facts'], 'listingId'>, text?: Record<string, string>) =>
    event(kind, { type: 'BlacklistListing', id: listingId }, s.leadId, { listingId, ...facts } as never, text) as BlacklistEvent;

  switch (cmd.type) {
    case 'propose': {
      mayWork(cmd.by, c);
      const l = s.listing;
      if (l && PENDING.has(l.state)) throw refuse('BLACKLIST_ALREADY_PROPOSED', { until: l.proposedUntil });
      const until = inForceUntil(l, today);
      if (until) throw refuse('BLACKLIST_ALREADY_LISTED', { until });
      if (!s.orders.some((o) => missedDeadline(o, today))) throw refuse('BLACKLIST_NEEDS_MISSED_ORDER');
      if (cmd.ground === 'CRIMINAL_THRESHOLD') {
        const owed = BigInt(c.amountOwedFen ?? '0');
        const workers = c.workerCount ?? 0;
        if (!reachesCriminalThreshold(owed, workers)) {
          throw refuse('BLACKLIST_BELOW_CRIMINAL_THRESHOLD', { amount: formatFen(owed), workers, perWorker: formatFen(CRIMINAL_THRESHOLD.oneWorkerFen), total: formatFen(CRIMINAL_THRESHOLD.manyWorkersFen) });
        }
      }
      const reason = requiredNote('reason', cmd.reason, true);
      return on('BLACKLIST_PROPOSED', s.newListingId, { ground: cmd.ground, until: listingUntil(today) }, { reason });
    }
    case 'notify': {
      mayWork(cmd.by, c);
      const l = current(s);
      if (l.state !== 'PROPOSED') throw refuse('BLACKLIST_ALREADY_NOTIFIED', { date: l.noticeOn! });
      const problems: InvalidField[] = [];
      const noticeOn = actDay(problems, 'noticeOn', cmd.noticeOn, { ...bounds, after: { at: l.proposedOn, reason: 'DATE_BEFORE_BLACKLIST_PROPOSAL' } });
      return on('BLACKLIST_NOTIFIED', id, { noticeOn: checked(problems, noticeOn) });
    }
    case 'recordStatement': {
      mayWork(cmd.by, c);
      const l = current(s);
      if (l.state === 'PROPOSED') throw refuse('BLACKLIST_NOT_NOTIFIED');
      if (l.state === 'HEARD') throw refuse('BLACKLIST_STATEMENT_ALREADY_RECORDED', { date: l.statedOn! });
      const problems: InvalidField[] = [];
      const statedOn = actDay(problems, 'input.statedOn', cmd.statedOn, { ...bounds, after: { at: l.noticeOn!, reason: 'DATE_BEFORE_BLACKLIST_NOTICE' } });
      checked(problems, statedOn);
      // What the employer said is required unless it said nothing.
      const statement = requiredNote('input.statement', cmd.statement ?? '', cmd.statementOutcome !== 'NONE_MADE');
      return on('BLACKLIST_STATEMENT_RECORDED', id, { statedOn, outcome: cmd.statementOutcome }, statement ? { summary: statement } : undefined);
    }
    case 'decide': {
      mayDecide(cmd.by);
      const l = s.listing;
      if (!l) throw refuse('BLACKLIST_NOT_PROPOSED');
      if (!PENDING.has(l.state)) throw refuse('BLACKLIST_ALREADY_DECIDED', { date: l.decidedOn ?? l.listedOn ?? '' });
      if (l.state === 'PROPOSED') throw refuse('BLACKLIST_NOT_NOTIFIED');
      if (l.state === 'NOTIFIED') throw refuse('BLACKLIST_STATEMENT_PENDING');
      if (cmd.list && l.statementOutcome === 'ADOPTED') throw refuse('BLACKLIST_STATEMENT_ADOPTED');
      const problems: InvalidField[] = [];
      const decidedOn = actDay(problems, 'input.decisionDate', cmd.decisionDate, { ...bounds, after: { at: l.statedOn!, reason: 'DATE_BEFORE_BLACKLIST_STATEMENT' } });
      checked(problems, decidedOn);
      const reason = requiredNote('input.reason', cmd.reason, true);
      return cmd.list
        ? on('BLACKLIST_LISTED', id, { listedOn: decidedOn, until: listingUntil(decidedOn) }, { reason })
        : on('BLACKLIST_REJECTED', id, { decidedOn }, { reason });
    }
    case 'removeEarly': {
      mayDecide(cmd.by);
      const l = s.listing;
      if (!l || listingStatus(l, today) !== 'LISTED') throw refuse('BLACKLIST_NOT_LISTED');
      const outstanding = s.orders.reduce((sum, o) => sum + (o.amountFen - o.paidFen), 0n);
      if (outstanding > 0n) throw refuse('BLACKLIST_ARREARS_UNPAID', { outstanding: formatFen(outstanding) });
      const lastPaid = s.orders.map((o) => o.lastPaidOn).filter((d): d is string => d !== null).sort().at(-1);
      const problems: InvalidField[] = [];
      const arrearsPaidOn = actDay(problems, 'input.arrearsPaidOn', cmd.arrearsPaidOn, { ...bounds, after: lastPaid ? { at: lastPaid, reason: 'DATE_BEFORE_LAST_ORDER_PAYMENT' } : null });
      const pledgeOn = actDay(problems, 'input.pledgeOn', cmd.pledgeOn, { ...bounds, after: { at: l.listedOn!, reason: 'DATE_BEFORE_BLACKLIST_LISTING' } });
      checked(problems, null);
      const from = addMonths(arrearsPaidOn, EARLY_REMOVAL_MONTHS);
      if (from > today) throw badInput('input.arrearsPaidOn', 'BLACKLIST_REMOVAL_TOO_EARLY', { date: from });
      const note = requiredNote('input.note', cmd.note ?? '', false);
      return on('BLACKLIST_REMOVED_EARLY', id, { removedOn: today, arrearsPaidOn, pledgeOn, listedOn: l.listedOn! }, note ? { note } : undefined);
    }
  }
}
