// The console in Chromium for issue 13's last items: a supervisor opens one SMS of a family (its
// text, attempts and status history); date fields in the console's order and digits (day/month/
// year), a date that is not one refused by the service and said in the user's language next to the
// field; and the household page in Kurmanji (Latin script, left to right). Screenshots go to
// test-output/console/.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { GatewayClient, waitFor } from '@awda/testing';
import { AwdaSystem } from '../harness.js';
import { kmr } from '../../apps/console/src/i18n/locales/kmr.js';
import { launchChromium, newContext, screenshot, type RunningBrowser } from './browser.js';
import { AR, signIn, visible } from './console-pages.js';

const PASSWORD = 'olive-tree-by-the-river-13';
const CAMP = 'mahmoudli';


describe('the console in Chromium: one SMS, date fields, Kurmanji', () => {
  let system: AwdaSystem;
  let chromium: RunningBrowser;
  let browser: Browser;
  let supervisor: { username: string; password: string };
  let kurmanji: { username: string; password: string };
  let householdId = '';
  const stamp = Date.now() % 100000;

  beforeAll(async () => {
    system = await AwdaSystem.start({ gateway: true, gatewayEnv: { SESSION_COOKIE_SECURE: 'false' } });
    chromium = await launchChromium();
    browser = chromium.browser;
    supervisor = await system.createUser({ roles: ['supervisor'], camps: [CAMP], password: PASSWORD, displayName: 'رنا' });
    kurmanji = await system.createUser({ roles: ['caseworker'], camps: [CAMP], password: PASSWORD, displayName: 'Dilan', locale: 'kmr' });
    const api = await GatewayClient.signedIn(system.gatewayUrl, supervisor.username, PASSWORD);
    const created = await api.post<{ id: string }>('/api/registration/households', {
      campId: CAMP,
      caseNumber: `C13-${stamp}`,
      destinationArea: 'SY0206',
      language: 'ar',
      phone: `+96394${String(4000000 + stamp).padStart(7, '0')}`,
      members: [
        { fullNameAr: 'ياسر عادل الحسن', sex: 'male', relationship: 'head', estimatedAge: 45, documents: [{ type: 'family_booklet', number: `0301-${stamp}` }] },
        { fullNameAr: 'منى فؤاد الحسن', sex: 'female', relationship: 'spouse', estimatedAge: 40 },
      ],
    }, { headers: { 'Idempotency-Key': `care2-${stamp}` } });
    expect(created.status).toBe(201);
    householdId = created.body.id;
    // The "registered" SMS: notifications learns of the household through events.
    await waitFor('the registered SMS', async () => {
      const messages = await api.get<unknown[]>(`/api/notifications/households/${householdId}/messages`);
      return messages.status === 200 && messages.body.length > 0 ? true : undefined;
    }, { timeoutMs: 60_000, intervalMs: 300 });
  }, 400_000);

  afterAll(async () => {
    await chromium?.close();
    await system?.stop();
  });

  it('should let a supervisor open one SMS, and say a date that is not one in Arabic next to the field', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, system.gatewayUrl, supervisor.username, PASSWORD);
    await page.goto(`${system.gatewayUrl}/households/${householdId}`);
    const sms = await visible(page.getByRole('region', { name: AR.messages.title }), 60_000);
    await sms.getByRole('button', { name: AR.templates.names.registered }).click();
    const detail = await visible(page.getByRole('dialog', { name: AR.care2.message.title }));
    await visible(detail.getByText(AR.care2.message.history));
    expect(await detail.getByRole('list', { name: AR.care2.message.history }).getByRole('listitem').count()).toBeGreaterThan(0);
    await screenshot(page, 'care2-message-detail-ar');
    await detail.getByRole('button', { name: AR.care2.message.close }).click();
    await detail.waitFor({ state: 'hidden', timeout: 30_000 });

    // The consent dialog's date: today as day/month/year, whatever the browser's locale.
    const row = page.getByRole('row').filter({ hasText: 'ياسر عادل الحسن' });
    await row.getByRole('button', { name: AR.consent.record }).click();
    const dialog = await visible(page.getByRole('dialog'));
    const date = dialog.getByLabel(AR.consent.decidedOn);
    expect(await date.inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    // Not a day of the calendar: the service refuses it, the field says so in Arabic.
    await date.fill('31/02/2026');
    await dialog.getByRole('button', { name: AR.consent.save }).click();
    await visible(dialog.getByText(AR.care2.fieldErrors.date));
    await screenshot(page, 'care2-date-error-ar');
    // Arabic-Indic digits typed are read too.
    const [y, m, d] = new Date().toISOString().slice(0, 10).split('-');
    await date.fill(`${d}/${m}/${y}`.replace(/\d/g, (digit) => '٠١٢٣٤٥٦٧٨٩'[Number(digit)] ?? digit));
    await dialog.getByRole('button', { name: AR.consent.save }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
    await visible(row.getByText(AR.consent.decisions.consent, { exact: false }));

    // A supervisor corrects that decision (a data-entry mistake): the camp's consent rule is said too.
    await row.getByRole('button', { name: AR.consent.change }).click();
    const correction = await visible(page.getByRole('dialog'));
    await visible(correction.getByText(AR.care2.policy.each_adult));
    await correction.getByLabel(AR.care2.correct.label.replace('{{decision}}', AR.consent.decisions.consent)).check();
    await correction.getByLabel(AR.consent.decisions.decline).check();
    await screenshot(page, 'care2-correct-consent-ar');
    await correction.getByRole('button', { name: AR.consent.save }).click();
    await correction.waitFor({ state: 'hidden', timeout: 30_000 });
    await visible(row.getByText(AR.consent.decisions.decline, { exact: false }));
    const api = await GatewayClient.signedIn(system.gatewayUrl, supervisor.username, PASSWORD);
    const consents = await api.get<{ decision: string; correctsConsentId: string | null; superseded: boolean }[]>(`/api/registration/households/${householdId}/consents`);
    expect(consents.body.map((c) => [c.decision, c.correctsConsentId !== null, c.superseded])).toEqual([['consent', false, true], ['decline', true, false]]);
    await context.close();
  });

  it('should show the household page in Kurmanji, left to right, with its sections in Kurmanji', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, system.gatewayUrl, kurmanji.username, PASSWORD);
    // (A locator: waitForFunction's polling evaluates a string, which the console's CSP refuses.)
    await page.locator('html[dir="ltr"][lang="kmr"]').waitFor({ state: 'attached', timeout: 30_000 });
    await page.goto(`${system.gatewayUrl}/households/${householdId}`);
    await visible(page.getByRole('region', { name: kmr.assessment!.title! }), 60_000);
    await visible(page.getByRole('region', { name: kmr.timeline!.title! }), 60_000);
    expect(await page.evaluate('document.documentElement.dir')).toBe('ltr');
    // Dates and numbers in Latin digits on this Latin-script page, even where the browser has no Kurmanji data.
    const details = page.getByRole('region', { name: kmr.household!.details! });
    expect(await details.textContent()).not.toMatch(/[\u0660-\u0669]/);
    await screenshot(page, 'care2-household-kmr');
    await context.close();
  });

  it('should let a supervisor set the camp\'s consent rule, asked again before it is changed', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, system.gatewayUrl, supervisor.username, PASSWORD);
    await page.getByRole('link', { name: AR.campPolicy.nav }).click();
    await visible(page.getByRole('heading', { name: AR.campPolicy.title }));
    const each = page.getByRole('radio', { name: new RegExp(AR.campPolicy.options.each_adult.replace(/[()]/g, '.')) });
    await visible(page.getByText(`${AR.campPolicy.options.each_adult} — ${AR.campPolicy.current}`));
    expect(await each.isChecked()).toBe(true);
    const save = page.getByRole('button', { name: AR.campPolicy.save });
    expect(await save.isDisabled()).toBe(true);
    await page.getByRole('radio', { name: new RegExp(AR.campPolicy.options.head_only) }).check();
    await save.click();
    const ask = await visible(page.getByRole('dialog', { name: AR.campPolicy.confirmTitle }));
    await screenshot(page, 'camp-policy-confirm-ar');
    await ask.getByRole('button', { name: AR.campPolicy.save }).click();
    await visible(page.getByRole('alert').filter({ hasText: AR.campPolicy.options.head_only }));
    await visible(page.getByText(`${AR.campPolicy.options.head_only} — ${AR.campPolicy.current}`));
    await screenshot(page, 'camp-policy-changed-ar');
    // What registration holds now, read through the gateway.
    const api = await GatewayClient.signedIn(system.gatewayUrl, supervisor.username, PASSWORD);
    const policy = await api.get<{ policy: string }>(`/api/registration/camps/${CAMP}/consent-policy`);
    expect(policy.body.policy).toBe('head_only');
    await context.close();
  }, 120_000);
});
