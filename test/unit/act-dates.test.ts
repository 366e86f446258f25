/**
 * Acts dated when they happened: given the case as loaded, when an act arrives with its date, then
 * it is dated so, or refused with the bound it breaks. No database: the deciders are pure, and
 * "now" is a fixed instant, never today.
 */
import { decideLawsuit } from '../../services/litigation/src/modules/lawsuit/lawsuit.rules';
import { decideInspection } from '../../services/inspection/src/modules/casework/inspection.rules';
import { decideMediationCommand } from '../../services/union/src/modules/mediation/mediation.rules';
import { decideReliefFund } from '../../services/union/src/modules/relief-fund/relief-fund.rules';
import { decideUnionCasework } from '../../services/union/src/modules/legal-aid/casework.rules';
import { actDay, actTime } from '../../lib/domain/act-dates';
import { loadWorkingCalendar } from '../../lib/calendar/working-days';
import { DomainError, type InvalidField } from '../../lib/errors';
import { renderReason } from '../../lib/i18n/render';
import type { Principal } from '../../lib/auth';
import type { Agency } from '../../lib/domain/enums';
import type { LawsuitState } from '../../services/litigation/src/modules/lawsuit/lawsuit.commands';
import type { InspectionState } from '../../services/inspection/src/modules/casework/casework.commands';

const LEAD = '0b0e7a52-4a55-4c43-9a3c-1d2f3e4a5b6c';
/** 2026-11-23 10:00 Asia/Shanghai. */
const NOW = new Date('2026-11-23T02:00:00Z');
const RECEIVED = new Date('2026-11-01T01:00:00Z');
const calendar = loadWorkingCalendar();
const staff = (agency: Agency): Principal => ({ id: `${agency.toLowerCase()}-li`, name: '李明', agency, region: '140400', roles: ['HANDLER'] });
const by = (agency: Agency) => ({ by: staff(agency), at: NOW });
/** The one field a refusal names, with its reason and params. */
const refused = (f: () => unknown): Pick<InvalidField, 'field' | 'reason' | 'params'> => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) {
      const first = e.details.invalidFields?.[0];
      return first ? { field: first.field, reason: first.reason, params: first.params } : { field: e.details.field ?? '', reason: e.reason, params: e.params };
    }
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('the bounds every dated act has', () => {
  it('given no date, then the act happened now (a time) or today (a day, Asia/Shanghai)', () => {
    const problems: InvalidField[] = [];
    expect(actTime(problems, 'occurredAt', null, { now: NOW })).toBe(NOW);
    expect(actDay(problems, 'on', undefined, { now: new Date('2026-11-22T17:00:00Z') })).toBe('2026-11-23');
    expect(problems).toEqual([]);
  });

  it('when a time is a few minutes ahead of the hub (a client clock), then it is accepted; a day ahead is refused', () => {
    const problems: InvalidField[] = [];
    actTime(problems, 'occurredAt', new Date(NOW.getTime() + 60_000), { now: NOW });
    expect(problems).toEqual([]);
    actTime(problems, 'occurredAt', new Date(NOW.getTime() + 86_400_000), { now: NOW });
    expect(problems.map((p) => p.reason)).toEqual(['IN_FUTURE']);
  });

  it('when an act is dated before the lead was received, then it is refused naming that day, in Chinese naming the field', () => {
    const problems: InvalidField[] = [];
    actDay(problems, 'input.filedOn', '2026-10-31', { now: NOW, leadReceivedAt: RECEIVED });
    expect(problems).toMatchObject([{ field: 'input.filedOn', reason: 'DATE_BEFORE_LEAD_RECEIVED', params: { date: '2026-11-01' } }]);
    expect(renderReason(problems[0].reason, problems[0].params, 'zh', 'input.filedOn')).toBe('立案日期早于线索受理日期（2026-11-01）');
    expect(renderReason('IN_FUTURE', {}, 'zh', 'input.occurredAt')).toBe('发生时间不能晚于当前时间');
  });

  it('when a time-dated act follows a day-dated one, then the same day is in order and the day before is not', () => {
    const problems: InvalidField[] = [];
    actTime(problems, 'occurredAt', new Date('2026-11-20T00:30:00Z'), { now: NOW, after: { at: '2026-11-20', reason: 'DATE_BEFORE_HEARING' } });
    expect(problems).toEqual([]);
    actTime(problems, 'occurredAt', new Date('2026-11-19T15:30:00Z'), { now: NOW, after: { at: '2026-11-20', reason: 'DATE_BEFORE_HEARING' } });
    expect(problems.map((p) => p.reason)).toEqual(['DATE_BEFORE_HEARING']);
  });
});

