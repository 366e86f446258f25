import { EVENT_KINDS } from '../../lib/vocabulary/events';
import { TIMELINE_TEMPLATES, renderTimeline } from '../../lib/i18n/timeline';
import { languageOf } from '../../lib/i18n/language';

const actor = { id: 'union-li', name: '李明', agency: 'UNION', region: '140400' };

describe('timeline summaries', () => {
  it.each(['en', 'zh'] as const)('has a %s template for every event kind', (lang) => {
    expect(Object.keys(TIMELINE_TEMPLATES[lang]).sort()).toEqual([...EVENT_KINDS].sort());
  });

  it('names the staff member and unit, in the reader\'s language, from the facts', () => {
    const entry = {
      kind: 'TRANSFER_REQUESTED' as const,
      facts: { kind: 'REFERRAL', from: 'UNION', to: 'INSPECTION', feedbackDueAt: '2026-12-07T15:59:59.000Z', feedbackDueOn: '2026-12-07' },
      text: { reason: '请依法查处' },
      agency: 'UNION',
      actor,
    };
    const zh = renderTimeline(entry, 'zh');
    expect(zh).toContain('工会（140400）李明');
    expect(zh).toContain('劳动保障监察');
    expect(zh).toContain('2026-12-07');
    expect(zh).not.toContain('union-li');
    const en = renderTimeline(entry, 'en');
    expect(en).toContain('李明 of the union (140400)');
    expect(en).toContain('labour inspection');
  });

  it('renders amounts in yuan from fen', () => {
    const entry = { kind: 'WAGE_ADVANCE_GRANTED' as const, facts: { fund: '140400', amountFen: '300000', workerCount: 2, recoveryAgreementNo: 'ZC-1' }, text: {}, agency: 'UNION', actor };
    expect(renderTimeline(entry, 'zh')).toContain('3000.00 元');
    expect(renderTimeline(entry, 'en')).toContain('3000.00 yuan');
  });

  it.each([
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
    ['fr-FR, zh;q=0.5', 'zh'],
    ['zh-TW', 'zh'],
    ['', 'en'],
    [undefined, 'en'],
    ['en;q=0.3, zh;q=0.7', 'zh'],
  ])('reads Accept-Language %p as %s', (header, lang) => {
    expect(languageOf(header)).toBe(lang);
  });
});
