/** docs/reasons.md, generated from the catalogue so the table cannot drift from the code. */
import { REASONS, REASON_CODES } from './reasons';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\n/g, ' ');
const placeholders = (t: string) => [...new Set([...t.matchAll(/\{(\w+)(?::\w+)?\}/g)].map((m) => m[1]).filter((n) => n !== 'field'))];

export function reasonsMarkdown(): string {
  const rows = REASON_CODES.map((code) => {
    const e = REASONS[code];
    const params = placeholders(`${e.en} ${e.zh}`);
    return `| \`${code}\` | ${e.code} | ${cell(e.when)} | ${params.map((p) => `\`${p}\``).join(', ')} | ${cell(e.en)} | ${cell(e.zh)} |`;
  });
  return [
    '# Refusal reasons (拒绝原因)',
    '',
    '<!-- Generated from lib/i18n/reasons.ts by `npm run docs:reasons`; a test fails while it is stale. -->',
    '',
    'Every refusal the API gives carries `extensions.code` (the contract code), `extensions.reason` (one of',
    'the codes below, stable: match on it, not on the text) and `extensions.params` (the values its message',
    'shows: amounts as yuan strings, dates, limits, agencies). A BAD_USER_INPUT refusal also names',
    '`extensions.field` and lists every field at fault in `extensions.invalidFields`, each with its own',
    '`field`, `message`, `reason` and `params`; the top-level reason is the first field\'s. Report downloads',
    '(`GET /reports/…`) answer the same fields under `error`.',
    '',
    'Messages are in Chinese (zh-CN) when the request\'s `Accept-Language` prefers Chinese (q-values',
    'honoured: `zh-CN`, `zh`, `zh-Hans`…), in English otherwise. `{field}` is the field at fault: its',
    'Chinese label in zh (lib/i18n/labels.ts); an English field message follows `field: `. `{x:agency}`,',
    '`{x:state}` and the like show codes in English and the staff\'s words in Chinese.',
    '',
    '| reason | code | when | params | en | zh |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
