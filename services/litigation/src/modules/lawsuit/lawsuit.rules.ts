/**
 * Civil support to sue (民事支持起诉) and the lawsuit it supports, from the procuratorate's decision
 * to the last installment (seed 002, the Lin'an case). Pure: every function decides from the case
 * as it is now and the command, and returns what to record or throws a DomainError.
 */
import { hasRole, type Principal } from '../../../../../lib/auth';
import { badInput, forbidden, invalidInput, invalidTransition, type InvalidField } from '../../../../../lib/errors';
import { formatFen, moneyProblem, toFen, type Fen } from '../../../../../lib/money';
import { dateProblem, shanghaiDate } from '../../../../../lib/dates';
import { creditCodeProblem } from '../../../../../lib/identifiers';
import { cleanLine } from '../../../../../lib/text';
import { event } from '../../../../../lib/vocabulary/events';
import type { LawsuitCommand, LawsuitEvent, LawsuitState } from './lawsuit.commands';

export const TEXT_MAX = 2000;
export const MAX_INSTALLMENTS = 120;
const HANDLING = ['ORIGINATED', 'ACCEPTED', 'TRANSFERRED_OUT'];

export type OutcomeKind = 'MEDIATED' | 'JUDGMENT' | 'WITHDRAWN';

export interface AgencyCaseNow {
  transferState: string;
  closureState: string;
}

export interface SupportCaseNow extends AgencyCaseNow {
  decisionSupported?: boolean | null;
  decidedAt?: Date | null;
  letterNo?: string | null;
}

export interface LawsuitNow {
  filedOn?: string | null;
  outcomeKind?: string | null;
  decidedOn?: string | null;
  totalFen?: Fen | null;
  enforcementAppliedAt?: Date | null;
}

export interface InstallmentNow {
  id: string;
  seq: number;
  dueOn: string;
  amountFen: Fen;
  paidFen: Fen;
}


function text(problems: InvalidField[], field: string, value: string | null | undefined, o: { required: boolean; max?: number }): string {
  const v = cleanLine(value);
  const max = o.max ?? TEXT_MAX;
  if (o.required && !v) problems.push({ field, message: 'is required' });
  else if ([...v].length > max) problems.push({ field, message: `is longer than ${max} characters` });
  return v;
}

function pastDate(problems: InvalidField[], field: string, value: string, today: string, notBefore?: { date: string; what: string }) {
  const p = dateProblem(value);
  if (p) problems.push({ field, message: p });
  else if (value > today) problems.push({ field, message: 'is in the future' });
  else if (notBefore && value < notBefore.date) problems.push({ field, message: `is before ${notBefore.what} (${notBefore.date})` });
}

function mayHandle(c: AgencyCaseNow, agencyName: string) {
  if (c.closureState !== 'OPEN') throw invalidTransition(`${agencyName}'s case on this lead is closed; reopen it first.`);
  if (c.transferState === 'PENDING_ACCEPTANCE') throw invalidTransition(`${agencyName} has not accepted this lead yet: accept the transfer first.`);
  if (!HANDLING.includes(c.transferState)) throw invalidTransition(`${agencyName}'s case on this lead is ${c.transferState}: it is read-only.`);
}

/** 民事支持起诉: the procuratorate reviews the application and supports the workers' suit, or declines. */
export function decideSupport(by: Principal, c: SupportCaseNow, cmd: { supported: boolean; reason: string }): { supported: boolean; reason: string; feedbackToSender: string | null } {
  if (by.agency !== 'PROCURATORATE' || !hasRole(by, 'HANDLER', 'SUPERVISOR')) throw forbidden('Deciding on support to sue needs a procuratorate HANDLER or SUPERVISOR.');
  mayHandle(c, 'The procuratorate');
  if (c.decisionSupported != null) throw invalidTransition(`Support was already ${c.decisionSupported ? 'granted' : 'declined'} at ${c.decidedAt?.toISOString()}.`);
  const problems: InvalidField[] = [];
  const reason = text(problems, 'input.reason', cmd.reason, { required: true });
  if (problems.length) throw invalidInput(problems);
  // A decline answers the application: the sender hears it as final feedback.
  return { supported: cmd.supported, reason, feedbackToSender: cmd.supported ? null : `The procuratorate declined to support the lawsuit (不予支持起诉): ${reason}` };
}

