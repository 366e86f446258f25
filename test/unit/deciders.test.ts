/**
 * Every module's decider, given the state as loaded, when a command arrives, then these events
 * (or this refusal). No database: deciders are pure.
 */
import { decideUnionCasework } from '../../services/union/src/modules/legal-aid/casework.rules';
import { decideMediationCommand, mediationMessages } from '../../services/union/src/modules/mediation/mediation.rules';
import { decideReliefFund } from '../../services/union/src/modules/relief-fund/relief-fund.rules';
import { decideInspection } from '../../services/inspection/src/modules/casework/inspection.rules';
import { decideLawsuit } from '../../services/litigation/src/modules/lawsuit/lawsuit.rules';
import { decideClosure } from '../../lib/agency-case/closure';
import { decideTransferCommand } from '../../services/leads/src/modules/transfer/transfer.rules';
import { decideAcknowledgement } from '../../services/leads/src/modules/lead/mass-case.store';
import { decideIntake } from '../../services/leads/src/modules/lead/lead.store';
import { auditData, timelineEntry } from '../../lib/command/handler';
import { loadWorkingCalendar } from '../../lib/calendar/working-days';
import { DomainError, refuse } from '../../lib/errors';
import type { Principal } from '../../lib/auth';
import type { Agency } from '../../lib/domain/enums';
import type { TransfersState } from '../../services/leads/src/modules/transfer/transfer.commands';
import type { LawsuitState } from '../../services/litigation/src/modules/lawsuit/lawsuit.commands';
import type { InspectionState } from '../../services/inspection/src/modules/casework/casework.commands';

const LEAD = '0b0e7a52-4a55-4c43-9a3c-1d2f3e4a5b6c';
const AT = new Date('2026-11-23T02:00:00Z');
const staff = (agency: Agency, roles: Principal['roles'] = ['HANDLER'], region = '140400'): Principal => ({ id: `${agency.toLowerCase()}-li`, name: '李明', agency, region, roles });
const by = (agency: Agency, roles?: Principal['roles']) => ({ by: staff(agency, roles), at: AT });
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return e.code;
  }
  throw new Error('expected a refusal');
};
const calendar = loadWorkingCalendar();

describe('union casework', () => {
  const unionCase = { leadId: LEAD, handler: 'union-li', transferState: 'ORIGINATED', closureState: 'OPEN' };

  it('given an open case, when a supervisor reassigns it, then the handler changes hands, with the note on the timeline only', () => {
    const e = decideUnionCasework(unionCase, { type: 'reassignHandler', handler: 'union-wang', note: '原经办人调岗', ...by('UNION', ['SUPERVISOR']) });
    expect(e).toEqual({ kind: 'HANDLER_REASSIGNED', entity: { type: 'UnionCase', id: LEAD }, leadId: LEAD, facts: { from: 'union-li', to: 'union-wang' }, text: { note: '原经办人调岗' } });
    expect(auditData(e)).toEqual({ from: 'union-li', to: 'union-wang' });
  });

  it('when a handler (not a supervisor) reassigns, then it is refused', () => {
    expect(refusal(() => decideUnionCasework(unionCase, { type: 'reassignHandler', handler: 'union-wang', note: 'x', ...by('UNION') }))).toBe('FORBIDDEN');
  });

  it('when legal aid is recorded, then the provider is text, not an audited fact', () => {
    const e = decideUnionCasework(unionCase, { type: 'recordLegalAid', provider: '山西某律师事务所', providedOn: '2026-11-20', ...by('UNION') });
    expect(e).toMatchObject({ kind: 'LEGAL_AID_RECORDED', facts: { providedOn: '2026-11-20' }, text: { provider: '山西某律师事务所', note: '' } });
  });
});

describe('mediation', () => {
  const unionCase = { leadId: LEAD, transferState: 'ACCEPTED', closureState: 'OPEN' };

  it('given an accepted case, when a settlement is recorded, then the watch list and a delegated mediation hear of it', () => {
    const cmd = { type: 'recordMediation' as const, outcome: 'SETTLED' as const, summary: '达成协议', amountAgreed: '12000.00', agreedPayBy: '2026-12-10', ...by('UNION') };
    const e = decideMediationCommand(unionCase, cmd);
    expect(e.facts).toEqual({ outcome: 'SETTLED', amountAgreedFen: '1200000', agreedPayBy: '2026-12-10', occurredAt: AT.toISOString() });
    const messages = mediationMessages(e, cmd.by);
    expect(messages.map((m) => m.type)).toEqual(['RiskSignal', 'TransferFeedback']);
    expect(messages[0].payload).toMatchObject({ kind: 'MEDIATION_AGREEMENT', outstandingFen: '1200000', dueOn: '2026-12-10' });
    expect(messages[1].payload).toMatchObject({ final: true, kind: 'DELEGATED_MEDIATION' });
  });

  it('given a closed case, when a mediation is recorded, then it is refused', () => {
    expect(refusal(() => decideMediationCommand({ ...unionCase, closureState: 'CLOSED' }, { type: 'recordMediation', outcome: 'FAILED', summary: 's', ...by('UNION') }))).toBe('INVALID_TRANSITION');
  });
});

