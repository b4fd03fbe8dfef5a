// Debian's Chromium driven by playwright-core (no browser download): the console's browser suite
// and its load benchmark. Flags from STACK.md: as root Chromium needs --no-sandbox, and without the
// background-networking flags it keeps opening refused connections on a closed network.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

/** `extraArgs`: more Chromium flags (the load benchmark's certificate key, for one). */
export async function launchChromium(extraArgs: string[] = []): Promise<RunningBrowser> {
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
      ...extraArgs,
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

/**
 * The page's transitions have finished: a screenshot taken while a dialog fades in shows it half
 * drawn, and axe measures a chip's colours mid-transition (MUI's Chip animates its background when
 * its colour changes). Finite animations only (a spinner never ends); a cancelled one counts as done.
 */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(
    'Promise.all(document.getAnimations().filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity).map((a) => a.finished.catch(() => null))).then(() => true)',
  );
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** The axe-core rules the browser suite checks on every page it looks at. */
export const AXE_RULES = ['color-contrast', 'label', 'button-name', 'link-name', 'select-name', 'html-has-lang', 'document-title', 'aria-valid-attr-value', 'duplicate-id-aria'];

/** Contrast, labels and names of controls, measured by axe-core in the page once its transitions are over. */
export async function accessibilityProblems(page: Page, rules: readonly string[] = AXE_RULES): Promise<string[]> {
  await settled(page);
  await page.evaluate(axeSource);
  const violations = await page.evaluate(`axe.run(document, { runOnly: ${JSON.stringify(rules)} })
    .then((result) => result.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`);
  return violations as string[];
}