/** The letter of support (支持起诉书) the procuratorate issues once it supports the suit. */
export function decideSupportLetter(by: Principal, c: SupportCaseNow, cmd: { number: string; issuedOn: string }, now: Date): { number: string; issuedOn: string } {
  if (by.agency !== 'PROCURATORATE' || !hasRole(by, 'HANDLER', 'SUPERVISOR')) throw forbidden('The letter of support is recorded by a procuratorate HANDLER or SUPERVISOR.');
  mayHandle(c, 'The procuratorate');
  if (c.decisionSupported !== true) throw invalidTransition('Decide to support the lawsuit (decideSupport) before recording the letter of support.');
  if (c.letterNo) throw invalidTransition(`The letter of support ${c.letterNo} is already recorded.`);
  const problems: InvalidField[] = [];
  const number = text(problems, 'input.number', cmd.number, { required: true, max: 100 });
  pastDate(problems, 'input.issuedOn', cmd.issuedOn, shanghaiDate(now), c.decidedAt ? { date: shanghaiDate(c.decidedAt), what: 'the decision to support' } : undefined);
  if (problems.length) throw invalidInput(problems);
  return { number, issuedOn: cmd.issuedOn };
}

/**
 * Court events (filing, hearings, outcome, payments, enforcement) are recorded by the court that
 * took the case (COURT_FILING transfer accepted) or by the supporting procuratorate.
 */
export function mayRecordCourtEvent(by: Principal, support: SupportCaseNow, court: AgencyCaseNow | null): void {
  if (by.agency !== 'PROCURATORATE' && by.agency !== 'COURT') throw forbidden('Court events are recorded by the court or by the procuratorate supporting the lawsuit.');
  if (!hasRole(by, 'HANDLER', 'SUPERVISOR')) throw forbidden('Recording court events needs the HANDLER or SUPERVISOR role.');
  if (by.agency === 'COURT') {
    if (!court) throw forbidden('The court is not on this lead: the procuratorate sends it with a COURT_FILING transfer.');
    mayHandle(court, 'The court');
  } else {
    mayHandle(support, 'The procuratorate');
  }
  if (support.decisionSupported !== true) {
    throw invalidTransition(support.decisionSupported === false ? 'The procuratorate declined to support this lawsuit.' : 'The procuratorate has not decided to support this lawsuit yet (decideSupport).');
  }
}

/** 立案: the court files the case. */
export function decideFiling(l: LawsuitNow | null, cmd: { court: string; docketNo: string; filedOn: string }, support: SupportCaseNow, now: Date) {
  if (l?.filedOn) throw invalidTransition(`The court filing is already recorded (filed on ${l.filedOn}).`);
  const problems: InvalidField[] = [];
  const court = text(problems, 'input.court', cmd.court, { required: true, max: 200 });
  const docketNo = text(problems, 'input.docketNo', cmd.docketNo, { required: true, max: 100 });
  pastDate(problems, 'input.filedOn', cmd.filedOn, shanghaiDate(now), support.decidedAt ? { date: shanghaiDate(support.decidedAt), what: 'the decision to support' } : undefined);
  if (problems.length) throw invalidInput(problems);
  return { court, docketNo, filedOn: cmd.filedOn };
}

export function decideHearing(l: LawsuitNow | null, cmd: { date: string; courtRoom: string; note?: string | null }) {
  if (!l?.filedOn) throw invalidTransition('Record the court filing (recordCourtFiling) before scheduling a hearing.');
  if (l.outcomeKind) throw invalidTransition('The lawsuit already has an outcome; no more hearings can be scheduled.');
  const problems: InvalidField[] = [];
  const p = dateProblem(cmd.date);
  if (p) problems.push({ field: 'input.date', message: p });
  else if (cmd.date < l.filedOn) problems.push({ field: 'input.date', message: `is before the filing (${l.filedOn})` });
  const courtRoom = text(problems, 'input.courtRoom', cmd.courtRoom, { required: true, max: 200 });
  const note = text(problems, 'input.note', cmd.note, { required: false });
  if (problems.length) throw invalidInput(problems);
  return { date: cmd.date, courtRoom, note };
}

