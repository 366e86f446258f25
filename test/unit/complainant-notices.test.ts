/** Notices owed to complainants: which acts owe one, their texts, and the notifier's reports (given/when/then, no database). */
import { decideComplainantNotice, failureReason, noticeOwed } from '../../services/leads/src/modules/complainant-notice/complainant-notice.rules';
import { COMPLAINANT_NOTICE_KINDS, noticeUnit, renderComplainantNotice } from '../../lib/i18n/complainant-notices';
import { DomainError } from '../../lib/errors';
import type { Principal } from '../../lib/auth';
import type { NoticeState } from '../../services/leads/src/modules/complainant-notice/complainant-notice.commands';

const notifier: Principal = { id: 'sms', name: '短信告知服务', agency: 'UNION', region: '140400', roles: ['NOTIFIER'] };
const handler: Principal = { ...notifier, id: 'h', roles: ['HANDLER', 'SUPERVISOR'] };
const at = '2026-12-01T02:00:00.000Z';
const base = { leadId: 'l1', agency: 'UNION' as const, at };
const reasonOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as DomainError).reason;
  }
  return undefined;
};

describe('which acts owe a notice', () => {
  it('the intake agency accepting, a transfer sent or accepted, a case closed; nothing else', () => {
    expect(noticeOwed({ ...base, kind: 'CASE_OPENED', facts: { transferState: 'ORIGINATED', handler: 'h' } })?.kind).toBe('LEAD_ACCEPTED');
    expect(noticeOwed({ ...base, kind: 'CASE_OPENED', facts: { transferState: 'PENDING_ACCEPTANCE', handler: 'h' } })).toBeNull();
    expect(noticeOwed({ ...base, kind: 'TRANSFER_REQUESTED', facts: { kind: 'REFERRAL', from: 'UNION', to: 'INSPECTION' } })).toMatchObject({ kind: 'TRANSFER_SENT', to: 'INSPECTION', transferKind: 'REFERRAL' });
    expect(noticeOwed({ ...base, kind: 'TRANSFER_ACCEPTED', facts: { kind: 'REFERRAL', from: 'UNION', to: 'INSPECTION' } })?.kind).toBe('TRANSFER_ACCEPTED');
    expect(noticeOwed({ ...base, kind: 'CASE_CLOSED', facts: { reason: 'PAID_IN_FULL' } })).toMatchObject({ kind: 'CASE_CLOSED', closureReason: 'PAID_IN_FULL' });
    for (const kind of ['LEAD_REPORTED', 'FEEDBACK_FINAL', 'MEDIATION_RECORDED', 'TRANSFER_RETURNED']) expect(noticeOwed({ ...base, kind, facts: {} })).toBeNull();
  });

  it('keys each notice by its event: the same event twice has one key, two events two', () => {
    const e = { ...base, kind: 'TRANSFER_REQUESTED', facts: { kind: 'REFERRAL', to: 'INSPECTION' } };
    expect(noticeOwed(e)!.eventKey).toBe(noticeOwed({ ...e })!.eventKey);
    expect(noticeOwed({ ...e, facts: { kind: 'REFERRAL', to: 'COURT' } })!.eventKey).not.toBe(noticeOwed(e)!.eventKey);
    expect(noticeOwed({ ...e, at: '2026-12-01T02:00:00.001Z' })!.eventKey).not.toBe(noticeOwed(e)!.eventKey);
  });
});

describe('the texts', () => {
  it('greet the complainant, or nobody, and name the unit and the reference number, in Chinese', () => {
    const unit = noticeUnit('UNION', '长治市');
    expect(unit).toBe('长治市工会');
    expect(noticeUnit('COURT', undefined)).toBe('法院');
    for (const kind of COMPLAINANT_NOTICE_KINDS) {
      const text = renderComplainantNotice(kind, { name: '王某', referenceNo: 'QX-140400-2026-000001', unit, to: 'INSPECTION', transferKind: 'REFERRAL', closureReason: 'PAID_IN_FULL' });
      expect(text.startsWith('王某您好：')).toBe(true);
      expect(text).toContain('QX-140400-2026-000001');
      expect(text).toContain('长治市工会');
      expect(text).not.toMatch(/[A-Za-z]{3,}/);
      expect(renderComplainantNotice(kind, { name: '', referenceNo: 'QX-140400-2026-000001', unit }).startsWith('您好：')).toBe(true);
    }
  });
});

describe("the notifier's reports", () => {
  const pending: NoticeState = { id: '7', leadId: 'l1', kind: 'LEAD_ACCEPTED', complainantOrdinal: 0, status: 'PENDING', channel: null, sentAt: null, failedReason: null, attempts: 0, createdAt: new Date(at) };
  const now = new Date('2026-12-01T03:00:00.000Z');
  const sent = (n: NoticeState, channel: 'SMS' | 'LETTER' = 'SMS', sentAt = now) => decideComplainantNotice(n, { type: 'markSent', noticeId: n.id, channel, sentAt, by: notifier, at: now }, now);
  const failed = (n: NoticeState, reason: string) => decideComplainantNotice(n, { type: 'markFailed', noticeId: n.id, reason, by: notifier, at: now }, now);

  it('sent once; the same report again changes nothing; another channel after it is refused', () => {
    expect(sent(pending).map((e) => [e.kind, e.facts])).toEqual([['COMPLAINANT_NOTICE_SENT', { noticeId: '7', noticeKind: 'LEAD_ACCEPTED', complainantOrdinal: 0, channel: 'SMS', sentAt: now.toISOString() }]]);
    const done = { ...pending, status: 'SENT', channel: 'SMS', sentAt: now };
    expect(sent(done)).toEqual([]);
    expect(reasonOf(() => sent(done, 'LETTER'))).toBe('COMPLAINANT_NOTICE_ALREADY_SENT');
    expect(reasonOf(() => failed(done, '空号'))).toBe('COMPLAINANT_NOTICE_ALREADY_SENT');
  });

  it('failed counts attempts, the same failure twice is one, and a failed notice may still be sent', () => {
    expect(failed(pending, '空号')[0].facts).toMatchObject({ attempts: 1 });
    const once = { ...pending, status: 'FAILED', failedReason: '空号', attempts: 1 };
    expect(failed(once, '空号')).toEqual([]);
    expect(failed(once, '网关超时')[0].facts).toMatchObject({ attempts: 2 });
    expect(sent(once, 'LETTER')[0].kind).toBe('COMPLAINANT_NOTICE_SENT');
  });

  it('refuses a sending time in the future or before the notice was owed, and anyone but the notifier', () => {
    expect(reasonOf(() => sent(pending, 'SMS', new Date(now.getTime() + 3_600_000)))).toBe('IN_FUTURE');
    expect(reasonOf(() => sent(pending, 'SMS', new Date(Date.parse(at) - 3_600_000)))).toBe('SENT_BEFORE_NOTICE_OWED');
    expect(reasonOf(() => decideComplainantNotice(pending, { type: 'markSent', noticeId: '7', channel: 'SMS', sentAt: now, by: handler, at: now }, now))).toBe('COMPLAINANT_NOTICES_NOTIFIER_ONLY');
    expect(reasonOf(() => failureReason(' \n '))).toBe('FIELD_REQUIRED');
    expect(reasonOf(() => failureReason('x'.repeat(2001)))).toBe('TEXT_TOO_LONG');
    expect(failureReason('  号码\n已停机 ')).toBe('号码 已停机');
  });
});
