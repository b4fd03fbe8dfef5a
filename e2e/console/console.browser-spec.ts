// The console in a real browser (Debian's Chromium) against the gateway and the four services:
// what a case worker, a supervisor and an administrator see and do, in Arabic (right to left) and
// English (left to right). Screenshots of the main pages go to test-output/console/.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { GatewayClient } from '@awda/testing';
import { AwdaSystem } from '../harness.js';
import { LAPTOP, TABLET, accessibilityProblems, launchChromium, newContext, screenshot, type RunningBrowser } from './browser.js';
import { AR, fillRegistration, recordConsent, registerButton, signIn, visible } from './console-pages.js';

const PASSWORD = 'olive-tree-by-the-river-1';


async function boxOf(page: Page, role: 'navigation' | 'main', name?: string) {
  const box = await (name ? page.getByRole(role, { name }) : page.getByRole(role)).first().boundingBox();
  if (!box) throw new Error(`${role} is not on screen`);
  return box;
}

describe('the console in Chromium', () => {
  let system: AwdaSystem;
  let chromium: RunningBrowser;
  let browser: Browser;
  let caseworker: { username: string; password: string };
  let householdId = '';
  const caseNumber = `MHM-${Date.now() % 100000}`;

  beforeAll(async () => {
    system = await AwdaSystem.start({ gateway: true, gatewayEnv: { SESSION_COOKIE_SECURE: 'false' } });
    chromium = await launchChromium();
    browser = chromium.browser;
    caseworker = await system.createUser({ roles: ['caseworker'], camps: ['mahmoudli'], password: PASSWORD, displayName: 'سلمى' });
  }, 400_000);

  afterAll(async () => {
    await chromium?.close();
    await system?.stop();
  });

  it('should open in Arabic, right to left, with a sign-in page that passes the contrast check', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${system.gatewayUrl}/`);
    await visible(page.getByRole('heading', { name: AR.signIn.title }));
    expect(await page.evaluate('[document.documentElement.dir, document.documentElement.lang]')).toEqual(['rtl', 'ar']);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'signin-ar');
    await context.close();
  });

  it('should let a case worker register a family in Arabic, record both adults\' consent and see it eligible with its timeline', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, system.gatewayUrl, caseworker.username, caseworker.password);
    await visible(page.getByRole('heading', { name: AR.search.title }));
    // Mirrored: the navigation is on the right of the page in Arabic.
    const nav = await boxOf(page, 'navigation', AR.nav.label);
    const main = await boxOf(page, 'main');
    expect(nav.x).toBeGreaterThan(main.x);
    // A case worker has no administration menu.
    expect(await page.getByRole('link', { name: AR.nav.users }).count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'search-ar');

    await page.getByRole('navigation', { name: AR.nav.label }).getByRole('link', { name: AR.nav.register }).click();
    await visible(page.getByRole('heading', { name: AR.register.title }));
    await fillRegistration(page, {
      caseNumber,
      area: 'الطبقة', // on the Raqqa / Tabqa corridor: a destination no convoy route serves is never eligible
      phone: '0944 123 456',
      members: [
        { nameAr: 'خالد عمر الحسن', nameLatin: 'Khaled Omar al-Hasan', sex: 'male', relationship: 'head', age: 44, document: '0201-7731-55' },
        { nameAr: 'فاطمة علي الحسن', sex: 'female', relationship: 'spouse', age: 39 },
        { nameAr: 'سارة خالد الحسن', sex: 'female', relationship: 'daughter', age: 9 },
      ],
    });
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'register-ar');
    await registerButton(page).click();
    await page.waitForURL(/\/households\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    householdId = page.url().split('/').pop() ?? '';
    await visible(page.getByText(AR.register.done));

    await recordConsent(page, 'خالد عمر الحسن');
    await recordConsent(page, 'فاطمة علي الحسن');
    const eligibility = page.getByRole('region', { name: AR.assessment.title });
    await visible(eligibility.getByText(AR.status.assessment.eligible, { exact: true }), 60_000);
    const timeline = page.getByRole('region', { name: AR.timeline.title });
    await visible(timeline.getByText(AR.timeline.kinds.registered, { exact: true }));
    await visible(timeline.getByText(AR.timeline.kinds.assessed, { exact: true }));
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'household-ar');

    // Nothing personal in the address bar or the browser's storage.
    expect(page.url()).not.toMatch(/[\u0600-\u06FF]|0944|Khaled/);
    expect(await page.evaluate('indexedDB.databases().then((dbs) => [localStorage.length, sessionStorage.length, dbs.length])')).toEqual([0, 0, 0]);

    // Crossing the width (a tablet turned, a window resized) changes the navigation only: a dialog
    // open on the page stays open with what was typed in it.
    await page.getByRole('button', { name: AR.edit.open }).click();
    const editing = await visible(page.getByRole('dialog', { name: AR.edit.title }));
    await editing.getByLabel(AR.household.shelter).fill('القطاع ٣، خيمة ١٢');
    // Narrow, then wide again (the menu button comes and goes behind the dialog, which hides the rest
    // of the page from the accessibility tree while it is open).
    const menuButton = page.locator(`header button[aria-label="${AR.nav.open}"]`);
    await page.setViewportSize(TABLET);
    await menuButton.waitFor({ state: 'attached', timeout: 10_000 });
    await page.setViewportSize(LAPTOP);
    await menuButton.waitFor({ state: 'detached', timeout: 10_000 });
    expect(await editing.getByLabel(AR.household.shelter).inputValue()).toBe('القطاع ٣، خيمة ١٢');
    await editing.getByRole('button', { name: AR.common.cancel }).click();
    await editing.waitFor({ state: 'hidden', timeout: 10_000 });
    await page.setViewportSize(TABLET);
    await visible(page.getByRole('button', { name: AR.nav.open }));
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await screenshot(page, 'household-ar-tablet');
    // The narrow screen's menu (its own chunk, fetched when first wanted) opens with the navigation and closes again.
    await page.getByRole('button', { name: AR.nav.open }).click();
    const menu = page.getByRole('dialog').getByRole('navigation', { name: AR.nav.label });
    await visible(menu.getByRole('link', { name: AR.nav.register }));
    await screenshot(page, 'household-ar-tablet-menu');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden', timeout: 10_000 });
    await context.close();
  }, 240_000);

  it('should open the household page again from the service worker\'s shell, its reads started by the shell and made once', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, system.gatewayUrl, caseworker.username, caseworker.password);
    const householdUrl = `${system.gatewayUrl}/households/${householdId}`;
    await page.goto(householdUrl);
    const members = page.getByRole('region', { name: new RegExp(AR.members.title.replace(/\s*\(\{\{n\}\}\)/, '')) });
    await visible(members.getByRole('row').filter({ hasText: 'خالد عمر الحسن' }));
    const controlled = async () => ((await page.evaluate('navigator.serviceWorker.controller !== null')) ? true : undefined);
    for (let i = 0; i < 200 && !(await controlled()); i++) await page.waitForTimeout(300);
    expect(await controlled()).toBe(true);

    const reads: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/')) reads.push(new URL(request.url()).pathname);
    });
    await page.reload();
    await visible(members.getByRole('row').filter({ hasText: 'خالد عمر الحسن' }));
    await visible(page.getByRole('region', { name: AR.assessment.title }));
    // The shell came from the worker (not the gateway), with this address's preload links in it.
    expect(await page.evaluate('performance.getEntriesByType("navigation")[0].workerStart > 0')).toBe(true);
    const preloaded = await page.evaluate<string[]>(
      `[...document.querySelectorAll('link[rel="preload"][as="fetch"]')].map((link) => new URL(link.href).pathname)`,
    );
    expect(preloaded).toEqual(expect.arrayContaining([`/api/registration/households/${householdId}`, `/api/eligibility/assessments/${householdId}`]));
    // The page took the preloaded answers: each first read crossed the link once.
    expect(reads.filter((path) => path === `/api/registration/households/${householdId}`)).toHaveLength(1);
    expect(reads.filter((path) => path === `/api/eligibility/assessments/${householdId}`)).toHaveLength(1);
    await context.close();
  }, 120_000);

  it('should show a user of another camp nothing of this household', async () => {
    const other = await system.createUser({ roles: ['caseworker'], camps: ['areesha'], password: PASSWORD });
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, system.gatewayUrl, other.username, other.password);
    await page.getByLabel(AR.search.term).fill(caseNumber);
    await page.getByRole('button', { name: AR.search.submit, exact: true }).click();
    await visible(page.getByText(AR.search.none));
    await page.goto(`${system.gatewayUrl}/households/${householdId}`);
    await visible(page.getByText(AR.errors.REGISTRATION_HOUSEHOLD_NOT_FOUND));
    expect(await page.getByText('خالد عمر الحسن').count()).toBe(0);
    await context.close();
  }, 120_000);

  it('should add, change and remove a member with If-Match, and say "reload" when someone else changed the household first', async () => {
    const { generateHouseholds } = await import('@awda/testing');
    const [generated] = generateHouseholds(`member-${caseNumber}`, 1, { destinationAreas: ['SY0206'] });
    const name = generated!.members[0]!.fullNameAr;
    const api = await GatewayClientFor(system, caseworker);
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, system.gatewayUrl, caseworker.username, caseworker.password);
    await page.goto(`${system.gatewayUrl}/households/${householdId}`);
    const members = page.getByRole('region', { name: new RegExp(AR.members.title.replace(/\s*\(\{\{n\}\}\)/, '')) });

    await (await visible(page.getByRole('button', { name: AR.memberEdit.addOpen }))).click();
    let dialog = await visible(page.getByRole('dialog', { name: AR.memberEdit.addTitle }));
    await dialog.getByLabel(AR.member.fullNameAr).fill(name);
    await dialog.getByLabel(AR.member.sex).selectOption('male');
    await dialog.getByLabel(AR.member.relationship).selectOption('son');
    await dialog.getByLabel(AR.member.estimatedAge).fill('4');
    await screenshot(page, 'member-add-ar');
    await dialog.getByRole('button', { name: AR.memberEdit.add, exact: true }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
    await visible(members.getByRole('row').filter({ hasText: name }));

    // Someone else changes the household while the case worker has the member open.
    await page.getByRole('button', { name: AR.memberEdit.editOne.replace('{{name}}', name) }).click();
    dialog = await visible(page.getByRole('dialog', { name: new RegExp(AR.memberEdit.editTitle) }));
    const current = await api.get<{ version: number }>(`/api/registration/households/${householdId}`);
    const changed = await api.patch(`/api/registration/households/${householdId}`, { shelterLocation: 'القطاع ب، الخيمة 7' }, { headers: { 'If-Match': `"${current.body.version}"` } });
    expect(changed.status).toBe(200);
    await dialog.getByLabel(AR.member.estimatedAge).fill('5');
    await dialog.getByRole('button', { name: AR.common.save, exact: true }).click();
    await visible(dialog.getByText(AR.edit.conflict));
    await dialog.getByRole('button', { name: AR.edit.reload }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
    await visible(page.getByText('القطاع ب، الخيمة 7'));

    await page.getByRole('button', { name: AR.memberEdit.removeOne.replace('{{name}}', name) }).click();
    dialog = await visible(page.getByRole('dialog', { name: new RegExp(AR.memberEdit.removeTitle) }));
    await dialog.getByRole('button', { name: AR.memberEdit.remove, exact: true }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
    await members.getByRole('row').filter({ hasText: name }).waitFor({ state: 'detached', timeout: 30_000 });
    const after = await api.get<{ members: { fullNameAr: string }[] }>(`/api/registration/households/${householdId}`);
    expect(after.body.members.map((m) => m.fullNameAr)).not.toContain(name);
    await context.close();
  }, 240_000);

  it('should register a double-submitted form once, and a retry after a lost answer once', async () => {
    const api = await GatewayClientFor(system, caseworker);
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, system.gatewayUrl, caseworker.username, caseworker.password);
    const keys: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/registration/households')) keys.push(request.headers()['idempotency-key'] ?? '');
    });

    await page.goto(`${system.gatewayUrl}/households/new`);
    const twice = `${caseNumber}-D`;
    await fillRegistration(page, { caseNumber: twice, area: 'منبج', members: [{ nameAr: 'يوسف حمد', sex: 'male', relationship: 'head', age: 30, document: '0201-1111-22' }] });
    await registerButton(page).dblclick();
    await page.waitForURL(/\/households\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    expect(await householdsWithCaseNumber(api, twice)).toBe(1);

    // The first answer is lost on the way back (the household is saved): the retry sends the same key.
    await page.goto(`${system.gatewayUrl}/households/new`);
    const retried = `${caseNumber}-R`;
    await fillRegistration(page, { caseNumber: retried, area: 'منبج', members: [{ nameAr: 'منى سالم', sex: 'female', relationship: 'head', age: 35, document: '0201-3333-44' }] });
    let lost = false;
    await page.route('**/api/registration/households', async (route) => {
      if (lost || route.request().method() !== 'POST') return route.fallback();
      lost = true;
      await route.fetch();
      await route.abort('connectionreset');
    });
    keys.length = 0;
    await registerButton(page).click();
    await visible(page.getByText(AR.register.noAnswer));
    await registerButton(page).click();
    await page.waitForURL(/\/households\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    expect(keys.length).toBe(2);
    expect(keys[0]).toBe(keys[1]);
    expect(await householdsWithCaseNumber(api, retried)).toBe(1);
    await context.close();
  }, 400_000);

  it('should import a file: upload with progress, the check\'s report, then the import', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, system.gatewayUrl, caseworker.username, caseworker.password);
    await page.getByRole('navigation', { name: AR.nav.label }).getByRole('link', { name: AR.nav.imports }).click();
    await visible(page.getByRole('heading', { name: AR.imports.title }));
    const csv = [
      'household_key,case_number,destination_area,full_name_ar,sex,relationship,estimated_age,document_type,document_number',
      `K1,${caseNumber}-I1,SY0206,زياد حسن,male,head,52,family_booklet,0205-1000-01`,
      `K1,${caseNumber}-I1,SY0206,سعاد زياد,female,spouse,47,,`,
      `K2,${caseNumber}-I2,SY0206,ليلى عمر,,head,30,family_booklet,0205-1000-02`,
    ].join('\n');
    await page.locator('#import-file').setInputFiles({ name: 'families.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: AR.imports.check }).click();
    await visible(page.getByRole('progressbar').first());
    const report = await visible(page.getByRole('region', { name: AR.imports.reportDry }), 60_000);
    await visible(report.getByText(AR.imports.created.replace('{{n}}', '1')), 60_000);
    await visible(report.getByText(AR.imports.failedRows.replace('{{n}}', '1')));
    await visible(report.getByRole('table', { name: AR.imports.errors }).getByText('sex'));
    await screenshot(page, 'import-ar');
    await page.getByRole('button', { name: AR.imports.importNow }).click();
    const done = await visible(page.getByRole('region', { name: AR.imports.report }), 60_000);
    await visible(done.getByText(AR.imports.created.replace('{{n}}', '1')), 60_000);
    const api = await GatewayClientFor(system, caseworker);
    expect(await householdsWithCaseNumber(api, `${caseNumber}-I1`)).toBe(1);
    expect(await householdsWithCaseNumber(api, `${caseNumber}-I2`)).toBe(0);
    await context.close();
  }, 180_000);
});

async function GatewayClientFor(system: AwdaSystem, user: { username: string; password: string }): Promise<GatewayClient> {
  const { GatewayClient } = await import('@awda/testing');
  return GatewayClient.signedIn(system.gatewayUrl, user.username, user.password);
}

async function householdsWithCaseNumber(api: GatewayClient, caseNumber: string): Promise<number> {
  const res = await api.get<{ total: number }>(`/api/registration/households?caseNumber=${encodeURIComponent(caseNumber)}`);
  if (res.status !== 200) throw new Error(`search answered ${res.status}`);
  return res.body.total;
}

