import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REASONS, REASON_CODES, type Reason } from '../../lib/i18n/reasons';
import { FORMAT_NAMES, renderReason } from '../../lib/i18n/render';
import { fieldLabel } from '../../lib/i18n/labels';
import { languageOf } from '../../lib/i18n/language';
import { reasonsMarkdown } from '../../lib/i18n/reasons-doc';
import { DomainError, badInput, invalid, invalidInput, refuse } from '../../lib/errors';
import { decideTransfer } from '../../services/leads/src/modules/transfer/transfer.rules';
import type { Principal } from '../../lib/auth';

const root = join(__dirname, '..', '..');
const sources = (dir: string): string[] =>
  readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return name === 'migrations' ? [] : sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
const code = ['lib', 'services', 'gateway'].flatMap(sources).map((p) => ({ path: p, text: readFileSync(join(root, p), 'utf8') }));
const placeholders = (t: string) => new Set([...t.matchAll(/\{(\w+)(?::(\w+))?\}/g)].map((m) => m[1]));
const formats = (t: string) => [...t.matchAll(/\{\w+:(\w+)\}/g)].map((m) => m[1]);

describe('the reasons catalogue', () => {
  it.each(REASON_CODES)('%s has an English and a Chinese message with the same placeholders', (reason) => {
    const { en, zh, when } = REASONS[reason];
    expect(reason).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
    expect(when.trim()).not.toBe('');
    expect(en.trim()).not.toBe('');
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    // {field} may appear only in Chinese: English field messages follow "field: ".
    const enNames = placeholders(en);
    const zhNames = placeholders(zh);
    enNames.delete('field');
    zhNames.delete('field');
    expect([...zhNames].sort()).toEqual([...enNames].sort());
    for (const f of [...formats(en), ...formats(zh)]) expect(FORMAT_NAMES).toContain(f);
  });

  it('renders every message without a placeholder left over', () => {
    for (const reason of REASON_CODES) {
      const params = Object.fromEntries([...placeholders(REASONS[reason].en)].map((n) => [n, n === 'roles' || n === 'allowed' ? ['A', 'B'] : '1']));
      for (const lang of ['en', 'zh'] as const) expect(renderReason(reason, params, lang, 'input.amount')).not.toMatch(/\{\w+(:\w+)?\}/);
    }
  });

  it('knows every reason code the domain modules, services and gateway can refuse with', () => {
    // Every quoted UPPER_SNAKE string handed to the refusal helpers, and the reason unions they pick from.
    const used = new Set<string>();
    for (const { text } of code) {
      for (const m of text.matchAll(/\b(?:refuse|refusal|invalid|badInput)\(([^;]*)/g)) for (const q of m[1].matchAll(/'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g)) used.add(q[1]);
    }
    const known = new Set<string>(REASON_CODES);
    const notReasons = new Set(['HANDLER', 'SUPERVISOR', 'INTAKE', 'PROCURATORATE', 'COURT', 'UNION', 'INSPECTION', 'PENDING_ACCEPTANCE', 'WITHDRAWN', 'OPEN']);
    const unknown = [...used].filter((c) => !known.has(c) && !notReasons.has(c));
    expect(unknown).toEqual([]);
    expect(used.size).toBeGreaterThan(100);
  });

  it('labels every field a refusal names in Chinese', () => {
    const fields = new Set<string>();
    for (const { text } of code) {
      for (const m of text.matchAll(/\b(?:invalid|badInput)\(\s*(['`])([^'`]+)\1/g)) {
        const path = m[2].replace(/\[\$\{\w+\}\]/g, '[0]');
        if (!path.includes('${')) fields.add(path);
      }
    }
    expect(fields.size).toBeGreaterThan(30);
    const unlabelled = [...fields].filter((f) => f !== 'field' && f !== 'name' && fieldLabel(f, 'zh') === f);
    expect(unlabelled).toEqual([]);
    expect(fieldLabel('complainants[2].idNumber', 'zh')).toBe('第3位投诉人身份证号码');
    expect(fieldLabel('input.employerCreditCode', 'zh')).toBe('统一社会信用代码');
    expect(fieldLabel('input.employerCreditCode', 'en')).toBe('input.employerCreditCode');
  });

  it('is the table in docs/reasons.md (npm run docs:reasons)', () => {
    expect(readFileSync(join(root, 'docs', 'reasons.md'), 'utf8')).toBe(reasonsMarkdown());
  });
});

describe('refusals', () => {
  const handler: Principal = { id: 'h1', name: '张三', agency: 'UNION', region: '140400', roles: ['HANDLER'] };

  it('carry the reason, its params and the contract code, and render in either language', () => {
    const refusal = (() => {
      try {
        decideTransfer({ status: 'REQUESTED', from: 'UNION', to: 'INSPECTION' }, { type: 'accept' }, handler);
      } catch (e) {
        return e as DomainError;
      }
    })()!;
    expect(refusal).toBeInstanceOf(DomainError);
    expect([refusal.code, refusal.reason, refusal.params]).toEqual(['FORBIDDEN', 'TRANSFER_ACCEPT_RECEIVER_ONLY', { agency: 'INSPECTION' }]);
    expect(refusal.messageIn('en')).toBe('Only INSPECTION, the receiving agency, may accept this transfer.');
    expect(refusal.messageIn('zh')).toBe('只有接收单位劳动保障监察可以接收该移送。');
  });

  it('name every field at fault, each with its reason, params and message', () => {
    const e = invalidInput([invalid('input.amount', 'MONEY_NOT_POSITIVE'), invalid('input.note', 'TEXT_TOO_LONG', { max: 2000 })]);
    expect(e.messageIn('en')).toBe('input.amount: must be more than 0.00 (and 1 more invalid field)');
    expect(e.messageIn('zh')).toBe('金额须大于0.00元（另有 1 处填写有误）');
    expect(e.extensionsIn('zh')).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'MONEY_NOT_POSITIVE',
      params: {},
      field: 'input.amount',
      invalidFields: [
        { field: 'input.amount', reason: 'MONEY_NOT_POSITIVE', params: {}, message: '金额须大于0.00元' },
        { field: 'input.note', reason: 'TEXT_TOO_LONG', params: { max: 2000 }, message: '说明不能超过2000个字符' },
      ],
    });
    expect(badInput('regionCode', 'REGION_CODE_FORMAT').message).toBe('regionCode: must be a 6-digit administrative region code (GB/T 2260), e.g. 140400');
    expect(refuse('FUND_OUTSIDE_JURISDICTION', { region: '140100', jurisdiction: '140400' }).message).toBe('The fund of 140100 is outside your jurisdiction (140400).');
  });

  it('show agencies, states and roles in the staff\'s words in Chinese', () => {
    expect(refuse('SENDER_NOT_HANDLING', { agency: 'UNION', state: 'PENDING_ACCEPTANCE' }).messageIn('zh')).toBe(
      '工会在该线索上的案件待接收；只有正在办理该线索的单位（自行受理或已接收移送）可以移送。',
    );
    expect(refuse('ROLE_REQUIRED', { roles: ['HANDLER', 'SUPERVISOR'] }).messageIn('en')).toBe('This needs the HANDLER or SUPERVISOR role.');
    expect(refuse('ROLE_REQUIRED', { roles: ['HANDLER', 'SUPERVISOR'] }).messageIn('zh')).toBe('此操作需要办案或主管角色。');
    expect(refuse('LITIGATION_CASE_CLOSED', { agency: 'PROCURATORATE' }).messageIn('en')).toBe("The procuratorate's case on this lead is closed; reopen it first.");
  });
});

describe('Accept-Language', () => {
  it.each<[string | undefined, 'zh' | 'en']>([
    [undefined, 'en'],
    ['', 'en'],
    ['zh-CN', 'zh'],
    ['zh', 'zh'],
    ['zh-Hans-CN', 'zh'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
    ['en;q=0.5, zh-CN;q=0.9', 'zh'],
    ['zh-CN;q=0.1, en;q=0.2', 'en'],
    ['fr-FR, de', 'en'],
    ['*', 'en'],
    ['zh-CN;q=0', 'en'],
  ])('%p answers in %s', (header, lang) => {
    expect(languageOf(header)).toBe(lang);
  });
});

// The union of reason codes is what every helper accepts: a reason without both texts does not compile.
const typed: Reason = 'CALLBACK_REQUIRED_BEFORE_CLOSE';
void typed;
