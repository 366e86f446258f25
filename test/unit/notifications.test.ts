import { NOTIFICATION_KINDS } from '../../lib/vocabulary/notifications';
import { NOTIFICATION_TEMPLATES, renderNotification } from '../../lib/i18n/notifications';
import { notificationsOf } from '../../services/leads/src/modules/notification/notification.rules';
import type { TimelineEvent } from '../../lib/messages';

const lead = { referenceNo: 'QX-140421-2026-000007', regionCode: '140421' };
const at = '2026-12-02T02:00:00.000Z';
const transfer = { kind: 'REFERRAL', from: 'UNION', to: 'INSPECTION' };
const ev = (kind: string, facts: Record<string, unknown>, agency: TimelineEvent['agency'] = 'UNION', actor = 'union-li'): TimelineEvent => ({ leadId: '6f1c1e2a-0000-4000-8000-000000000001', agency, actor, kind, summary: '', at, facts });

describe('notification texts', () => {
  it.each(['zh', 'en'] as const)('has a %s template for every kind, naming the lead, with every fact it reads filled in', (lang) => {
    expect(Object.keys(NOTIFICATION_TEMPLATES[lang]).sort()).toEqual([...NOTIFICATION_KINDS].sort());
    const facts = { ...transfer, feedbackDueOn: '2026-12-16', dueOn: '2026-12-16', workerCount: 60, agency: 'UNION', origin: 'https://hooks.example.org', consecutiveFailures: 5, workingDaysOverdue: 3 };
    for (const kind of NOTIFICATION_KINDS) {
      const text = renderNotification({ kind, referenceNo: lead.referenceNo, facts }, lang);
      expect(text).toContain(lead.referenceNo);
      expect(text).not.toMatch(/undefined|null|\[object/);
    }
  });
});

describe('who a timeline event tells', () => {
  it('tells the receiving unit of a transfer, at the lead\'s region, with what is due', () => {
    const [d] = notificationsOf(ev('TRANSFER_REQUESTED', { ...transfer, feedbackDueAt: '2026-12-16T15:59:59.999Z', feedbackDueOn: '2026-12-16' }), lead);
    expect(d).toMatchObject({ recipient: { agency: 'INSPECTION', region: '140421' }, kind: 'TRANSFER_REQUESTED', referenceNo: lead.referenceNo, facts: { ...transfer, feedbackDueOn: '2026-12-16' } });
    expect(renderNotification(d, 'zh')).toBe('线索 QX-140421-2026-000007：工会向本单位移送，请及时受理或退回；反馈期限 2026-12-16');
  });

  it.each(['TRANSFER_ACCEPTED', 'TRANSFER_RETURNED', 'FEEDBACK_INTERIM', 'FEEDBACK_FINAL'])('tells the sending unit of %s', (kind) => {
    const drafts = notificationsOf(ev(kind, { ...transfer, status: 'ACCEPTED' }, 'INSPECTION', 'insp-li'), lead);
    expect(drafts.map((d) => d.recipient)).toEqual([{ agency: 'UNION', region: '140421' }]);
  });

  it("tells a mass case to the province's supervisors of the intake agency", () => {
    expect(notificationsOf(ev('MASS_CASE_FLAGGED', { workerCount: 60, province: '140000' }), lead).map((d) => d.recipient)).toEqual([{ agency: 'UNION', region: '140000', role: 'SUPERVISOR' }]);
  });

  it('tells the new handler of a reassignment, unless they made it', () => {
    expect(notificationsOf(ev('HANDLER_REASSIGNED', { from: 'union-li', to: 'union-wang' }, 'UNION', 'union-chief'), lead).map((d) => d.recipient)).toEqual([{ agency: 'UNION', staffId: 'union-wang' }]);
    expect(notificationsOf(ev('HANDLER_REASSIGNED', { from: 'union-li', to: 'union-chief' }, 'UNION', 'union-chief'), lead)).toEqual([]);
  });

  it('tells no one of other events', () => {
    expect(notificationsOf(ev('LEAD_REPORTED', { referenceNo: lead.referenceNo }), lead)).toEqual([]);
    expect(notificationsOf(ev('TRANSFER_CANCELLED', transfer), lead)).toEqual([]);
  });

  it('keys the same event the same way however often it arrives, and different events differently', () => {
    const facts = { ...transfer, feedbackDueOn: '2026-12-16' };
    const key = (e: TimelineEvent) => notificationsOf(e, lead)[0].dedupeKey;
    expect(key(ev('TRANSFER_REQUESTED', facts))).toBe(key(ev('TRANSFER_REQUESTED', facts)));
    expect(key(ev('TRANSFER_REQUESTED', facts))).not.toBe(key({ ...ev('TRANSFER_REQUESTED', facts), at: '2026-12-02T02:00:00.001Z' }));
    expect(key(ev('TRANSFER_REQUESTED', facts))).not.toBe(key(ev('TRANSFER_REQUESTED', { ...facts, to: 'PROCURATORATE', kind: 'SUPPORT_TO_SUE' })));
  });
});
