/**
 * The evidence checklist of an inspection case (第五十条), given the case and its requests as
 * loaded, when a command arrives, then these events (or this refusal); and the closing rule it adds.
 */
import { checkLedgerBeforeClose, decideChecklist } from '../../services/inspection/src/modules/checklist/checklist.rules';
import type { ChecklistCommand, ChecklistState, EvidenceRequestNow } from '../../services/inspection/src/modules/checklist/checklist.commands';
import { decideClosure } from '../../lib/agency-case/closure';
import { auditData, timelineEntry } from '../../lib/command/handler';
import { DomainError } from '../../lib/errors';
import { renderTimeline } from '../../lib/i18n/timeline';
import type { Principal } from '../../lib/auth';
import type { ClosureReason } from '../../lib/domain/enums';

const LEAD = '0b0e7a52-4a55-4c43-9a3c-1d2f3e4a5b6c';
const AT = new Date('2026-11-23T02:00:00Z'); // 2026-11-23 10:00 in Shanghai
const inspector: Principal = { id: 'insp-li', name: '李明', agency: 'INSPECTION', region: '140400', roles: ['HANDLER'] };
const issued = { by: inspector, at: AT };
const openCase = { transferState: 'ACCEPTED', closureState: 'OPEN', openedAt: new Date('2026-11-10T02:00:00Z'), leadReceivedAt: new Date('2026-11-10T02:00:00Z') };
const given = (requests: EvidenceRequestNow[] = [], closeWithoutLedgerReason: string | null = null): ChecklistState => ({ leadId: LEAD, case: openCase, requests, closeWithoutLedgerReason });
const when = (s: ChecklistState, c: ChecklistCommand extends infer C ? (C extends unknown ? Omit<C, 'by' | 'at'> : never) : never) => decideChecklist(s, { ...c, ...issued });
const refused = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return { code: e.code, reason: e.reason, fields: e.details.invalidFields?.map((x) => `${x.field} ${x.reason}`) ?? [], message: e.messageIn('zh') };
  }
  throw new Error('expected a refusal');
};
const ledgerAsked: EvidenceRequestNow = { item: 'PAYROLL_LEDGER', requestedOn: '2026-11-12', outcome: null };

