// The console in Chromium for families that need more than a bus seat and consent from adults: a
// member with a serious medical condition whose clearance says how they can travel (and the family's
// convoy seat, read by the case worker), and a household with no adult whose guardian consents.
// Arabic (right to left) and English (left to right); screenshots go to test-output/console/.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { GatewayClient, waitFor } from '@awda/testing';
import { AwdaSystem } from '../harness.js';
import { Journey, localDate, urlsOf } from '../journey.js';
import { en } from '../../apps/console/src/i18n/locales/en.js';
import { accessibilityProblems, launchChromium, newContext, screenshot, type RunningBrowser } from './browser.js';
import { AR, fillRegistration, recordConsent, registerButton, signIn, visible } from './console-pages.js';

const PASSWORD = 'olive-tree-by-the-river-3';
const CAMP = 'mahmoudli';
const TABQA = 'SY110200';

// Not html-has-lang and document-title: console.browser-spec checks those once for the whole console.
const AXE_RULES = ['color-contrast', 'label', 'button-name', 'link-name', 'select-name', 'aria-valid-attr-value', 'duplicate-id-aria'];



async function openMember(page: Page, name: string) {
  await page.getByRole('button', { name: AR.memberEdit.editOne.replace('{{name}}', name) }).click();
  return visible(page.getByRole('dialog', { name: new RegExp(AR.memberEdit.editTitle) }));
}

