// Debian's Chromium driven by playwright-core (no browser download): the console's browser suite
// and its load benchmark. Flags from STACK.md: as root Chromium needs --no-sandbox, and without the
// background-networking flags it keeps opening refused connections on a closed network.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = here.includes(join('dist', 'e2e')) ? join(here, '..', '..', '..') : join(here, '..', '..');
/** Screenshots and other artefacts of a run (git-ignored). */
export const TEST_OUTPUT = join(repoRoot, 'test-output', 'console');
export const CONSOLE_DIR = join(repoRoot, 'dist', 'console');

export const LAPTOP = { width: 1366, height: 768 };
export const TABLET = { width: 800, height: 1280 };

export interface RunningBrowser {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<RunningBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  if (!existsSync(join(CONSOLE_DIR, 'index.html'))) throw new Error('dist/console is missing: run `npm run build` first');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  return {
    browser,
    // playwright-core gives Chromium a fresh temporary profile per launch and removes it on close.
    close: () => browser.close(),
  };
}

/** A fresh browser profile's worth of state: no cookies, no cache, no storage. */
export function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: LAPTOP, locale: 'ar-SY', timezoneId: 'Asia/Damascus', ...options });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(TEST_OUTPUT, { recursive: true });
  const file = join(TEST_OUTPUT, `${name}.png`);
  // From the top: the app bar is fixed, and a page scrolled by an earlier click would show it mid-page.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