export function decideHearingResult(h: { date: string; outcomeNote?: string | null }, note: string, now: Date): { note: string } {
  if (h.outcomeNote) throw invalidTransition('The result of this hearing is already recorded.');
  if (h.date > shanghaiDate(now)) throw invalidTransition(`The hearing is on ${h.date}; record its result once it has been held.`);
  const problems: InvalidField[] = [];
  const text_ = text(problems, 'note', note, { required: true });
  if (problems.length) throw invalidInput(problems);
  return { note: text_ };
}

export interface OutcomeCommand {
  kind: OutcomeKind;
  decidedOn: string;
  totalAmount: string;
  installments: { dueOn: string; amount: string }[];
  jointlyLiable: { name: string; creditCode?: string | null }[];
}

export interface DecidedOutcome {
  kind: OutcomeKind;
  decidedOn: string;
  totalFen: Fen;
  installments: { seq: number; dueOn: string; amountFen: Fen }[];
  jointlyLiable: { name: string; creditCode: string | null }[];
}

/**
 * 调解 or 判决 (or the suit withdrawn): the total and a schedule of installments that must add up to
 * it exactly, and the employers held jointly liable (the Lin'an settlement bound the branch and its
 * head company).
 */
export function decideOutcome(l: LawsuitNow | null, cmd: OutcomeCommand, now: Date): DecidedOutcome {
  if (!l?.filedOn) throw invalidTransition('Record the court filing (recordCourtFiling) before the outcome.');
  if (l.outcomeKind) throw invalidTransition(`The outcome (${l.outcomeKind}, ${l.decidedOn}) is already recorded.`);
  const problems: InvalidField[] = [];
  pastDate(problems, 'input.decidedOn', cmd.decidedOn, shanghaiDate(now), { date: l.filedOn, what: 'the filing' });
  const mp = moneyProblem(cmd.totalAmount);
  if (mp) problems.push({ field: 'input.totalAmount', message: mp });
  const total = mp ? null : toFen(cmd.totalAmount);
  if (total === 0n && cmd.kind !== 'WITHDRAWN') problems.push({ field: 'input.totalAmount', message: `must be more than 0.00 for a ${cmd.kind} outcome` });
  if (cmd.installments.length > MAX_INSTALLMENTS) problems.push({ field: 'input.installments', message: `has more than ${MAX_INSTALLMENTS} installments` });
  let sum = 0n;
  let sumKnown = true;
  cmd.installments.forEach((i, n) => {
    const dp = dateProblem(i.dueOn);
    if (dp) problems.push({ field: `input.installments[${n}].dueOn`, message: dp });
    else if (!dateProblem(cmd.decidedOn) && i.dueOn < cmd.decidedOn) problems.push({ field: `input.installments[${n}].dueOn`, message: `is before the outcome (${cmd.decidedOn})` });
    const ap = moneyProblem(i.amount);
    if (ap) {
      problems.push({ field: `input.installments[${n}].amount`, message: ap });
      sumKnown = false;
    } else if (toFen(i.amount) === 0n) problems.push({ field: `input.installments[${n}].amount`, message: 'must be more than 0.00' });
    else sum += toFen(i.amount);
  });
  if (total !== null && sumKnown && sum !== total) {
    problems.push({ field: 'input.installments', message: `add up to ${formatFen(sum)} yuan, not the total of ${formatFen(total)} yuan` });
  }
  if (cmd.kind !== 'WITHDRAWN' && cmd.jointlyLiable.length === 0) problems.push({ field: 'input.jointlyLiable', message: 'must name at least one employer liable to pay' });
  const seen = new Set<string>();
  const liable = cmd.jointlyLiable.map((e, n) => {
    const name = text(problems, `input.jointlyLiable[${n}].name`, e.name, { required: true, max: 200 });
    const code = cleanLine(e.creditCode).toUpperCase() || null;
    const cp = code ? creditCodeProblem(code) : undefined;
    if (cp) problems.push({ field: `input.jointlyLiable[${n}].creditCode`, message: cp });
    const key = code ?? name.normalize('NFKC').replace(/\s+/g, '');
    if (name && seen.has(key)) problems.push({ field: `input.jointlyLiable[${n}]`, message: 'names the same employer twice' });
    seen.add(key);
    return { name, creditCode: code };
  });
  if (problems.length) throw invalidInput(problems);
  const installments = [...cmd.installments]
    .map((i) => ({ dueOn: i.dueOn, amountFen: toFen(i.amount) }))
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0))
    .map((i, n) => ({ seq: n + 1, ...i }));
  return { kind: cmd.kind, decidedOn: cmd.decidedOn, totalFen: total!, installments, jointlyLiable: liable };
}