describe('the evidence checklist', () => {
  it('given nothing asked, when the payroll ledger is requested on a past day, then that day is the fact on the audit trail and the timeline', () => {
    const e = when(given(), { type: 'requestEvidence', item: 'PAYROLL_LEDGER', requestedOn: '2026-11-12' });
    expect(e).toEqual({ kind: 'EVIDENCE_REQUESTED', entity: { type: 'InspectionCase', id: LEAD }, leadId: LEAD, facts: { item: 'PAYROLL_LEDGER', requestedOn: '2026-11-12', again: false } });
    expect(auditData(e)).toEqual({ item: 'PAYROLL_LEDGER', requestedOn: '2026-11-12', again: false });
    const entry = timelineEntry(e, inspector, AT)!;
    expect(renderTimeline(entry, 'zh')).toContain('要求用人单位提供工资台账（第五十条）');
    expect(entry.summary).toContain('payroll ledger');
  });

  it('when a request gives no day, then it was made today (Asia/Shanghai)', () => {
    expect(when(given(), { type: 'requestEvidence', item: 'ROSTER' }).facts).toMatchObject({ requestedOn: '2026-11-23' });
  });

  it.each([
    ['2026-11-24', 'input.requestedOn IN_FUTURE'],
    ['2026-11-09', 'input.requestedOn DATE_BEFORE_LEAD_RECEIVED'],
    ['2026-13-01', 'input.requestedOn DATE_INVALID'],
  ])('when a request is dated %s, then it is refused at that field (%s)', (requestedOn, field) => {
    const r = refused(() => when(given(), { type: 'requestEvidence', item: 'LABOUR_CONTRACTS', requestedOn }));
    expect(r.code).toBe('BAD_USER_INPUT');
    expect(r.fields[0].split(' ')[0]).toBe(field.split(' ')[0]);
    if (!field.endsWith('DATE_INVALID')) expect(r.fields).toEqual([field]);
  });

  it('given a request not yet answered, when it is requested again, then it is refused: record whether it came first', () => {
    const r = refused(() => when(given([ledgerAsked]), { type: 'requestEvidence', item: 'PAYROLL_LEDGER' }));
    expect(r).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'EVIDENCE_ALREADY_REQUESTED' });
    expect(r.message).toContain('2026-11-12');
  });

  it('given a request, when the document is received, then it is dated not before the request', () => {
    const e = when(given([ledgerAsked]), { type: 'recordEvidenceReceived', item: 'PAYROLL_LEDGER', receivedOn: '2026-11-20' });
    expect(e).toMatchObject({ kind: 'EVIDENCE_RECEIVED', facts: { item: 'PAYROLL_LEDGER', requestedOn: '2026-11-12', receivedOn: '2026-11-20' } });
    expect(refused(() => when(given([ledgerAsked]), { type: 'recordEvidenceReceived', item: 'PAYROLL_LEDGER', receivedOn: '2026-11-11' })).fields).toEqual(['input.receivedOn DATE_BEFORE_EVIDENCE_REQUEST']);
    expect(refused(() => when(given([ledgerAsked]), { type: 'recordEvidenceReceived', item: 'PAYROLL_LEDGER', receivedOn: '2026-11-24' })).fields).toEqual(['input.receivedOn IN_FUTURE']);
  });

  it('given nothing asked, when a document is recorded as received or not provided, then it is refused: ask first', () => {
    expect(refused(() => when(given(), { type: 'recordEvidenceReceived', item: 'ROSTER' })).reason).toBe('EVIDENCE_NOT_REQUESTED');
    expect(refused(() => when(given(), { type: 'recordEvidenceNotProvided', item: 'ROSTER', note: '拒不提供' })).reason).toBe('EVIDENCE_NOT_REQUESTED');
  });

  it('given a request, when the document is not provided, then the note goes to the timeline only, and a note is required', () => {
    const e = when(given([ledgerAsked]), { type: 'recordEvidenceNotProvided', item: 'PAYROLL_LEDGER', note: '  企业称未建立工资台账 ' });
    expect(e).toMatchObject({ kind: 'EVIDENCE_NOT_PROVIDED', facts: { item: 'PAYROLL_LEDGER', requestedOn: '2026-11-12' }, text: { note: '企业称未建立工资台账' } });
    expect(JSON.stringify(auditData(e))).not.toContain('台账');
    expect(refused(() => when(given([ledgerAsked]), { type: 'recordEvidenceNotProvided', item: 'PAYROLL_LEDGER', note: ' ' })).fields).toEqual(['input.note FIELD_REQUIRED']);
  });

  it('given a document not provided, when it is asked for again and then comes, then both are recorded; asked again, not before the first request', () => {
    const notProvided: EvidenceRequestNow = { ...ledgerAsked, outcome: 'NOT_PROVIDED' };
    expect(refused(() => when(given([notProvided]), { type: 'recordEvidenceNotProvided', item: 'PAYROLL_LEDGER', note: 'x' })).reason).toBe('EVIDENCE_ALREADY_NOT_PROVIDED');
    expect(when(given([notProvided]), { type: 'requestEvidence', item: 'PAYROLL_LEDGER', requestedOn: '2026-11-16' }).facts).toEqual({ item: 'PAYROLL_LEDGER', requestedOn: '2026-11-16', again: true });
    expect(refused(() => when(given([notProvided]), { type: 'requestEvidence', item: 'PAYROLL_LEDGER', requestedOn: '2026-11-11' })).fields).toEqual(['input.requestedOn DATE_BEFORE_EVIDENCE_REQUEST']);
    // A document first refused may still come later.
    expect(when(given([notProvided]), { type: 'recordEvidenceReceived', item: 'PAYROLL_LEDGER' }).facts).toMatchObject({ receivedOn: '2026-11-23' });
  });

  it('given a document received, when anything more is recorded of it, then it is refused', () => {
    const received: EvidenceRequestNow = { ...ledgerAsked, outcome: 'RECEIVED', receivedOn: '2026-11-20' };
    for (const c of [{ type: 'requestEvidence' as const }, { type: 'recordEvidenceReceived' as const }, { type: 'recordEvidenceNotProvided' as const, note: 'x' }]) {
      expect(refused(() => when(given([received]), { ...c, item: 'PAYROLL_LEDGER' } as never)).reason).toBe('EVIDENCE_ALREADY_RECEIVED');
    }
    expect(refused(() => when(given([received]), { type: 'recordCloseWithoutLedgerReason', reason: '无需' })).reason).toBe('LEDGER_ALREADY_RECEIVED');
    // Other documents are their own.
    expect(when(given([received]), { type: 'requestEvidence', item: 'ROSTER' }).kind).toBe('EVIDENCE_REQUESTED');
  });

  it('when a reason to close without the ledger is recorded, then it is required text, kept off the audit trail', () => {
    const e = when(given(), { type: 'recordCloseWithoutLedgerReason', reason: '企业已注销，工资由总包单位足额代付，工人确认' });
    expect(e).toMatchObject({ kind: 'CLOSE_WITHOUT_LEDGER_REASONED', facts: { item: 'PAYROLL_LEDGER' }, text: { reason: '企业已注销，工资由总包单位足额代付，工人确认' } });
    expect(refused(() => when(given(), { type: 'recordCloseWithoutLedgerReason', reason: '' })).fields).toEqual(['reason FIELD_REQUIRED']);
  });

  it('given a closed case, another agency, or a viewer, when anything is recorded, then it is refused', () => {
    const cmd = { type: 'requestEvidence' as const, item: 'ROSTER' as const };
    expect(refused(() => decideChecklist({ ...given(), case: { ...openCase, closureState: 'CLOSED' } }, { ...cmd, ...issued })).reason).toBe('INSPECTION_CASE_CLOSED');
    expect(refused(() => decideChecklist(given(), { ...cmd, by: { ...inspector, agency: 'UNION' }, at: AT })).code).toBe('FORBIDDEN');
    expect(refused(() => decideChecklist(given(), { ...cmd, by: { ...inspector, roles: ['VIEWER'] }, at: AT })).code).toBe('FORBIDDEN');
    expect(refused(() => decideChecklist({ ...given(), case: { ...openCase, transferState: 'PENDING_ACCEPTANCE' } }, { ...cmd, ...issued })).reason).toBe('INSPECTION_CASE_NOT_HANDLING');
  });
});

