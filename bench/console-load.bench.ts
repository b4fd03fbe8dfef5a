// The console on a camp's connection: Chromium's network emulation at ~400 kbit/s with 400 ms round
// trips (CDP Network.emulateNetworkConditions), against the gateway and the four services. First
// load of the sign-in page and of a household's page (cold cache), and a repeat load from cache; the
// JavaScript and CSS the browser transferred for each. Baseline: the same bytes' transfer time at
// the emulated rate plus one round trip, the least any page could take on that link.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { GatewayClient } from '@awda/testing';
import { AwdaSystem } from '../e2e/harness.js';
import { CONSOLE_DIR, launchChromium, newContext } from '../e2e/console/browser.js';
import { AR } from '../e2e/console/console-pages.js';
import { startH2Front } from './lib/h2-front.js';
import { machine, ratioOf, writeReport, type BenchFigure } from './lib/report.js';

const KBITS = Number(process.env['BENCH_CONSOLE_KBITS'] ?? 400);
const RTT_MS = Number(process.env['BENCH_CONSOLE_RTT_MS'] ?? 400);
const BYTES_PER_MS = (KBITS * 1000) / 8 / 1000;
const REPEATS = Number(process.env['BENCH_CONSOLE_REPEATS'] ?? 3);
const TARGETS = { firstLoadMs: 5000, repeatLoadMs: 1000, signInBundleBytes: 150 * 1024 };
const PASSWORD = 'olive-tree-by-the-river-9';

interface Load {
  ms: number;
  /** Bytes on the wire per resource type (JS, CSS, document, fetch …), as the browser counted them. */
  bytes: Record<string, number>;
  requests: number;
}

async function throttle(context: BrowserContext, page: Page): Promise<CDPSession> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: RTT_MS,
    downloadThroughput: (KBITS * 1000) / 8,
    uploadThroughput: (KBITS * 1000) / 8,
  });
  return cdp;
}

/** What the readiness check reads of the page (bench/ is compiled without the DOM's types). */
interface PageGlobals {
  __awdaPrevious?: boolean;
  document: { querySelectorAll(css: string): ArrayLike<{ getClientRects(): { length: number }; textContent: string | null }> };
}

/**
 * Waits until an element matching `selector` (whose text contains `text`, if given) is rendered in the
 * new document, asking the page every 10 ms (a function evaluated over the DevTools protocol, which
 * the console's CSP allows, unlike the page-side polling of `waitForFunction`, which evaluates a
 * string). Playwright's own waits poll at growing intervals (up to half a second), which would put up
 * to ~0.5 s of waiting into a sub-second load's figure. Until the navigation has replaced it, the
 * previous document (marked by measure) may still answer, and a repeat load's shows the same page.
 */