describe('relief fund', () => {
  const fund = { regionCode: '140400', balanceFen: 500_000n };
  const unionCase = { leadId: LEAD, referenceNo: 'QX-140400-2026-000001', transferState: 'ORIGINATED', closureState: 'OPEN', amountOwedFen: 1_000_000n, workerCount: 4 };

  it('given a fund, when a supervisor deposits, then the balance after is a fact of the deposit', () => {
    const e = decideReliefFund({ fund, newAdvanceId: 'a1' }, { type: 'deposit', regionCode: '140400', amount: '100.00', note: '财政拨款', ...by('UNION', ['SUPERVISOR']) });
    expect(e).toMatchObject({ kind: 'FUND_DEPOSIT', leadId: null, facts: { amountFen: '10000', balanceFen: '510000' } });
    expect(timelineEntry(e, staff('UNION'), AT)).toBeNull();
  });

  it('given a fund and a case, when wages are advanced, then the advance names the fund and the agreement', () => {
    const e = decideReliefFund(
      { fund, unionCase, alreadyAdvancedFen: 0n, newAdvanceId: 'a1' },
      { type: 'grantAdvance', leadId: LEAD, request: { amount: '3000.00', workerCount: 2, recoveryAgreementNo: 'ZC-1', fundRegionCode: '140400' }, ...by('UNION') },
    );
    expect(e).toMatchObject({ kind: 'WAGE_ADVANCE_GRANTED', entity: { type: 'WageAdvance', id: 'a1' }, facts: { fund: '140400', amountFen: '300000', workerCount: 2 } });
    expect(auditData(e)).toMatchObject({ leadId: LEAD, amountFen: '300000' });
  });

  it('when more is advanced than the fund holds, then it is refused', () => {
    const cmd = { type: 'grantAdvance' as const, leadId: LEAD, request: { amount: '5000.01', workerCount: 2, recoveryAgreementNo: 'ZC-1', fundRegionCode: '140400' }, ...by('UNION') };
    expect(refusal(() => decideReliefFund({ fund, unionCase, alreadyAdvancedFen: 0n, newAdvanceId: 'a1' }, cmd))).toBe('BAD_USER_INPUT');
  });
});

describe('closure', () => {
  const open = { leadId: LEAD, transferState: 'ORIGINATED', feedbackState: 'NONE', closureState: 'OPEN' };
  const close = { type: 'close' as const, input: { reason: 'PAID_IN_FULL' as const, amountRecovered: '89195.00', workersPaid: 4, note: '已足额支付' }, ...by('UNION') };

  it('given an open case, when closed, then the closure facts are audited and the note shown', () => {
    const e = decideClosure(open, close, 'UNION', 'UnionCase');
    expect(e).toEqual({ kind: 'CASE_CLOSED', entity: { type: 'UnionCase', id: LEAD }, leadId: LEAD, facts: { reason: 'PAID_IN_FULL', amountRecoveredFen: '8919500', compensationRecoveredFen: '0', workersPaid: 4 }, text: { note: '已足额支付' } });
  });

  it("given an agency's own condition, when it fails, then closing is refused", () => {
    const closeCheck = () => {
      throw refuse('CALLBACK_REQUIRED_BEFORE_CLOSE');
    };
    expect(refusal(() => decideClosure({ ...open, closeCheck }, close, 'UNION', 'UnionCase'))).toBe('INVALID_TRANSITION');
  });

  it('given a closed case, when reopened, then the previous reason is kept', () => {
    const e = decideClosure({ ...open, closureState: 'CLOSED', closureReason: 'PAID_IN_FULL' }, { type: 'reopen', note: '工人反映仍有欠款', ...by('UNION') }, 'UNION', 'UnionCase');
    expect(e).toMatchObject({ kind: 'CASE_REOPENED', facts: { previousReason: 'PAID_IN_FULL' }, text: { note: '工人反映仍有欠款' } });
  });
});