/** Past its due day (Asia/Shanghai) and not paid in full. */
export const installmentOverdue = (i: { dueOn: string; amountFen: Fen; paidFen: Fen }, today: string) => i.paidFen < i.amountFen && i.dueOn < today;

export const outstandingFen = (installments: readonly { amountFen: Fen; paidFen: Fen }[]) => installments.reduce((s, i) => s + i.amountFen - i.paidFen, 0n);

/**
 * A payment against an installment. Partial payments are fine; more than that installment still
 * needs goes to the next unpaid ones in due order (the employer paying ahead), but never beyond
 * what is outstanding overall.
 */
export function allocatePayment(
  l: LawsuitNow,
  installments: readonly InstallmentNow[],
  targetId: string,
  cmd: { amount: string; paidOn: string },
  now: Date,
): { allocations: { id: string; fen: Fen }[]; amountFen: Fen } {
  const problems: InvalidField[] = [];
  const mp = moneyProblem(cmd.amount);
  if (mp) problems.push({ field: 'amount', message: mp });
  else if (toFen(cmd.amount) === 0n) problems.push({ field: 'amount', message: 'must be more than 0.00' });
  pastDate(problems, 'paidOn', cmd.paidOn, shanghaiDate(now), l.decidedOn ? { date: l.decidedOn, what: 'the court outcome' } : undefined);
  if (problems.length) throw invalidInput(problems);
  const amount = toFen(cmd.amount);
  const outstanding = outstandingFen(installments);
  if (outstanding === 0n) throw invalidTransition('Every installment is already paid in full.');
  if (amount > outstanding) throw badInput('amount', `is more than the ${formatFen(outstanding)} yuan still outstanding on this settlement`);
  const ordered = [...installments].sort((a, b) => a.seq - b.seq);
  const target = ordered.find((i) => i.id === targetId)!;
  const allocations: { id: string; fen: Fen }[] = [];
  let left = amount;
  for (const i of [target, ...ordered.filter((x) => x.id !== targetId)]) {
    const room = i.amountFen - i.paidFen;
    if (left === 0n) break;
    if (room <= 0n) continue;
    const fen = left < room ? left : room;
    allocations.push({ id: i.id, fen });
    left -= fen;
  }
  return { allocations, amountFen: amount };
}

/** 申请强制执行: once installments are missed. */
export function decideEnforcement(l: LawsuitNow | null, installments: readonly InstallmentNow[], note: string, now: Date): { note: string; overdue: InstallmentNow[] } {
  if (!l?.outcomeKind) throw invalidTransition('There is no court outcome to enforce yet.');
  if (l.enforcementAppliedAt) throw invalidTransition(`Enforcement was already applied for at ${l.enforcementAppliedAt.toISOString()}.`);
  const today = shanghaiDate(now);
  const overdue = installments.filter((i) => installmentOverdue(i, today));
  if (!overdue.length) throw invalidTransition('No installment is overdue: enforcement is applied for when installments are missed.');
  const problems: InvalidField[] = [];
  const n = text(problems, 'note', note, { required: false });
  if (problems.length) throw invalidInput(problems);
  return { note: n, overdue };
}

/** The support case closes as paid only when the settlement is paid. */
export function checkCloseSupport(reason: string, l: LawsuitNow | null, installments: readonly InstallmentNow[]): void {
  if (!l?.outcomeKind || !['PAID_IN_FULL', 'JUDGMENT_ENFORCED'].includes(reason)) return;
  const left = outstandingFen(installments);
  if (left > 0n) throw invalidTransition(`${formatFen(left)} yuan of the court outcome is still unpaid: record the payments, or close with another reason (e.g. PARTIALLY_PAID).`);
}