async function shownInPage(page: Page, selector: string, text: string | null): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const shown = await page
      .evaluate(([css, wanted]) => {
        const g = globalThis as unknown as PageGlobals;
        if (g.__awdaPrevious === true) return false;
        return Array.from(g.document.querySelectorAll(css)).some((element) => element.getClientRects().length > 0 && (wanted === null || (element.textContent ?? '').includes(wanted)));
      }, [selector, text] as const)
      .catch(() => false); // the document is being replaced
    if (shown) return;
    if (Date.now() > deadline) throw new Error(`${selector} ${text ?? ''} not shown within 120 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Navigates and waits until `ready` is visible (timed), then runs `confirm` (the same by role and
 * name, through Playwright's locators, untimed: they poll at growing intervals and a second poll
 * would add up to half a second to a sub-second load); counts what crossed the (emulated) network.
 */
async function measure(page: Page, cdp: CDPSession, url: string, ready: () => Promise<unknown>, confirm: () => Promise<unknown>): Promise<Load> {
  const types = new Map<string, string>();
  const bytes: Record<string, number> = {};
  let requests = 0;
  const onResponse = (e: { requestId: string; type?: string; response?: { fromServiceWorker?: boolean } }) => {
    types.set(e.requestId, e.type ?? 'Other');
    const entry = sent.get(e.requestId);
    if (entry && e.response?.fromServiceWorker) entry.from = 'sw   ';
  };
  const onFinished = (e: { requestId: string; encodedDataLength: number }) => {
    const type = types.get(e.requestId) ?? 'Other';
    bytes[type] = (bytes[type] ?? 0) + e.encodedDataLength;
    requests++;
  };
  // BENCH_CONSOLE_WATERFALL=1 prints each request's start and end (ms after navigation) and whether it
  // came from the cache or the service worker: where a load's time goes besides its bytes.
  const waterfall = process.env['BENCH_CONSOLE_WATERFALL'] === '1';
  const sent = new Map<string, { url: string; at: number; from: 'net  ' | 'cache' | 'sw   ' }>();
  const onSent = (e: { requestId: string; request: { url: string } }) => sent.set(e.requestId, { url: e.request.url, at: Date.now(), from: 'net  ' });
  const onCached = (e: { requestId: string }) => {
    const entry = sent.get(e.requestId);
    if (entry) entry.from = 'cache';
  };
  const lines: string[] = [];
  const onDone = (e: { requestId: string }) => {
    const entry = sent.get(e.requestId);
    if (entry) lines.push(`${String(entry.at - started).padStart(6)} → ${String(Date.now() - started).padStart(6)} ms ${entry.from} ${new URL(entry.url).pathname}`);
  };
  if (waterfall) {
    cdp.on('Network.requestWillBeSent', onSent);
    cdp.on('Network.requestServedFromCache', onCached);
    cdp.on('Network.loadingFinished', onDone);
  }
  cdp.on('Network.responseReceived', onResponse);
  cdp.on('Network.loadingFinished', onFinished);
  await page.evaluate('window.__awdaPrevious = true');
  const started = Date.now();
  await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
  await ready();
  const ms = Date.now() - started;
  await confirm();
  const confirmedMs = Date.now() - started;
  cdp.off('Network.responseReceived', onResponse);
  cdp.off('Network.loadingFinished', onFinished);
  if (waterfall) {
    cdp.off('Network.requestWillBeSent', onSent);
    cdp.off('Network.requestServedFromCache', onCached);
    cdp.off('Network.loadingFinished', onDone);
    console.log(`-- ${url}: ready at ${ms} ms (the locators' check passed at ${confirmedMs} ms)\n${lines.join('\n')}`);
  }
  return { ms, bytes, requests };
}

const jsCss = (load: Load) => (load.bytes['Script'] ?? 0) + (load.bytes['Stylesheet'] ?? 0);
const total = (load: Load) => Object.values(load.bytes).reduce((a, b) => a + b, 0);
const ideal = (bytes: number) => RTT_MS + bytes / BYTES_PER_MS;