describe('labour inspection casework', () => {
  const state = (extra: Partial<InspectionState> = {}): InspectionState => ({
    leadId: LEAD,
    case: { transferState: 'ACCEPTED', closureState: 'OPEN', openedAt: new Date('2026-11-20T02:00:00Z'), arrivedAt: new Date('2026-11-20T02:00:00Z'), investigationOpenedAt: new Date('2026-11-21T02:00:00Z') },
    orders: [],
    newOrderId: 'o1',
    ...extra,
  });

  it('when the complainant is first contacted days after arrival, then the contact is late', () => {
    expect(decideInspection(state(), { type: 'recordFirstContact', note: '电话联系', ...by('INSPECTION') }, calendar)).toMatchObject({ kind: 'FIRST_CONTACT', facts: { late: true } });
  });

  it('when a payment order is issued, then it gets the new id', () => {
    expect(decideInspection(state(), { type: 'issuePaymentOrder', amount: '1000.00', payBy: '2026-12-01', ...by('INSPECTION') }, calendar)).toMatchObject({
      kind: 'PAYMENT_ORDER_ISSUED',
      facts: { orderId: 'o1', amountFen: '100000', payBy: '2026-12-01' },
    });
  });

  it('given an order, when part is paid, then what is still unpaid is a fact', () => {
    const s = state({ orders: [{ id: 'o1', amountFen: 100_000n, paidFen: 0n, payBy: '2026-12-01' }] });
    expect(decideInspection(s, { type: 'recordOrderPayment', orderId: 'o1', amount: '400.00', paidOn: '2026-11-22', ...by('INSPECTION') }, calendar).facts).toMatchObject({ amountFen: '40000', outstandingFen: '60000' });
  });

  it('when a handler extends the investigation, then it is refused (supervisors extend)', () => {
    expect(refusal(() => decideInspection(state(), { type: 'extendInvestigation', reason: '案情复杂', ...by('INSPECTION') }, calendar))).toBe('FORBIDDEN');
    expect(decideInspection(state(), { type: 'extendInvestigation', reason: '案情复杂', ...by('INSPECTION', ['SUPERVISOR']) }, calendar)).toMatchObject({ kind: 'INVESTIGATION_EXTENDED' });
  });

  it('without a lapsed payment order, when referred to the police, then it is refused', () => {
    expect(refusal(() => decideInspection(state(), { type: 'referToPolice', policeUnit: '长治市公安局', decidedAt: AT, ...by('INSPECTION') }, calendar))).toBe('INVALID_TRANSITION');
  });
});

describe('support to sue and the lawsuit', () => {
  const base: LawsuitState = {
    leadId: LEAD,
    support: { transferState: 'ACCEPTED', closureState: 'OPEN' },
    lawsuit: null,
    court: null,
    installments: [],
    newIds: { outcome: 'out-1', payment: 'pay-1' },
  };

  it('when the procuratorate declines, then the sender is answered with the reason', () => {
    const e = decideLawsuit(base, { type: 'decideSupport', supported: false, reason: '证据不足', ...by('PROCURATORATE') });
    expect(e).toMatchObject({ kind: 'SUPPORT_DECLINED', facts: { supported: false }, text: { reason: '证据不足' } });
    expect(e.kind === 'SUPPORT_DECLINED' && e.feedbackToSender).toMatch(/证据不足/);
  });

  it('before support is decided, when the court files, then it is refused', () => {
    expect(refusal(() => decideLawsuit(base, { type: 'recordCourtFiling', court: '临安区法院', docketNo: '(2026)浙0112民初1号', filedOn: '2026-10-08', ...by('PROCURATORATE') }))).toBe('INVALID_TRANSITION');
  });

  it('given a settlement in installments, when the last is paid, then the settlement is paid off', () => {
    const s: LawsuitState = {
      ...base,
      support: { ...base.support, decisionSupported: true },
      lawsuit: { filedOn: '2026-10-08', outcomeKind: 'MEDIATED', decidedOn: '2026-10-20', totalFen: 100_000n },
      installments: [
        { id: 'i1', seq: 1, dueOn: '2026-11-01', amountFen: 50_000n, paidFen: 50_000n },
        { id: 'i2', seq: 2, dueOn: '2026-12-01', amountFen: 50_000n, paidFen: 0n },
      ],
    };
    const e = decideLawsuit(s, { type: 'recordInstallmentPayment', installmentId: 'i2', amount: '500.00', paidOn: '2026-11-22', ...by('PROCURATORATE') });
    expect(e).toMatchObject({ kind: 'SETTLEMENT_PAID_OFF', facts: { paymentId: 'pay-1', amountFen: '50000', outstandingFen: '0' }, allocations: [{ id: 'i2', fen: 50_000n }] });
  });
});