describe('the console in Chromium: medical clearances, convoy seats and guardians', () => {
  let system: AwdaSystem;
  let chromium: RunningBrowser;
  let browser: Browser;
  let caseworker: { username: string; password: string };
  let englishCaseworker: { username: string; password: string };
  let patientFamilyId = '';
  const stamp = Date.now() % 100000;

  beforeAll(async () => {
    system = await AwdaSystem.start({ gateway: true, gatewayEnv: { SESSION_COOKIE_SECURE: 'false' } });
    chromium = await launchChromium();
    browser = chromium.browser;
    caseworker = await system.createUser({ roles: ['caseworker'], camps: [CAMP], password: PASSWORD, displayName: 'سلمى' });
    englishCaseworker = await system.createUser({ roles: ['caseworker'], camps: [CAMP], password: PASSWORD, displayName: 'Nadia', locale: 'en' });
  }, 400_000);

  afterAll(async () => {
    await chromium?.close();
    await system?.stop();
  });

  it('should let a case worker register a member with a serious medical condition, record a clearance with a travel mode, and see the convoy seat', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, system.gatewayUrl, caseworker.username, caseworker.password);
    await page.goto(`${system.gatewayUrl}/households/new`);
    await visible(page.getByRole('heading', { name: AR.register.title }));
    await fillRegistration(page, {
      caseNumber: `SMC-${stamp}`,
      area: 'الطبقة',
      members: [
        { nameAr: 'عمر ياسين الأحمد', nameLatin: 'Omar Yasin al-Ahmad', sex: 'male', relationship: 'head', age: 51, document: '0207-4410-21' },
        { nameAr: 'هدى سليم الأحمد', sex: 'female', relationship: 'spouse', age: 48 },
      ],
    });
    const patient = page.getByRole('group', { name: AR.register.memberHeading.replace('{{n}}', '2') });
    await patient.getByLabel(AR.needs.SMC).check();
    // No clearance yet: no travel mode to choose.
    expect(await patient.getByLabel(AR.travelMode.label).count()).toBe(0);
    await registerButton(page).click();
    await page.waitForURL(/\/households\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    patientFamilyId = page.url().split('/').pop() ?? '';
    await recordConsent(page, 'عمر ياسين الأحمد');
    await recordConsent(page, 'هدى سليم الأحمد');
    const eligibility = page.getByRole('region', { name: AR.assessment.title });
    await visible(eligibility.getByText(AR.reasons.medical_clearance_missing_one), 60_000);

    // A clearance that does not say how she can travel: eligibility says exactly that.
    let dialog = await openMember(page, 'هدى سليم الأحمد');
    await dialog.getByLabel(AR.member.medicalClearance).check();
    expect(await dialog.getByLabel(AR.travelMode.label).inputValue()).toBe('');
    await dialog.getByRole('button', { name: AR.common.save, exact: true }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
    const row = page.getByRole('row').filter({ hasText: 'هدى سليم الأحمد' });
    await visible(row.getByText(AR.travelMode.clearanceNoMode));
    expect(await accessibilityProblems(page, AXE_RULES)).toEqual([]);
    await visible(eligibility.getByText(AR.reasons.travel_mode_missing_one), 60_000);

    dialog = await openMember(page, 'هدى سليم الأحمد');
    await dialog.getByLabel(AR.travelMode.label).selectOption('bus_with_companion');
    await screenshot(page, 'member-travel-mode-ar');
    await dialog.getByRole('button', { name: AR.common.save, exact: true }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
    await visible(row.getByText(AR.travelMode.clearance.replace('{{mode}}', AR.travelMode.modes.bus_with_companion)));
    await visible(eligibility.getByText(AR.status.assessment.eligible, { exact: true }), 60_000);
    expect(await eligibility.getByText(AR.reasons.travel_mode_missing_one).count()).toBe(0);

    // Logistics plans the family a convoy; the case worker sees when and where, and on which bus.
    const journey = await Journey.create(urlsOf(system), CAMP);
    const tomorrow = localDate(1);
    await journey.createFleet({ buses: 1, seats: 45, cargoTrucks: 1, ambulances: 0 }, [tomorrow], `SMC${stamp}`);
    await journey.waitForPool([patientFamilyId], 60_000);
    const proposal = await journey.propose({ campId: CAMP, departureDate: tomorrow, departureTime: '07:30', assemblyPoint: 'البوابة 2' });
    await journey.commit(proposal.planId);
    const api = await GatewayClient.signedIn(system.gatewayUrl, caseworker.username, caseworker.password);
    await waitFor('registration to learn the seat', async () => {
      const res = await api.get<{ schedule: unknown }>(`/api/registration/households/${patientFamilyId}`);
      return res.body.schedule ? true : undefined;
    }, { timeoutMs: 60_000, intervalMs: 300 });
    await page.reload();
    const seat = await visible(page.getByRole('region', { name: AR.seat.title }), 60_000);
    await visible(seat.getByText('البوابة 2'));
    await visible(seat.getByText(`SMC${stamp}-0001`));
    // The SMS card: shown to case workers when notifications lets them read it, else quietly absent.
    expect(await page.getByRole('region', { name: AR.messages.title }).getByRole('alert').count()).toBe(0);
    expect(await accessibilityProblems(page, AXE_RULES)).toEqual([]);
    await screenshot(page, 'household-seat-ar');
    await context.close();
  }, 400_000);

  it('should let a case worker record a guardian\'s consent for a household with no adult and see it eligible', async () => {
    const api = await GatewayClient.signedIn(system.gatewayUrl, englishCaseworker.username, englishCaseworker.password);
    const registered = await api.post<{ id: string }>(
      '/api/registration/households',
      {
        campId: CAMP,
        caseNumber: `CHD-${stamp}`,
        destinationArea: TABQA,
        language: 'ar',
        members: [
          { fullNameAr: 'ريم خليل الصالح', sex: 'female', relationship: 'head', estimatedAge: 16, documents: [{ type: 'family_booklet', number: `0208-${stamp}` }] },
          { fullNameAr: 'أنس خليل الصالح', sex: 'male', relationship: 'sibling', estimatedAge: 11 },
        ],
      },
      { headers: { 'Idempotency-Key': `chd-${stamp}` } },
    );
    expect(registered.status).toBe(201);
    const id = registered.body.id;

    const context = await newContext(browser, { locale: 'en-GB' });
    const page = await context.newPage();
    await signIn(page, system.gatewayUrl, englishCaseworker.username, englishCaseworker.password);
    // A locator, not waitForFunction: polling a string needs eval, which the console's CSP refuses.
    await page.locator('html[dir="ltr"]').waitFor({ state: 'attached', timeout: 30_000 });
    await page.goto(`${system.gatewayUrl}/households/${id}`);
    const card = await visible(page.getByRole('region', { name: en.guardian.title }));
    await visible(card.getByText(en.guardian.none));
    const eligibility = page.getByRole('region', { name: en.assessment.title });
    await visible(eligibility.getByText(en.reasons.guardian_consent_missing), 60_000);
    await visible(page.getByRole('row').filter({ hasText: 'ريم خليل الصالح' }).getByText(en.guardian.childRow));

    await card.getByRole('button', { name: en.guardian.record }).click();
    const dialog = await visible(page.getByRole('dialog', { name: en.guardian.recordTitle }));
    // Nothing typed: each missing field says so, nothing is sent.
    await dialog.getByRole('button', { name: en.guardian.save, exact: true }).click();
    await visible(dialog.getByText(en.form.required));
    expect(await dialog.getByText(en.form.required).count()).toBe(3);
    await dialog.getByLabel(en.guardian.fullName).fill('ماجد حسن الصالح');
    await dialog.getByLabel(en.guardian.relationship).fill('maternal uncle');
    // A number the camps' SMS do not reach: refused by registration, shown at the phone field.
    await dialog.getByLabel(en.guardian.phone).fill('12345');
    await dialog.getByRole('button', { name: en.guardian.save, exact: true }).click();
    await visible(dialog.locator('#guardian-guardian-phone-helper-text').filter({ hasNotText: en.guardian.phoneHint }));
    await dialog.getByLabel(en.guardian.phone).fill('0955 412 376');
    // Changing the field takes its problem away.
    await visible(dialog.getByText(en.guardian.phoneHint));
    expect(await accessibilityProblems(page, AXE_RULES)).toEqual([]);
    await screenshot(page, 'guardian-dialog-en');
    await dialog.getByRole('button', { name: en.guardian.save, exact: true }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
    await visible(card.getByText(en.guardian.current.split(':')[0]!, { exact: false }));
    await visible(card.getByText('maternal uncle', { exact: false }));
    await visible(page.getByRole('region', { name: en.timeline.title }).getByText(en.timeline.kinds.guardian_consent));
    await visible(eligibility.getByText(en.status.assessment.eligible, { exact: true }), 60_000);
    expect(await accessibilityProblems(page, AXE_RULES)).toEqual([]);
    await screenshot(page, 'household-guardian-en');

    // The same page in Arabic, and the first family's seat in English.
    await page.goto(`${system.gatewayUrl}/households/${patientFamilyId}`);
    if (patientFamilyId) {
      await visible(page.getByRole('region', { name: en.seat.title }), 60_000);
      await screenshot(page, 'household-seat-en');
    }
    await context.close();

    const arabic = await newContext(browser);
    const arPage = await arabic.newPage();
    await signIn(arPage, system.gatewayUrl, caseworker.username, caseworker.password);
    await arPage.goto(`${system.gatewayUrl}/households/${id}`);
    const arCard = await visible(arPage.getByRole('region', { name: AR.guardian.title }));
    await visible(arCard.getByText('maternal uncle', { exact: false }));
    await visible(arPage.getByRole('region', { name: AR.assessment.title }).getByText(AR.status.assessment.eligible, { exact: true }), 60_000);
    await screenshot(arPage, 'household-guardian-ar');
    await arabic.close();
  }, 300_000);

  it('should say, right after registering, that no convoy route goes to the destination yet', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, system.gatewayUrl, caseworker.username, caseworker.password);
    await page.goto(`${system.gatewayUrl}/households/new`);
    await fillRegistration(page, {
      caseNumber: `NRD-${stamp}`,
      area: 'منبج', // Aleppo governorate: no corridor goes there
      members: [{ nameAr: 'سامر فواز العبدالله', sex: 'male', relationship: 'head', age: 37, document: '0209-5521-08' }],
    });
    await registerButton(page).click();
    await page.waitForURL(/\/households\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    await visible(page.getByText(AR.register.done));
    await visible(page.getByRole('alert').filter({ hasText: AR.errors.REGISTRATION_DESTINATION_NOT_SERVED }));
    await screenshot(page, 'household-no-road-ar');
    await context.close();
  }, 120_000);
});