/** gzip -9 of a route's chunks, following static imports from the entry and the route's chunk. */
function routeBundleBytes(chunkPrefixes: string[]): number {
  const dir = join(CONSOLE_DIR, 'assets');
  const files = readdirSync(dir);
  const seen = new Set<string>();
  const visit = (name: string | undefined) => {
    if (!name || seen.has(name)) return;
    seen.add(name);
    if (!name.endsWith('.js')) return;
    const code = readFileSync(join(dir, name), 'utf8');
    for (const m of code.matchAll(/(?:from|import)\s*["']\.\/([^"']+\.(?:js|css))["']/g)) visit(m[1]);
  };
  const entry = readFileSync(join(CONSOLE_DIR, 'index.html'), 'utf8').match(/assets\/(index-[^"]+\.js)/)?.[1];
  visit(entry);
  for (const prefix of chunkPrefixes) {
    const chunk = files.find((f) => f.startsWith(`${prefix}-`) && f.endsWith('.js'));
    visit(chunk);
    for (const css of files.filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.css'))) seen.add(css);
  }
  return [...seen].reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0);
}

const system = await AwdaSystem.start({ gateway: true, extraEnv: { LOG_LEVEL: 'warn' }, gatewayEnv: { SESSION_COOKIE_SECURE: 'false', LOG_LEVEL: 'warn' } });
// The deployment's path too: TLS and HTTP/2 in front of the gateway, as the ingress gives (h2-front.ts).
const front = await startH2Front(system.gatewayUrl);
const chromium = await launchChromium([`--ignore-certificate-errors-spki-list=${front.spki}`]);

interface Loads {
  signInFirst: Load;
  signInRepeat: Load & { runs: number[] };
  householdFirst: Load;
  householdRepeat: Load & { runs: number[] };
}

/**
 * A repeat load, REPEATS times: the median (a repeat load is mostly the machine's CPU rendering the
 * page, and the machine is shared); every time is kept in the load's `runs`.
 */
async function repeated(load: () => Promise<Load>): Promise<Load & { runs: number[] }> {
  const loads: Load[] = [];
  for (let i = 0; i < REPEATS; i++) loads.push(await load());
  const sorted = [...loads].sort((a, b) => a.ms - b.ms);
  return { ...sorted[Math.floor(sorted.length / 2)]!, runs: loads.map((l) => l.ms) };
}

/** The sign-in page, then a household's page opened by a signed-in case worker, each with an empty cache and again. */
async function loadsThrough(baseUrl: string, username: string, householdId: string): Promise<Loads> {
  // Sign-in page: a new browser profile, then the same page again from its cache.
  const signInContext = await newContext(chromium.browser);
  const signInPage = await signInContext.newPage();
  const signInCdp = await throttle(signInContext, signInPage);
  const signInReady = () => shownInPage(signInPage, 'input[type="password"]', null);
  const signInConfirm = () => signInPage.getByLabel(AR.signIn.password).waitFor({ state: 'visible', timeout: 120_000 });
  const signInFirst = await measure(signInPage, signInCdp, `${baseUrl}/signin`, signInReady, signInConfirm);
  const signInRepeat = await repeated(() => measure(signInPage, signInCdp, `${baseUrl}/signin`, signInReady, signInConfirm));
  await signInContext.close();

  // Household page, opened directly by a signed-in case worker with an empty cache, then again.
  const householdContext = await newContext(chromium.browser);
  const login = await householdContext.request.post(`${baseUrl}/auth/login`, {
    data: { username, password: PASSWORD },
    headers: { Origin: baseUrl },
    // Playwright's own HTTP client (the browser accepts the front's key by the launch flag).
    ignoreHTTPSErrors: true,
  });
  if (login.status() !== 200) throw new Error(`sign-in for the household page failed: ${login.status()}`);
  const householdPage = await householdContext.newPage();
  const householdCdp = await throttle(householdContext, householdPage);
  const householdReady = async () => {
    await shownInPage(householdPage, 'section h2, section h3', AR.assessment.title);
    await shownInPage(householdPage, 'td, th', 'سامر يوسف الأحمد');
  };
  const householdConfirm = async () => {
    await householdPage.getByRole('region', { name: AR.assessment.title }).waitFor({ state: 'visible', timeout: 120_000 });
    await householdPage.getByRole('cell', { name: 'سامر يوسف الأحمد', exact: true }).waitFor({ state: 'visible', timeout: 120_000 });
  };
  const householdUrl = `${baseUrl}/households/${householdId}`;
  // BENCH_CONSOLE_TRACE=<dir> records a Chromium performance trace of this load (one file per front),
  // to see what the main thread does once the bytes are in (chrome://tracing or DevTools opens it).
  const traceDir = process.env['BENCH_CONSOLE_TRACE'];
  if (traceDir) await chromium.browser.startTracing(householdPage, { path: join(traceDir, `household-first-${new URL(baseUrl).protocol.replace(':', '')}.json`), screenshots: false });
  const householdFirst = await measure(householdPage, householdCdp, householdUrl, householdReady, householdConfirm);
  if (traceDir) await chromium.browser.stopTracing();
  // The repeat load of a page that was open a moment ago: its shell service worker has installed.
  await householdPage.waitForFunction('navigator.serviceWorker.controller !== null', undefined, { timeout: 60_000 }).catch(() => undefined);
  const householdRepeat = await repeated(() => measure(householdPage, householdCdp, householdUrl, householdReady, householdConfirm));
  await householdContext.close();
  return { signInFirst, signInRepeat, householdFirst, householdRepeat };
}

try {
  const user = await system.createUser({ roles: ['caseworker'], camps: ['mahmoudli'], password: PASSWORD });
  const api = await GatewayClient.signedIn(system.gatewayUrl, user.username, PASSWORD);
  const created = await api.post<{ id: string }>('/api/registration/households', {
    campId: 'mahmoudli',
    caseNumber: `BENCH-${Date.now() % 100000}`,
    destinationArea: 'SY0206',
    language: 'ar',
    members: [
      { fullNameAr: 'سامر يوسف الأحمد', sex: 'male', relationship: 'head', estimatedAge: 41, documents: [{ type: 'family_booklet', number: '0301-2222-11' }] },
      { fullNameAr: 'هالة محمد الأحمد', sex: 'female', relationship: 'spouse', estimatedAge: 36 },
    ],
  }, { headers: { 'Idempotency-Key': `bench-${Date.now()}` } });
  if (created.status !== 201) throw new Error(`could not create the household: ${created.status}`);

  const { signInFirst, signInRepeat, householdFirst, householdRepeat } = await loadsThrough(system.gatewayUrl, user.username, created.body.id);
  const h2 = await loadsThrough(front.url, user.username, created.body.id);

  const staticSignIn = routeBundleBytes(['SignInPage', 'SignInForm']);
  const staticHousehold = routeBundleBytes(['Layout', 'HouseholdPage']);
  const figure = (metric: string, load: Load, target: number, note: string): BenchFigure => ({
    metric,
    value: load.ms,
    unit: 'ms',
    baseline: `its ${total(load).toLocaleString('en-US')} bytes at ${KBITS} kbit/s + 1 RTT (ms)`,
    baselineValue: Math.round(ideal(total(load))),
    ratio: ratioOf(load.ms, ideal(total(load)), true),
    note: `${note}; target < ${target} ms; ${load.requests} requests, JS+CSS ${jsCss(load).toLocaleString('en-US')} B on the wire${'runs' in load ? `; median of ${(load.runs as number[]).join(', ')} ms` : ''}`,
  });
  const figures: BenchFigure[] = [
    figure('sign-in page, first load (empty cache)', signInFirst, TARGETS.firstLoadMs, 'until the password field shows'),
    figure('sign-in page, repeat load (from cache)', signInRepeat, TARGETS.repeatLoadMs, 'hashed assets immutable, index.html revalidated'),
    figure('household page, first load (empty cache, signed in)', householdFirst, TARGETS.firstLoadMs, 'until the eligibility card and the members show'),
    figure('household page, repeat load (from cache)', householdRepeat, TARGETS.repeatLoadMs, 'assets from cache; the API calls still cross the link'),
    figure('sign-in page, first load, TLS + HTTP/2 front (as behind the ingress)', h2.signInFirst, TARGETS.firstLoadMs, 'until the password field shows'),
    figure('sign-in page, repeat load, TLS + HTTP/2 front', h2.signInRepeat, TARGETS.repeatLoadMs, 'hashed assets immutable, index.html revalidated'),
    figure('household page, first load, TLS + HTTP/2 front (as behind the ingress)', h2.householdFirst, TARGETS.firstLoadMs, 'until the eligibility card and the members show'),
    figure('household page, repeat load, TLS + HTTP/2 front', h2.householdRepeat, TARGETS.repeatLoadMs, 'assets from cache; the API calls still cross the link'),
    {
      metric: 'sign-in route initial JS+CSS, gzip -9',
      value: staticSignIn,
      unit: 'bytes',
      baseline: 'target 150 KB',
      baselineValue: TARGETS.signInBundleBytes,
      ratio: ratioOf(staticSignIn, TARGETS.signInBundleBytes, true),
      note: `the browser received ${jsCss(signInFirst).toLocaleString('en-US')} B of JS+CSS (the gateway's compression)`,
    },
    {
      metric: 'household route initial JS+CSS, gzip -9',
      value: staticHousehold,
      unit: 'bytes',
      baseline: 'sign-in route (same build)',
      baselineValue: staticSignIn,
      ratio: ratioOf(staticHousehold, staticSignIn, true),
      note: `the browser received ${jsCss(householdFirst).toLocaleString('en-US')} B of JS+CSS`,
    },
  ];
  writeReport({
    name: 'console-load',
    startedAt: new Date().toISOString(),
    machine: machine(),
    figures,
    extra: { kbits: KBITS, rttMs: RTT_MS, loads: { signInFirst, signInRepeat, householdFirst, householdRepeat }, loadsHttp2: h2 },
  });
} finally {
  await chromium.close();
  await front.close();
  await system.stop();
}