describe('transfers', () => {
  const state: TransfersState = {
    leadId: LEAD,
    transfers: [],
    involved: [{ agency: 'UNION', transferState: 'ORIGINATED', closureState: 'OPEN' }],
    figures: { amountOwedFen: 8_919_500n, workerCount: 4 },
    newTransferId: 't1',
    defaultFeedbackDueAt: new Date('2026-12-07T15:59:59Z'),
  };

  it('given a lead the union holds, when sent to inspection, then the request carries the route and the deadline', () => {
    const e = decideTransferCommand(state, { type: 'send', leadId: LEAD, transfer: { to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处' }, ...by('UNION') });
    expect(e).toEqual({
      kind: 'TRANSFER_REQUESTED',
      entity: { type: 'Transfer', id: 't1' },
      leadId: LEAD,
      facts: { kind: 'REFERRAL', from: 'UNION', to: 'INSPECTION', feedbackDueAt: '2026-12-07T15:59:59.000Z', feedbackDueOn: '2026-12-07' },
      text: { reason: '请依法查处' },
    });
    expect(auditData(e)).toMatchObject({ leadId: LEAD, kind: 'REFERRAL', to: 'INSPECTION' });
  });

  it('given a requested transfer, when the receiver returns it, then the event is TRANSFER_RETURNED, audited under the same name', () => {
    const s = { ...state, transfers: [{ id: 't1', kind: 'REFERRAL' as const, from: 'UNION' as const, to: 'INSPECTION' as const, status: 'REQUESTED' as const }] };
    const e = decideTransferCommand(s, { type: 'act', transferId: 't1', act: { type: 'reject', reason: '不属于本部门管辖' }, ...by('INSPECTION') });
    expect(e).toMatchObject({ kind: 'TRANSFER_RETURNED', facts: { status: 'REJECTED', from: 'UNION' } });
  });

  it('given an accepted transfer, when final feedback is given, then FEEDBACK_FINAL with the amounts', () => {
    const s = { ...state, transfers: [{ id: 't1', kind: 'REFERRAL' as const, from: 'UNION' as const, to: 'INSPECTION' as const, status: 'ACCEPTED' as const }] };
    const e = decideTransferCommand(s, { type: 'act', transferId: 't1', act: { type: 'feedback', final: true, summary: '已支付', amountRecovered: '62436.50', workersPaid: 3 }, ...by('INSPECTION') });
    expect(e).toMatchObject({ kind: 'FEEDBACK_FINAL', facts: { status: 'COMPLETED', amountRecoveredFen: '6243650', workersPaid: 3 }, text: { summary: '已支付' } });
  });
});

describe('the lead registry', () => {
  it('when a mass case is reported, then it is flagged to the province as well', () => {
    const lead = { regionCode: '140421', channel: 'HOTLINE', workerCount: 60, amountOwed: 1_000_000n, isMassCase: true } as never;
    const events = decideIntake({ leadId: LEAD, referenceNo: 'QX-140421-2026-000001', employerId: 'e', generalContractorId: null }, { type: 'reportLead', lead, ...by('UNION', ['INTAKE']) });
    expect(events.map((e) => e.kind)).toEqual(['LEAD_REPORTED', 'MASS_CASE_FLAGGED']);
    expect(events[1].facts).toEqual({ workerCount: 60, province: '140000' });
  });

  it('given an acknowledged alert, when acknowledged again, then it is refused', () => {
    const cmd = { type: 'acknowledgeMassCase' as const, leadId: LEAD, ...by('UNION', ['SUPERVISOR']) };
    expect(decideAcknowledgement({ leadId: LEAD }, cmd)).toMatchObject({ kind: 'MASS_CASE_ACKNOWLEDGED', facts: { region: '140400' } });
    expect(refusal(() => decideAcknowledgement({ leadId: LEAD, acknowledgedAt: AT, acknowledgedBy: 'x' }, cmd))).toBe('INVALID_TRANSITION');
    expect(refusal(() => decideAcknowledgement({ leadId: LEAD }, { ...cmd, by: staff('UNION') }))).toBe('FORBIDDEN');
  });
});
