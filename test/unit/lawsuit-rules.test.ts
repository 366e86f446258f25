import { allocatePayment, checkCloseSupport, decideOutcome, decideSupport, installmentOverdue, mayRecordCourtEvent, type InstallmentNow } from '../../services/litigation/src/modules/lawsuit/lawsuit.rules';
import { DomainError } from '../../lib/errors';
import type { Principal } from '../../lib/auth';
import type { Agency } from '../../lib/domain/enums';

const staff = (agency: Agency): Principal => ({ id: `${agency}-1`, name: 'x', agency, region: '330112', roles: ['HANDLER'] });
const failure = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    const d = e as DomainError;
    return { code: d.code, field: d.details.field ?? d.details.invalidFields?.[0]?.field };
  }
  return { code: 'OK' };
};
const NOW = new Date('2026-11-23T10:00:00+08:00');
const filed = { filedOn: '2026-10-08' };
const outcome = { kind: 'MEDIATED' as const, decidedOn: '2026-10-20', totalAmount: '172000.00', installments: [{ dueOn: '2026-12-20', amount: '100000.00' }, { dueOn: '2026-11-20', amount: '72000.00' }], jointlyLiable: [{ name: '临安分公司' }, { name: '总公司' }] };

describe('support to sue', () => {
  it('decides only on an accepted application, once, and a decline answers the sender', () => {
    const accepted = { transferState: 'ACCEPTED', closureState: 'OPEN' };
    expect(decideSupport(staff('PROCURATORATE'), accepted, { supported: false, reason: '证据不足' }, NOW).feedbackToSender).toMatch(/证据不足/);
    expect(decideSupport(staff('PROCURATORATE'), accepted, { supported: true, reason: '支持' }, NOW).feedbackToSender).toBeNull();
    expect(failure(() => decideSupport(staff('PROCURATORATE'), { ...accepted, transferState: 'PENDING_ACCEPTANCE' }, { supported: true, reason: '支持' }, NOW)).code).toBe('INVALID_TRANSITION');
    expect(failure(() => decideSupport(staff('PROCURATORATE'), { ...accepted, decisionSupported: false }, { supported: true, reason: '支持' }, NOW)).code).toBe('INVALID_TRANSITION');
    expect(failure(() => decideSupport(staff('COURT'), accepted, { supported: true, reason: '支持' }, NOW)).code).toBe('FORBIDDEN');
  });

  it('lets the court record court events only on a case it accepted, and only for a supported suit', () => {
    const supported = { transferState: 'TRANSFERRED_OUT', closureState: 'OPEN', decisionSupported: true };
    expect(failure(() => mayRecordCourtEvent(staff('COURT'), supported, { transferState: 'ACCEPTED', closureState: 'OPEN' })).code).toBe('OK');
    expect(failure(() => mayRecordCourtEvent(staff('COURT'), supported, null)).code).toBe('FORBIDDEN');
    expect(failure(() => mayRecordCourtEvent(staff('COURT'), supported, { transferState: 'ACCEPTED', closureState: 'CLOSED' })).code).toBe('INVALID_TRANSITION');
    expect(failure(() => mayRecordCourtEvent(staff('PROCURATORATE'), { ...supported, decisionSupported: null }, null)).code).toBe('INVALID_TRANSITION');
    expect(failure(() => mayRecordCourtEvent(staff('UNION'), supported, null)).code).toBe('FORBIDDEN');
  });
});

describe('court outcome', () => {
  it('sorts the schedule by due date and requires it to add up to the total exactly', () => {
    const d = decideOutcome(filed, outcome, NOW);
    expect(d.installments.map((i) => [i.seq, i.dueOn, i.amountFen])).toEqual([
      [1, '2026-11-20', 7_200_000n],
      [2, '2026-12-20', 10_000_000n],
    ]);
    expect(failure(() => decideOutcome(filed, { ...outcome, totalAmount: '172000.01' }, NOW))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.installments' });
    expect(failure(() => decideOutcome(filed, { ...outcome, decidedOn: '2026-10-01' }, NOW))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.decidedOn' });
    expect(failure(() => decideOutcome(null, outcome, NOW)).code).toBe('INVALID_TRANSITION');
    expect(failure(() => decideOutcome({ ...filed, outcomeKind: 'JUDGMENT' }, outcome, NOW)).code).toBe('INVALID_TRANSITION');
    // A withdrawn suit has nothing to pay and nobody to hold liable.
    expect(decideOutcome(filed, { ...outcome, kind: 'WITHDRAWN', totalAmount: '0.00', installments: [], jointlyLiable: [] }, NOW).totalFen).toBe(0n);
  });
});

describe('installments', () => {
  const schedule: InstallmentNow[] = [
    { id: 'a', seq: 1, dueOn: '2026-10-31', amountFen: 6_000_000n, paidFen: 6_000_000n },
    { id: 'b', seq: 2, dueOn: '2026-11-22', amountFen: 6_000_000n, paidFen: 1_000_000n },
    { id: 'c', seq: 3, dueOn: '2026-11-23', amountFen: 5_200_000n, paidFen: 0n },
  ];
  const lawsuit = { ...filed, outcomeKind: 'MEDIATED', decidedOn: '2026-10-20' };

  it('is overdue from the day after its due day in Asia/Shanghai, until paid in full', () => {
    // 2026-11-23 00:30 in Shanghai is still 2026-11-22 in UTC.
    const today = '2026-11-23';
    expect(schedule.map((i) => installmentOverdue(i, today))).toEqual([false, true, false]);
  });

  it('applies a payment to its installment, then to the next unpaid ones, never beyond what is outstanding', () => {
    expect(allocatePayment(lawsuit, schedule, 'b', { amount: '30000.00', paidOn: '2026-11-23' }, NOW).allocations).toEqual([{ id: 'b', fen: 3_000_000n }]);
    expect(allocatePayment(lawsuit, schedule, 'b', { amount: '60000.00', paidOn: '2026-11-23' }, NOW).allocations).toEqual([
      { id: 'b', fen: 5_000_000n },
      { id: 'c', fen: 1_000_000n },
    ]);
    expect(allocatePayment(lawsuit, schedule, 'a', { amount: '1.00', paidOn: '2026-11-23' }, NOW).allocations).toEqual([{ id: 'b', fen: 100n }]);
    expect(failure(() => allocatePayment(lawsuit, schedule, 'c', { amount: '102000.01', paidOn: '2026-11-23' }, NOW))).toEqual({ code: 'BAD_USER_INPUT', field: 'amount' });
    expect(failure(() => allocatePayment(lawsuit, schedule, 'c', { amount: '1.00', paidOn: '2026-10-19' }, NOW))).toEqual({ code: 'BAD_USER_INPUT', field: 'paidOn' });
  });

  it('keeps a support case from closing as paid while money is outstanding', () => {
    expect(failure(() => checkCloseSupport('PAID_IN_FULL', lawsuit, schedule)).code).toBe('INVALID_TRANSITION');
    expect(failure(() => checkCloseSupport('PARTIALLY_PAID', lawsuit, schedule)).code).toBe('OK');
    expect(failure(() => checkCloseSupport('PAID_IN_FULL', lawsuit, schedule.map((i) => ({ ...i, paidFen: i.amountFen })))).code).toBe('OK');
  });
});