describe('support to sue and the lawsuit', () => {
  const base: LawsuitState = {
    leadId: LEAD,
    support: { transferState: 'ACCEPTED', closureState: 'OPEN', leadReceivedAt: RECEIVED },
    lawsuit: null,
    court: null,
    installments: [],
    newIds: { outcome: 'out-1', payment: 'pay-1' },
  };
  const supported = (decidedAt: Date): LawsuitState => ({ ...base, support: { ...base.support, decisionSupported: true, decidedAt } });
  const FILING = { type: 'recordCourtFiling' as const, court: '临安区法院', docketNo: '(2026)浙0112民初1号' };

  it('when the procuratorate decides with the day it decided, then the event carries that time', () => {
    const decidedAt = new Date('2026-11-10T02:00:00Z');
    expect(decideLawsuit(base, { type: 'decideSupport', supported: true, reason: '支持', occurredAt: decidedAt, ...by('PROCURATORATE') })).toMatchObject({
      kind: 'SUPPORT_GRANTED',
      facts: { supported: true, occurredAt: decidedAt.toISOString() },
    });
  });

  it('when the decision is dated in the future or before the lead came in, then it is refused at input.occurredAt', () => {
    expect(refused(() => decideLawsuit(base, { type: 'decideSupport', supported: true, reason: '支持', occurredAt: new Date('2026-11-24T02:00:00Z'), ...by('PROCURATORATE') }))).toMatchObject({ field: 'input.occurredAt', reason: 'IN_FUTURE' });
    expect(refused(() => decideLawsuit(base, { type: 'decideSupport', supported: true, reason: '支持', occurredAt: new Date('2026-10-30T02:00:00Z'), ...by('PROCURATORATE') }))).toMatchObject({ field: 'input.occurredAt', reason: 'DATE_BEFORE_LEAD_RECEIVED' });
  });

  it('given support decided ten days ago, when the court files last week, then the filing is recorded', () => {
    expect(decideLawsuit(supported(new Date('2026-11-13T02:00:00Z')), { ...FILING, filedOn: '2026-11-16', ...by('COURT'), by: staff('PROCURATORATE') })).toMatchObject({ kind: 'COURT_FILED', facts: { filedOn: '2026-11-16' } });
  });

  it('given support decided today, when the court files last week, then it is refused as before the decision', () => {
    expect(refused(() => decideLawsuit(supported(NOW), { ...FILING, filedOn: '2026-11-16', ...by('PROCURATORATE') }))).toMatchObject({ field: 'input.filedOn', reason: 'DATE_BEFORE_SUPPORT_DECISION', params: { date: '2026-11-23' } });
  });

  it('given a filing, when a hearing is scheduled on a day before it, then it is refused; its result is not dated before the hearing', () => {
    const filed: LawsuitState = { ...supported(new Date('2026-11-13T02:00:00Z')), lawsuit: { filedOn: '2026-11-16' } };
    expect(refused(() => decideLawsuit(filed, { type: 'scheduleHearing', date: '2026-12-01', courtRoom: '第一法庭', occurredAt: new Date('2026-11-15T02:00:00Z'), ...by('PROCURATORATE') }))).toMatchObject({ field: 'input.occurredAt', reason: 'DATE_BEFORE_FILING' });
    const heard = { ...filed, hearing: { id: 'h1', date: '2026-11-20' } };
    expect(refused(() => decideLawsuit(heard, { type: 'recordHearingResult', hearingId: 'h1', note: '休庭', occurredAt: new Date('2026-11-19T02:00:00Z'), ...by('PROCURATORATE') }))).toMatchObject({ field: 'occurredAt', reason: 'DATE_BEFORE_HEARING' });
    expect(decideLawsuit(heard, { type: 'recordHearingResult', hearingId: 'h1', note: '休庭', occurredAt: new Date('2026-11-20T06:00:00Z'), ...by('PROCURATORATE') })).toMatchObject({ kind: 'HEARING_HELD', facts: { occurredAt: '2026-11-20T06:00:00.000Z' } });
  });
});

