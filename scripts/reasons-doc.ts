/** Writes docs/reasons.md from the reasons catalogue (lib/i18n/reasons.ts). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reasonsMarkdown } from '../lib/i18n/reasons-doc';

const target = join(__dirname, '..', '..', 'docs', 'reasons.md');
writeFileSync(target, reasonsMarkdown());
console.log(`wrote ${target}`);
