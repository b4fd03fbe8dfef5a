// The console in Chromium for issue 19.2: an administrator's retention page shows the dry run of
// registration and notifications (per category and per camp), a run is asked again with its
// consequences, its result is shown and the dry run's counts fall to zero. Arabic first (right to
// left), English for the counts; screenshots go to test-output/console/.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { GatewayClient } from '@awda/testing';
import { en } from '../../apps/console/src/i18n/locales/en.js';
import { AwdaSystem } from '../harness.js';
import { launchChromium, newContext, screenshot, settled, type RunningBrowser } from './browser.js';
import { AR, menuLink, openFromMenu, signIn, visible } from './console-pages.js';

const PASSWORD = 'olive-tree-by-the-river-19';
const CAMP = 'mahmoudli';
const R = en.retention;
// Counted nouns in the language's plural forms: 2 closed cases, 1 audit row, nothing else.
const D = en.defects.retention;
const enRows = [D.auditRows_one.replace('{{n}}', '1'), D.importErrors_other.replace('{{n}}', '0'), D.devSms_other.replace('{{n}}', '0'), D.receipts_other.replace('{{n}}', '0')].join(en.common.listSeparator);


describe('the console in Chromium: retention', () => {
  let system: AwdaSystem;
  let chromium: RunningBrowser;
  let browser: Browser;
  let db: pg.Client;
  let admin: { id: string; username: string; password: string };
  let adminEn: { id: string; username: string; password: string };
  let supervisor: { id: string; username: string; password: string };
  const stamp = Date.now() % 100000;
  const departed: string[] = [];

  beforeAll(async () => {
    system = await AwdaSystem.start({ gateway: true, gatewayEnv: { SESSION_COOKIE_SECURE: 'false' } });
    chromium = await launchChromium();
    browser = chromium.browser;
    db = new pg.Client({ connectionString: system.databaseUrl });
    await db.connect();
    admin = await system.createUser({ roles: ['admin'], camps: [CAMP], password: PASSWORD, displayName: 'مدير' });
    adminEn = await system.createUser({ roles: ['admin'], camps: [CAMP], password: PASSWORD, displayName: 'Admin', locale: 'en' });
    supervisor = await system.createUser({ roles: ['supervisor'], camps: [CAMP], password: PASSWORD, displayName: 'رنا' });
    const caseworker = await system.createUser({ roles: ['caseworker'], camps: [CAMP], password: PASSWORD, displayName: 'سلمى' });
    const api = await GatewayClient.signedIn(system.gatewayUrl, caseworker.username, PASSWORD);
    for (const n of [1, 2, 3]) {
      const created = await api.post<{ id: string }>('/api/registration/households', {
        campId: CAMP,
        caseNumber: `RET-${stamp}-${n}`,
        destinationArea: 'SY0206',
        language: 'ar',
        phone: `+96394${String(6000000 + stamp * 10 + n).padStart(7, '0')}`,
        members: [{ fullNameAr: ['نادر سمير الحلبي', 'منى فادي الشامي', 'وليد عادل الأحمد'][n - 1], sex: n === 2 ? 'female' : 'male', relationship: 'head', estimatedAge: 40 + n }],
      }, { headers: { 'Idempotency-Key': `retention-${stamp}-${n}` } });
      expect(created.status).toBe(201);
      if (n < 3) departed.push(created.body.id);
    }
    // Two families returned over a year ago (the default period is 365 days); the third stays. An audit row older than its period.
    await db.query(`UPDATE registration.households SET status = 'departed', updated_at = now() - interval '400 days' WHERE id = ANY($1::uuid[])`, [departed]);
    await db.query(`INSERT INTO registration.audit_log (id, at, actor, household_id, endpoint, outcome) VALUES (gen_random_uuid(), now() - interval '800 days', 'old', NULL, 'GET /x', 'read')`);
  }, 400_000);

  afterAll(async () => {
    await db?.end();
    await chromium?.close();
    await system?.stop();
  });

  it('should show an administrator the dry run in Arabic, right to left, per category and per camp', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, system.gatewayUrl, admin.username, PASSWORD);
    await openFromMenu(page, AR.retention.nav, AR.retention.title);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await visible(page.getByRole('table', { name: AR.retention.dryRun.table }), 60_000);
    await visible(page.getByRole('table', { name: AR.retention.byCamp.table }).getByRole('row').filter({ hasText: CAMP }));
    await screenshot(page, 'retention-dry-run-ar');
    await page.getByRole('button', { name: AR.retention.run }).click();
    const dialog = await visible(page.getByRole('dialog', { name: AR.retention.confirm.title }));
    await visible(dialog.getByText(AR.retention.confirm.allCamps));
    // Arabic's own forms: two cases in the dual, one row, none of the others.
    const A = AR.defects.retention;
    await visible(dialog.getByText(A.confirmErased.replace('{{cases}}', A['closedCases_two'] ?? '')));
    const arRows = [A['auditRows_one'], A['importErrors_zero'], A['devSms_zero'], A['receipts_zero']].join(AR.common.listSeparator);
    await visible(dialog.getByText(A.confirmDeleted.replace('{{rows}}', arRows)));
    await settled(page);
    await screenshot(page, 'retention-confirm-ar');
    // Cancel: nothing is run.
    await dialog.getByRole('button', { name: AR.common.cancel }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
    const still = await db.query(`SELECT count(*)::int AS n FROM registration.households WHERE id = ANY($1::uuid[]) AND erased_at IS NULL`, [departed]);
    expect(still.rows[0]).toEqual({ n: 2 });
    await context.close();
  }, 120_000);

  it('should run retention once confirmed, show the result, and show the counts fallen to zero', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, system.gatewayUrl, adminEn.username, PASSWORD);
    await page.locator('html[dir="ltr"][lang="en"]').waitFor({ state: 'attached', timeout: 30_000 });
    await page.getByRole('navigation', { name: en.nav.label }).getByRole('link', { name: R.nav, exact: true }).click();
    const table = await visible(page.getByRole('table', { name: R.dryRun.table }), 60_000);
    const countOf = async (category: string) => (await table.getByRole('row').filter({ hasText: category }).getByRole('cell').last().textContent())?.trim();
    expect(await countOf(R.categories.closedCases)).toBe('2');
    expect(await countOf(R.categories.auditLog)).toBe('1');
    const camp = page.getByRole('table', { name: R.byCamp.table }).getByRole('row').filter({ hasText: CAMP });
    expect((await camp.getByRole('cell').nth(1).textContent())?.trim()).toBe('2');
    await screenshot(page, 'retention-dry-run-en');

    await page.getByRole('button', { name: R.run }).click();
    const dialog = await visible(page.getByRole('dialog', { name: R.confirm.title }));
    await visible(dialog.getByText(D.confirmErased.replace('{{cases}}', D.closedCases_other.replace('{{n}}', '2'))));
    await visible(dialog.getByText(D.confirmDeleted.replace('{{rows}}', enRows)));
    await settled(page);
    await screenshot(page, 'retention-confirm-en');
    await dialog.getByRole('button', { name: R.confirm.yes }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 60_000 });
    await visible(page.getByText(D.done.replace('{{cases}}', D.closedCases_other.replace('{{n}}', '2')).replace('{{rows}}', enRows)), 60_000);
    // The dry run read again: nothing left to go.
    await table.getByRole('row').filter({ hasText: R.categories.closedCases }).getByRole('cell').last().filter({ hasText: /^0$/ }).waitFor({ timeout: 30_000 });
    expect(await countOf(R.categories.auditLog)).toBe('0');
    await screenshot(page, 'retention-done-en');
    const erased = await db.query(`SELECT count(*)::int AS n FROM registration.households WHERE id = ANY($1::uuid[]) AND erased_at IS NOT NULL`, [departed]);
    expect(erased.rows[0]).toEqual({ n: 2 });
    const sources = await db.query(`SELECT DISTINCT source FROM registration.erasures WHERE household_id = ANY($1::uuid[])`, [departed]);
    expect(sources.rows).toEqual([{ source: 'retention' }]);
    await context.close();
  }, 120_000);

  it('should not offer the page to a supervisor', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, system.gatewayUrl, supervisor.username, PASSWORD);
    await visible(page.getByRole('navigation', { name: AR.nav.label }));
    expect(await menuLink(page, AR.retention.nav).count()).toBe(0);
    const api = await GatewayClient.signedIn(system.gatewayUrl, supervisor.username, PASSWORD);
    expect((await api.get('/api/registration/privacy/retention')).status).toBe(403);
    await context.close();
  }, 120_000);
});