describe('labour inspection', () => {
  const state = (extra: Partial<InspectionState> = {}): InspectionState => ({
    leadId: LEAD,
    case: { transferState: 'ORIGINATED', closureState: 'OPEN', openedAt: RECEIVED, leadReceivedAt: RECEIVED },
    orders: [],
    newOrderId: 'o1',
    ...extra,
  });

  it('when the complainant was contacted the day the lead came in, entered weeks later, then the contact is not late', () => {
    expect(decideInspection(state(), { type: 'recordFirstContact', note: '电话联系', occurredAt: new Date('2026-11-01T03:00:00Z'), ...by('INSPECTION') }, calendar)).toMatchObject({ kind: 'FIRST_CONTACT', facts: { late: false } });
  });

  it('when an order issued ten days ago gives a deadline three days ago, then it is recorded: the deadline runs from the issue day', () => {
    expect(decideInspection(state(), { type: 'issuePaymentOrder', amount: '1000.00', payBy: '2026-11-20', issuedOn: '2026-11-13', ...by('INSPECTION') }, calendar)).toMatchObject({ kind: 'PAYMENT_ORDER_ISSUED', facts: { payBy: '2026-11-20', issuedOn: '2026-11-13' } });
    expect(refused(() => decideInspection(state(), { type: 'issuePaymentOrder', amount: '1000.00', payBy: '2026-11-12', issuedOn: '2026-11-13', ...by('INSPECTION') }, calendar))).toMatchObject({ field: 'input.payBy', reason: 'PAY_BY_BEFORE_ISSUE' });
    expect(refused(() => decideInspection(state(), { type: 'issuePaymentOrder', amount: '1000.00', payBy: '2026-11-22', ...by('INSPECTION') }, calendar))).toMatchObject({ field: 'input.payBy', reason: 'PAY_BY_IN_PAST' });
  });

  it('given an order issued on the 13th, when a payment is dated the 12th, then it is refused as before the order', () => {
    const s = state({ orders: [{ id: 'o1', amountFen: 100_000n, paidFen: 0n, payBy: '2026-11-20', issuedOn: '2026-11-13' }] });
    expect(refused(() => decideInspection(s, { type: 'recordOrderPayment', orderId: 'o1', amount: '10.00', paidOn: '2026-11-12', ...by('INSPECTION') }, calendar))).toMatchObject({ field: 'paidOn', reason: 'DATE_BEFORE_PAYMENT_ORDER', params: { date: '2026-11-13' } });
    expect(decideInspection(s, { type: 'recordOrderPayment', orderId: 'o1', amount: '10.00', paidOn: '2026-11-13', ...by('INSPECTION') }, calendar)).toMatchObject({ kind: 'ORDER_PAYMENT' });
  });

  it('when a handover or callback is dated, then the event carries it; in the future, it is refused', () => {
    expect(decideInspection(state(), { type: 'recordHandover', to: 'LOCAL_GOVERNMENT', note: '交办', occurredAt: new Date('2026-11-15T02:00:00Z'), ...by('INSPECTION') }, calendar)).toMatchObject({ facts: { occurredAt: '2026-11-15T02:00:00.000Z' } });
    expect(refused(() => decideInspection(state(), { type: 'recordCallback', wagesPaid: true, procedureLawful: true, satisfied: true, note: '', occurredAt: new Date('2026-11-30T02:00:00Z'), ...by('INSPECTION') }, calendar))).toMatchObject({ field: 'input.occurredAt', reason: 'IN_FUTURE' });
  });
});

describe('the union', () => {
  const unionCase = { leadId: LEAD, transferState: 'ORIGINATED', closureState: 'OPEN', handler: 'u', leadReceivedAt: RECEIVED };

  it('when a mediation or legal aid is dated before the lead came in, then it is refused', () => {
    expect(refused(() => decideMediationCommand(unionCase, { type: 'recordMediation', outcome: 'FAILED', summary: '拒绝', occurredAt: new Date('2026-10-01T02:00:00Z'), ...by('UNION') }))).toMatchObject({ field: 'input.occurredAt', reason: 'DATE_BEFORE_LEAD_RECEIVED' });
    expect(refused(() => decideUnionCasework(unionCase, { type: 'recordLegalAid', provider: '法律援助中心', providedOn: '2026-10-31', ...by('UNION') }))).toMatchObject({ field: 'input.providedOn', reason: 'DATE_BEFORE_LEAD_RECEIVED' });
  });

  it('given an advance paid on the 10th, when its recovery is dated the 9th, then it is refused as before the advance', () => {
    const s = {
      fund: { regionCode: '140400', balanceFen: 0n },
      unionCase: { ...unionCase, referenceNo: 'R-1', amountOwedFen: null, workerCount: null },
      advance: { id: 'a1', leadId: LEAD, amountFen: 1000n, recoveredFen: 0n, recoveryAgreementNo: 'ZC-1', fundRegionCode: '140400', grantedAt: new Date('2026-11-10T02:00:00Z') },
      newAdvanceId: 'a2',
    };
    expect(refused(() => decideReliefFund(s, { type: 'recordRecovery', advanceId: 'a1', amount: '1.00', occurredAt: new Date('2026-11-09T02:00:00Z'), ...by('UNION') }))).toMatchObject({ field: 'occurredAt', reason: 'DATE_BEFORE_ADVANCE' });
    expect(decideReliefFund(s, { type: 'recordRecovery', advanceId: 'a1', amount: '1.00', occurredAt: new Date('2026-11-11T02:00:00Z'), ...by('UNION') })).toMatchObject({ kind: 'ADVANCE_RECOVERED', facts: { occurredAt: '2026-11-11T02:00:00.000Z' } });
  });
});