const COURT_EVENTS: ReadonlySet<LawsuitCommand['type']> = new Set(['recordCourtFiling', 'scheduleHearing', 'recordHearingResult', 'recordCourtOutcome', 'recordInstallmentPayment', 'applyForEnforcement']);

/** The lawsuit decider: support, letter, and the court events recorded by the court or the procuratorate. */
export function decideLawsuit(s: LawsuitState, cmd: LawsuitCommand): LawsuitEvent {
  const entity = { type: 'SupportCase', id: s.leadId };
  const leadId = s.leadId;
  if (COURT_EVENTS.has(cmd.type)) mayRecordCourtEvent(cmd.by, s.support, s.court);
  switch (cmd.type) {
    case 'decideSupport': {
      const d = decideSupport(cmd.by, s.support, cmd);
      return d.supported
        ? event('SUPPORT_GRANTED', entity, leadId, { supported: true }, { reason: d.reason })
        : { ...event('SUPPORT_DECLINED', entity, leadId, { supported: false }, { reason: d.reason }), feedbackToSender: d.feedbackToSender! };
    }
    case 'recordSupportLetter': {
      const d = decideSupportLetter(cmd.by, s.support, cmd, cmd.at);
      return event('SUPPORT_LETTER_ISSUED', entity, leadId, { letterNo: d.number, issuedOn: d.issuedOn });
    }
    case 'recordCourtFiling': {
      const d = decideFiling(s.lawsuit, cmd, s.support, cmd.at);
      return event('COURT_FILED', entity, leadId, { filedOn: d.filedOn, docketNo: d.docketNo }, { court: d.court });
    }
    case 'scheduleHearing': {
      const d = decideHearing(s.lawsuit, cmd);
      return event('HEARING_SCHEDULED', entity, leadId, { date: d.date }, { courtRoom: d.courtRoom, note: d.note });
    }
    case 'recordHearingResult': {
      const h = s.hearing!;
      const d = decideHearingResult(h, cmd.note, cmd.at);
      return { ...event('HEARING_HELD', entity, leadId, { date: h.date }, { note: d.note }), hearingId: h.id };
    }
    case 'recordCourtOutcome': {
      const d = decideOutcome(s.lawsuit, cmd.outcome, cmd.at);
      const facts = {
        kind: d.kind,
        decidedOn: d.decidedOn,
        totalFen: d.totalFen.toString(),
        installments: d.installments.length,
        firstDueOn: d.installments[0]?.dueOn ?? null,
        lastDueOn: d.installments.at(-1)?.dueOn ?? null,
        jointlyLiable: d.jointlyLiable.length,
      };
      const liable = d.jointlyLiable.map((e) => e.name).join('、');
      return { ...event('COURT_OUTCOME_RECORDED', entity, leadId, facts, liable ? { jointlyLiable: liable } : undefined), outcomeId: s.newIds.outcome, outcome: d };
    }
    case 'recordInstallmentPayment': {
      const d = allocatePayment(s.lawsuit!, s.installments, cmd.installmentId, cmd, cmd.at);
      const after = s.installments.map((i) => ({ ...i, paidFen: i.paidFen + (d.allocations.find((a) => a.id === i.id)?.fen ?? 0n) }));
      const left = outstandingFen(after);
      const today = shanghaiDate(cmd.at);
      const facts = { paymentId: s.newIds.payment, amountFen: d.amountFen.toString(), paidOn: cmd.paidOn, outstandingFen: left.toString(), overdueInstallments: after.filter((i) => installmentOverdue(i, today)).length };
      return { ...event(left === 0n ? 'SETTLEMENT_PAID_OFF' : 'INSTALLMENT_PAID', entity, leadId, facts), allocations: d.allocations };
    }
    case 'applyForEnforcement': {
      const d = decideEnforcement(s.lawsuit, s.installments, cmd.note, cmd.at);
      return event('ENFORCEMENT_APPLIED', entity, leadId, { missedInstallments: d.overdue.length, overdueFen: outstandingFen(d.overdue).toString() }, { note: d.note });
    }
  }
}
