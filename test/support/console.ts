import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const root = path.resolve(__dirname, '..', '..');

/** Builds the staff console (Vite) into a fresh temp folder, so parallel test files never share one. */
export async function buildConsole(): Promise<string> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-console-'));
  await promisify(execFile)(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'console/vite.config.mts', '--outDir', outDir, '--emptyOutDir'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return outDir;
}

export const CHROMIUM = '/usr/bin/chromium';

/** Fails (never skips) with the fix when Debian's Chromium is missing. */
export function requireChromium(executable = CHROMIUM): void {
  if (!fs.existsSync(executable)) {
    throw new Error(
      `The browser tests need Debian's Chromium at ${executable}, which is missing. Install it with:\n` +
        '  command -v chromium || (apt-get update && apt-get install -y chromium)\n' +
        '(.ci/run does this before npm test.)',
    );
  }
}

/** Headless Chromium flags for a closed network: no background connections, no sandbox (root in CI). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  // Staff's browsers speak Chinese: the browser's own parts of a page (date pickers' placeholders) too.
  '--lang=zh-CN',
];

export const ARTIFACTS = path.join(root, 'test-artifacts', 'console');

/**
 * English a person would read on the screen: words of three or more Latin letters in the main
 * area, leaving out what is not language (reference numbers, credit and ID numbers, region codes,
 * and staff numbers where the console marks them as such, "编号 …").
 */
export async function englishOn(page: import('playwright-core').Page): Promise<string[]> {
  const text = await page.locator('main').innerText();
  const words = text
    .replace(/QX-\d{6}-\d{4}-\d{6}/g, ' ')
    .replace(/编号 \S+?(?=[）)\s]|$)/g, ' ')
    .replace(/\b[0-9A-Z]{18}\b/g, ' ')
    .match(/[A-Za-z]{3,}/g);
  return [...new Set(words ?? [])];
}