describe('closing an inspection case needs the payroll ledger, or a reason without it', () => {
  const closeAs = (reason: ClosureReason, s: { requests?: EvidenceRequestNow[]; closeWithoutLedgerReason?: string | null; paymentOrders?: number }) =>
    decideClosure(
      { leadId: LEAD, transferState: 'ORIGINATED', feedbackState: 'NONE', closureState: 'OPEN', closeCheck: (f) => checkLedgerBeforeClose({ requests: [], closeWithoutLedgerReason: null, paymentOrders: 0, ...s }, f.reason) },
      { type: 'close', input: { reason, amountRecovered: reason === 'PAID_IN_FULL' || reason === 'PARTIALLY_PAID' ? '100.00' : '0.00', workersPaid: 1, note: '' }, ...issued },
      'INSPECTION',
      'InspectionCase',
    );

  it('given no ledger, when closed as paid in full, then it is refused at the closure reason, saying what to do', () => {
    const r = refused(() => closeAs('PAID_IN_FULL', { requests: [ledgerAsked] }));
    expect(r).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'PAYROLL_LEDGER_REQUIRED_BEFORE_CLOSE', fields: ['input.reason PAYROLL_LEDGER_REQUIRED_BEFORE_CLOSE'] });
    expect(r.message).toContain('工资台账');
    expect(r.message).toContain('无工资台账结案的理由');
  });

  it('given a payment order and no ledger, when closed for any reason, then it is refused', () => {
    expect(refused(() => closeAs('PARTIALLY_PAID', { paymentOrders: 1 })).reason).toBe('PAYROLL_LEDGER_REQUIRED_BEFORE_CLOSE');
    expect(refused(() => closeAs('UNRESOLVED', { paymentOrders: 2, requests: [{ ...ledgerAsked, outcome: 'NOT_PROVIDED' }] })).reason).toBe('PAYROLL_LEDGER_REQUIRED_BEFORE_CLOSE');
  });

  it('given the ledger received, or a reason recorded, when closed as paid in full after an order, then it closes', () => {
    expect(closeAs('PAID_IN_FULL', { paymentOrders: 1, requests: [{ ...ledgerAsked, outcome: 'RECEIVED', receivedOn: '2026-11-20' }] }).kind).toBe('CASE_CLOSED');
    expect(closeAs('PAID_IN_FULL', { paymentOrders: 1, closeWithoutLedgerReason: '工人书面确认已足额领取' }).kind).toBe('CASE_CLOSED');
  });

  it('given no order, when closed for another reason than paid in full, then the ledger is not asked for', () => {
    expect(closeAs('NO_ARREARS_FOUND', {}).kind).toBe('CASE_CLOSED');
    expect(closeAs('PARTIALLY_PAID', {}).kind).toBe('CASE_CLOSED');
  });
});
