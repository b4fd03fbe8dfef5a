// The console in Chromium for issues 18 and 19: the follow-up work list (a supervisor clears a flag
// with a note), the audit review filtered by user, the family's own record downloaded as JSON
// (through memory, not an address), and an administrator erasing a household (a reason, asked
// again) after which the page shows it erased; a case worker has no erase button. Arabic first,
// English screenshots too; they go to test-output/console/.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { GatewayClient, waitFor } from '@awda/testing';
import { en } from '../../apps/console/src/i18n/locales/en.js';
import { AwdaSystem } from '../harness.js';
import { launchChromium, newContext, screenshot, type RunningBrowser } from './browser.js';
import { AR, menuLink, openFromMenu, signIn, visible } from './console-pages.js';

const PASSWORD = 'olive-tree-by-the-river-19';
const CAMP = 'mahmoudli';
const P = AR.protection;

describe('the console in Chromium: follow-up list, audit review, export and erasure', () => {
  let system: AwdaSystem;
  let chromium: RunningBrowser;
  let browser: Browser;
  let db: pg.Client;
  let supervisor: { id: string; username: string; password: string };
  let supervisorEn: { id: string; username: string; password: string };
  let caseworker: { id: string; username: string; password: string };
  let admin: { id: string; username: string; password: string };
  const stamp = Date.now() % 100000;
  const flaggedCase = `P19-${stamp}-1`;
  const erasedCase = `P19-${stamp}-2`;
  let flaggedId = '';
  let erasedId = '';

  async function register(api: GatewayClient, caseNumber: string, n: number): Promise<string> {
    const created = await api.post<{ id: string }>('/api/registration/households', {
      campId: CAMP,
      caseNumber,
      destinationArea: 'SY0206',
      language: 'ar',
      phone: `+96394${String(5000000 + stamp * 10 + n).padStart(7, '0')}`,
      members: [
        { fullNameAr: n === 1 ? 'سامر نبيل الخطيب' : 'هالة جميل العمر', sex: n === 1 ? 'male' : 'female', relationship: 'head', estimatedAge: 41, documents: [{ type: 'family_booklet', number: `0419-${stamp}-${n}` }] },
      ],
    }, { headers: { 'Idempotency-Key': `protect-${stamp}-${n}` } });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  beforeAll(async () => {
    system = await AwdaSystem.start({ gateway: true, gatewayEnv: { SESSION_COOKIE_SECURE: 'false' } });
    chromium = await launchChromium();
    browser = chromium.browser;
    db = new pg.Client({ connectionString: system.databaseUrl });
    await db.connect();
    supervisor = await system.createUser({ roles: ['supervisor'], camps: [CAMP], password: PASSWORD, displayName: 'رنا' });
    supervisorEn = await system.createUser({ roles: ['supervisor'], camps: [CAMP], password: PASSWORD, displayName: 'Rana', locale: 'en' });
    caseworker = await system.createUser({ roles: ['caseworker'], camps: [CAMP], password: PASSWORD, displayName: 'سلمى' });
    admin = await system.createUser({ roles: ['admin'], camps: [CAMP], password: PASSWORD, displayName: 'مدير' });
    const api = await GatewayClient.signedIn(system.gatewayUrl, caseworker.username, PASSWORD);
    flaggedId = await register(api, flaggedCase, 1);
    erasedId = await register(api, erasedCase, 2);
    // Notifications learns of the household (and its case number) through events.
    await waitFor('notifications knows the household', async () => {
      const rows = await db.query(`SELECT case_number FROM notifications.recipients WHERE household_id = $1`, [flaggedId]);
      return rows.rows[0]?.case_number === flaggedCase ? true : undefined;
    }, { timeoutMs: 60_000, intervalMs: 300 });
    // The arrival check's flag: the SMS exchange that raises it is tested by conversations.browser-spec
    // and notifications' integration tests; here the work list starts from a flagged conversation.
    await db.query(
      `INSERT INTO notifications.conversations (id, household_id, camp_id, purpose, cause_event_id, state, outcome, answer, expires_at, flagged, flag_reason, flagged_at, opened_at, ended_at)
       VALUES ($1, $2, $3, 'arrival_check', $4, 'answered', 'needs_help', 2, now(), true, 'needs_help', now() - interval '2 hours', now() - interval '3 hours', now() - interval '2 hours')`,
      [uuidv7(), flaggedId, CAMP, uuidv7()],
    );
    // A case worker reads the household: the audit has a row of theirs.
    expect((await api.get(`/api/registration/households/${flaggedId}`)).status).toBe(200);
  }, 400_000);

  afterAll(async () => {
    await db?.end();
    await chromium?.close();
    await system?.stop();
  });

  it('should let a supervisor see the follow-up list and clear a flag with a note', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, system.gatewayUrl, supervisor.username, PASSWORD);
    await openFromMenu(page, P.nav.followUp, P.followUp.title);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    const table = await visible(page.getByRole('table', { name: P.followUp.table }), 60_000);
    const row = table.getByRole('row').filter({ hasText: flaggedCase });
    await visible(row.getByText(AR.conversations.flagReasons.needs_help));
    await visible(row.getByText(AR.conversations.purposes.arrival_check));
    expect(await row.getByRole('link').getAttribute('href')).toBe(`/households/${flaggedId}`);
    await screenshot(page, 'protection-follow-up-ar');

    await row.getByRole('button', { name: P.followUp.clear }).click();
    const dialog = await visible(page.getByRole('dialog', { name: P.followUp.clearTitle }));
    await dialog.getByRole('button', { name: P.followUp.confirm }).click();
    await visible(dialog.getByText(P.followUp.noteRequired));
    await dialog.getByLabel(P.followUp.note).fill('زيارة للأسرة، أحيلت إلى المركز الصحي');
    await screenshot(page, 'protection-follow-up-clear-ar');
    await dialog.getByRole('button', { name: P.followUp.confirm }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
    await visible(page.getByText(P.followUp.cleared.replace('{{caseNumber}}', `\u2068${flaggedCase}\u2069`)));
    await visible(page.getByText(P.followUp.none));
    await screenshot(page, 'protection-follow-up-cleared-ar');
    const api = await GatewayClient.signedIn(system.gatewayUrl, supervisor.username, PASSWORD);
    const conversations = await api.get<{ purpose: string; flagClearNote: string | null; flagClearedBy: string | null }[]>(`/api/notifications/households/${flaggedId}/conversations`);
    expect(conversations.body.find((c) => c.purpose === 'arrival_check')).toMatchObject({
      flagClearNote: 'زيارة للأسرة، أحيلت إلى المركز الصحي',
      flagClearedBy: supervisor.id,
    });
    await context.close();
  }, 120_000);

  it('should let a supervisor filter the audit by user', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, system.gatewayUrl, supervisor.username, PASSWORD);
    await openFromMenu(page, P.nav.audit, P.audit.title);
    // No unusual-access section for a supervisor (administrators only).
    expect(await page.getByRole('heading', { name: P.audit.unusual.title }).count()).toBe(0);
    await page.getByLabel(P.audit.actor).fill(caseworker.id);
    await page.getByRole('button', { name: P.audit.apply }).click();
    const table = await visible(page.getByRole('table', { name: P.audit.table }), 60_000);
    await visible(table.getByRole('row').filter({ hasText: 'GET /households/:id' }));
    const rows = table.getByRole('row');
    const count = await rows.count();
    expect(count).toBeGreaterThan(1);
    // Every row (past the header) is the case worker's, named by username, the id kept on hover.
    for (let i = 1; i < count; i++) {
      const actor = rows.nth(i).getByText(caseworker.username, { exact: true });
      await visible(actor);
      expect(await actor.getAttribute('title')).toBe(caseworker.id);
      expect(await rows.nth(i).textContent()).not.toContain(caseworker.id);
    }
    expect(await table.getByText(supervisor.username).count()).toBe(0);
    await screenshot(page, 'protection-audit-ar');
    await context.close();
  }, 120_000);

  it('should name users only for those who may know them', async () => {
    const path = `/admin/user-names?ids=${caseworker.id},${admin.id}`;
    const own = await GatewayClient.signedIn(system.gatewayUrl, supervisor.username, PASSWORD);
    expect((await own.get<{ id: string; username: string }[]>(path)).body).toEqual(
      [{ id: caseworker.id, username: caseworker.username }, { id: admin.id, username: admin.username }].sort((a, b) => a.id.localeCompare(b.id)),
    );
    // A supervisor of another camp learns nothing of this camp's people; a case worker may not ask.
    const other = await system.createUser({ roles: ['supervisor'], camps: ['areesha'], password: PASSWORD });
    const elsewhere = await GatewayClient.signedIn(system.gatewayUrl, other.username, PASSWORD);
    expect((await elsewhere.get(path)).body).toEqual([]);
    const reader = await GatewayClient.signedIn(system.gatewayUrl, caseworker.username, PASSWORD);
    expect((await reader.get(path)).status).toBe(403);
    expect((await own.get('/admin/user-names?ids=not-an-id')).status).toBe(400);
  }, 60_000);

  it('should show the audit review in English, left to right', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, system.gatewayUrl, supervisorEn.username, PASSWORD);
    await page.locator('html[dir="ltr"][lang="en"]').waitFor({ state: 'attached', timeout: 30_000 });
    await page.getByRole('navigation', { name: en.nav.label }).getByRole('link', { name: en.protection.nav.audit, exact: true }).click();
    await visible(page.getByRole('table', { name: en.protection.audit.table }), 60_000);
    await screenshot(page, 'protection-audit-en');
    await page.getByRole('navigation', { name: en.nav.label }).getByRole('link', { name: en.protection.nav.followUp, exact: true }).click();
    await visible(page.getByText(en.protection.followUp.none));
    await screenshot(page, 'protection-follow-up-empty-en');
    await context.close();
  }, 120_000);

  it('should give a case worker no erase button and no export', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, system.gatewayUrl, caseworker.username, PASSWORD);
    await page.goto(`${system.gatewayUrl}/households/${erasedId}`);
    await visible(page.getByRole('region', { name: AR.timeline.title }), 60_000);
    expect(await page.getByRole('button', { name: P.record.erase }).count()).toBe(0);
    expect(await page.getByRole('region', { name: P.record.title }).count()).toBe(0);
    await context.close();
  }, 120_000);

  it('should download the family’s record as JSON for a supervisor, with no erase button', async () => {
    const context = await newContext(browser, { acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, system.gatewayUrl, supervisor.username, PASSWORD);
    await page.goto(`${system.gatewayUrl}/households/${erasedId}`);
    const card = await visible(page.getByRole('region', { name: P.record.title }), 60_000);
    expect(await card.getByRole('button', { name: P.record.erase }).count()).toBe(0);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), card.getByRole('button', { name: P.record.json }).click()]);
    expect(download.suggestedFilename()).toBe(`household-${erasedId}.json`);
    // Through an object URL (revoked after), never an address of the API with the record.
    expect(download.url()).toMatch(/^blob:/);
    const path = await download.path();
    const record = JSON.parse(readFileSync(path, 'utf8')) as { household: { id: string; caseNumber: string; members: { fullNameAr: string }[] } };
    expect(record.household).toMatchObject({ id: erasedId, caseNumber: erasedCase });
    expect(record.household.members[0]?.fullNameAr).toBe('هالة جميل العمر');
    expect(page.url()).toBe(`${system.gatewayUrl}/households/${erasedId}`);
    await screenshot(page, 'protection-record-ar');
    await context.close();
  }, 120_000);

  it('should let an administrator erase a household with a reason, asked again, and then show it erased', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, system.gatewayUrl, admin.username, PASSWORD);
    await page.goto(`${system.gatewayUrl}/households/${erasedId}`);
    const card = await visible(page.getByRole('region', { name: P.record.title }), 60_000);
    await card.getByRole('button', { name: P.record.erase }).click();
    const dialog = await visible(page.getByRole('dialog', { name: P.erase.title }));
    await dialog.getByRole('button', { name: P.erase.next }).click();
    await visible(dialog.getByText(P.erase.reasonRequired));
    await dialog.getByLabel(P.erase.reason).fill('طلب الأسرة محو بياناتها (الطلب 2026-19)');
    await dialog.getByRole('button', { name: P.erase.next }).click();
    const confirm = await visible(page.getByRole('dialog', { name: P.erase.confirmTitle.replace('{{caseNumber}}', `\u2068${erasedCase}\u2069`) }));
    await visible(confirm.getByText(P.erase.consequences));
    await screenshot(page, 'protection-erase-confirm-ar');
    await confirm.getByRole('button', { name: P.erase.confirm }).click();
    await visible(page.getByText(P.erased.title), 60_000);
    await visible(page.getByText(P.erased.text, { exact: false }));
    expect(await page.getByText('هالة جميل العمر').count()).toBe(0);
    await screenshot(page, 'protection-erased-ar');
    // The service says so too, and a second erasure is refused.
    const api = await GatewayClient.signedIn(system.gatewayUrl, admin.username, PASSWORD);
    const after = await api.get<{ code: string }>(`/api/registration/households/${erasedId}`);
    expect([after.status, after.body.code]).toEqual([410, 'REGISTRATION.HOUSEHOLD_ERASED']);
    // Opened again later, the page still shows it erased (from the service's answer).
    await page.reload();
    await visible(page.getByText(P.erased.title), 60_000);
    // An administrator's access review has the unusual-access section (nothing unusual here).
    await menuLink(page, P.nav.audit).click();
    const unusual = await visible(page.getByRole('region', { name: P.audit.unusual.title }), 60_000);
    await visible(unusual.getByText(P.audit.unusual.none));
    const erasure = page.getByRole('table', { name: P.audit.table }).getByRole('row').filter({ hasText: 'POST /households/:id/erasure' });
    await visible(erasure);
    await visible(erasure.getByText(admin.username, { exact: true }));
    await screenshot(page, 'protection-audit-admin-ar');
    await context.close();
  }, 120_000);
});
