import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startHub, type HubOptions, type TestHub } from './hub';

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
export function launchChromium(): Promise<Browser> {
  requireChromium();
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, env: CHROMIUM_ENV });
}

export const ARTIFACTS = path.join(root, 'test-artifacts', 'console');

/** Names of file formats and standards, the same in Chinese text (“XLSX 或 CSV（UTF-8…）”): not English prose. */
export const FORMAT_NAMES = ['XLSX', 'CSV', 'UTF', 'PDF', 'JPEG', 'PNG', 'HEIC', 'Office', 'Word', 'Excel', 'PowerPoint'];

/**
 * English a person would read on the screen: words of three or more Latin letters in the main
 * area, leaving out what is not language (reference numbers, credit and ID numbers, region codes,
 * staff numbers where the console marks them as such, "编号 …", chosen files' names, web addresses,
 * webhook secrets and names of file formats). Read
 * are the page's text, the controls' placeholders and titles, and the browser's own text inside
 * controls (a date field's "mm/dd/yyyy", "AM"), which is in user-agent shadow roots that only
 * the DevTools protocol shows.
 */
export async function englishOn(page: Page): Promise<string[]> {
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
    // A web address a supervisor typed, and a webhook's signing secret: data, not language.
    .replace(/https?:\/\/[^\s，。）)]+/g, ' ')
    .replace(/\bwhsec_[A-Za-z0-9_-]+/g, ' ')
    .replace(/\b[0-9A-Z]{18}\b/g, ' ')
    .match(/[A-Za-z]{3,}|\b(?:mm|dd|AM|PM)\b/g);
  return [...new Set(words ?? [])].filter((w) => !FORMAT_NAMES.includes(w));
}

/** The text Chromium itself draws inside the main area's controls (user-agent shadow roots). */
async function browsersOwnText(page: Page): Promise<string[]> {
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

/* The console browser tests' shared harness: the hub with the console, Chromium, and the few
 * helpers every screen's test uses. */

export interface ConsoleHub {
  hub: TestHub;
  browser: Browser;
  /** Closes the browser, stops the hub and removes the console build. */
  stop: () => Promise<void>;
}

/** Builds the console, launches Chromium and starts the hub serving the build (each file its own). */
export async function startConsoleHub(o: Omit<HubOptions, 'consoleDir'> = {}): Promise<ConsoleHub> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const [consoleDir, browser] = await Promise.all([buildConsole(), launchChromium()]);
  let hub: TestHub | undefined;
  const stop = async () => {
    await browser.close();
    await hub?.stop();
    fs.rmSync(consoleDir, { recursive: true, force: true });
  };
  try {
    hub = await startHub({ ...o, consoleDir });
  } catch (e) {
    await stop();
    throw e;
  }
  return { hub, browser, stop };
}

export interface ConsoleView {
  width: number;
  height: number;
  mobile?: boolean;
}
export const DESKTOP: ConsoleView = { width: 1366, height: 768 };
export const PHONE: ConsoleView = { width: 390, height: 844, mobile: true };

/**
 * A fresh browser context at this size, in Chinese and Beijing time, opened on the console (at
 * `route`, e.g. "#/leads/<id>"), signed in with `token` when given. Page errors and console errors
 * go to `problems` (a refused request is the API answering; a CSP violation or a script error is a bug).
 */
export async function openConsole(
  browser: Browser,
  gatewayUrl: string,
  o: ConsoleView & { token?: string; route?: string; acceptDownloads?: boolean; timeout?: number; problems?: string[] },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: o.width, height: o.height },
    ...(o.mobile != null ? { isMobile: o.mobile, hasTouch: o.mobile } : {}),
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(o.acceptDownloads ? { acceptDownloads: true } : {}),
  });
  if (o.token) await context.addInitScript(`sessionStorage.setItem('hub-console-token', ${JSON.stringify(o.token)})`);
  const page = await context.newPage();
  page.setDefaultTimeout(o.timeout ?? 10_000);
  const problems = o.problems;
  if (problems) {
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
    });
  }
  await page.goto(`${gatewayUrl}/console${o.route ?? ''}`);
  return { context, page };
}

/** Waits for the screen's title (h1). */
export const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();
/** Waits for a status message containing `text`. */
export const status = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text }).waitFor();
export const focusedId = (page: Page) => page.evaluate<string | undefined>('document.activeElement?.id');
/** Ids of the main area's controls that have no label. */
export const unlabelled = (page: Page) =>
  page.evaluate<string[]>("[...document.querySelectorAll('main input, main select, main textarea')].filter((e) => !e.labels?.length).map((e) => e.id)");

/** Signs in as one of the development identities the sign-in screen offers, and waits for 待办. */
export async function signInAs(page: Page, identity: string) {
  await page.getByRole('button', { name: `以“${identity}”登录` }).click();
  await heading(page, '待办');
}
export async function signOut(page: Page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await heading(page, /登录/);
}
