import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

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
/** Chromium's Chinese resources (Debian's chromium-l10n): without them its own parts of a page, date fields' "mm/dd/yyyy", stay English. */
export const CHROMIUM_ZH_PAK = '/usr/lib/chromium/locales/zh-CN.pak';

/** Fails (never skips) with the fix when Debian's Chromium or its Chinese resources are missing. */
export function requireChromium(executable = CHROMIUM, zhPak = CHROMIUM_ZH_PAK): void {
  const missing = [executable, zhPak].filter((f) => !fs.existsSync(f));
  if (missing.length) {
    throw new Error(
      `The browser tests need Debian's Chromium and its Chinese resources; missing: ${missing.join(', ')}. Install them with:\n` +
        '  apt-get update && apt-get install -y chromium chromium-l10n fonts-noto-cjk\n' +
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

/**
 * On Linux, Chromium takes the language of its own parts of a page (the order and placeholders of
 * date fields, "Choose File") from LANGUAGE, not from --lang or the context's locale. LANG stays
 * as it is: a zh_CN locale the system lacks would cost downloads their Chinese file names.
 */
export const CHROMIUM_ENV: Record<string, string> = { ...(process.env as Record<string, string>), LANGUAGE: 'zh_CN' };

/** Debian's headless Chromium as staff's browsers are: in Chinese. */
export function launchChromium(): Promise<import('playwright-core').Browser> {
  requireChromium();
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, env: CHROMIUM_ENV });
}

export const ARTIFACTS = path.join(root, 'test-artifacts', 'console');

/** Names of file formats and standards, the same in Chinese text (“XLSX 或 CSV（UTF-8…）”): not English prose. */
export const FORMAT_NAMES = ['XLSX', 'CSV', 'UTF', 'PDF', 'JPEG', 'PNG', 'HEIC', 'Office', 'Word', 'Excel', 'PowerPoint'];

/**
 * English a person would read on the screen: words of three or more Latin letters in the main
 * area, leaving out what is not language (reference numbers, credit and ID numbers, region codes,
 * staff numbers where the console marks them as such, "编号 …", chosen files' names and names of
 * file formats). Read
 * are the page's text, the controls' placeholders and titles, and the browser's own text inside
 * controls (a date field's "mm/dd/yyyy", "AM"), which is in user-agent shadow roots that only
 * the DevTools protocol shows.
 */
export async function englishOn(page: import('playwright-core').Page): Promise<string[]> {
  const text = await page.locator('main').innerText();
  const attributes = await page.evaluate<string[]>(
    "[...document.querySelectorAll('main [placeholder], main [title]')].flatMap((e) => [e.getAttribute('placeholder') ?? '', e.getAttribute('title') ?? ''])",
  );
  const words = [text, ...attributes, ...(await browsersOwnText(page))]
    .join('\n')
    .replace(/QX-\d{6}-\d{4}-\d{6}/g, ' ')
    // A chosen file's name (the browser shows it in the file control) is the staff member's, not the console's.
    .replace(/[^\s/\\]+\.(?:csv|xlsx?|pdf|jpe?g|png|heic|docx?|pptx?)\b/gi, ' ')
    .replace(/编号 \S+?(?=[）)\s]|$)/g, ' ')
    .replace(/\b[0-9A-Z]{18}\b/g, ' ')
    .match(/[A-Za-z]{3,}|\b(?:mm|dd|AM|PM)\b/g);
  return [...new Set(words ?? [])].filter((w) => !FORMAT_NAMES.includes(w));
}

/** The text Chromium itself draws inside the main area's controls (user-agent shadow roots). */
async function browsersOwnText(page: import('playwright-core').Page): Promise<string[]> {
  interface Node { nodeType: number; nodeName: string; nodeValue: string; shadowRootType?: string; children?: Node[]; shadowRoots?: Node[] }
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as unknown as { root: Node };
    const out: string[] = [];
    const walk = (n: Node, inMain: boolean, inAgent: boolean) => {
      const main = inMain || n.nodeName === 'MAIN';
      const agent = inAgent || n.shadowRootType === 'user-agent';
      if (n.nodeName === 'STYLE' || n.nodeName === 'SCRIPT') return;
      if (main && agent && n.nodeType === 3) out.push(n.nodeValue);
      for (const k of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) walk(k, main, agent);
    };
    walk(root, false, false);
    return out;
  } finally {
    await cdp.detach();
  }
}
