// The console in Sorani and Kurmanji (issue 13): the language comes from the user's profile and the
// direction from the script, never from "Kurdish". An administrator who works in Sorani (Arabic
// script) sees the users and SMS templates pages right to left in Sorani, and a refusal of the
// service (a username already taken) in Sorani; a supervisor who works in Kurmanji (Latin script)
// sees the duplicates queue, destination areas and rule sets left to right in Kurmanji.
// Screenshots go to test-output/console/.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { AwdaSystem } from '../harness.js';
import { ckb } from '../../apps/console/src/i18n/locales/ckb.js';
import { kmr } from '../../apps/console/src/i18n/locales/kmr.js';
import { launchChromium, newContext, screenshot, type RunningBrowser } from './browser.js';
import { signIn, visible } from './console-pages.js';

const PASSWORD = 'olive-tree-by-the-river-13';
const CAMP = 'mahmoudli';

async function heading(page: Page, path: string, baseUrl: string, title: string): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await visible(page.getByRole('heading', { level: 1, name: title, exact: true }), 60_000);
}

describe('the console in Chromium: Sorani right to left, Kurmanji left to right', () => {
  let system: AwdaSystem;
  let chromium: RunningBrowser;
  let browser: Browser;
  let sorani: { username: string };
  let kurmanji: { username: string };

  beforeAll(async () => {
    system = await AwdaSystem.start({ gateway: true, gatewayEnv: { SESSION_COOKIE_SECURE: 'false' } });
    chromium = await launchChromium();
    browser = chromium.browser;
    sorani = await system.createUser({ roles: ['admin'], camps: [CAMP], password: PASSWORD, displayName: 'Hêvî', locale: 'ckb' });
    kurmanji = await system.createUser({ roles: ['supervisor'], camps: [CAMP], password: PASSWORD, displayName: 'Dilan', locale: 'kmr' });
  }, 400_000);

  afterAll(async () => {
    await chromium?.close();
    await system?.stop();
  });

  it('should show the administrator pages in Sorani, right to left, with a refusal said in Sorani', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, system.gatewayUrl, sorani.username, PASSWORD);
    await page.locator('html[dir="rtl"][lang="ckb"]').waitFor({ state: 'attached', timeout: 30_000 });

    await heading(page, '/admin/users', system.gatewayUrl, ckb.users!.title!);
    await visible(page.getByRole('columnheader', { name: ckb.users!.displayName!, exact: true }));
    expect(await page.evaluate('document.documentElement.dir')).toBe('rtl');
    await screenshot(page, 'kurdish-users-ckb');

    // A new user with the administrator's own username: the gateway refuses with USERS.USERNAME_TAKEN.
    await page.getByRole('button', { name: ckb.users!.create!, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: ckb.users!.create! });
    await dialog.getByLabel(ckb.users!.username!, { exact: false }).fill(sorani.username);
    await dialog.getByLabel(ckb.users!.displayName!, { exact: false }).fill('Rêzan');
    await dialog.getByLabel(ckb.users!.camps!, { exact: false }).fill(CAMP);
    await dialog.getByRole('button', { name: ckb.common!.save!, exact: true }).click();
    await visible(dialog.getByText(ckb.errors!.USERS_USERNAME_TAKEN!));
    await screenshot(page, 'kurdish-users-taken-ckb');
    await dialog.getByRole('button', { name: ckb.common!.cancel!, exact: true }).click();

    await heading(page, '/admin/templates', system.gatewayUrl, ckb.templates!.title!);
    await visible(page.getByText(ckb.templates!.names!.registered!, { exact: true }), 60_000);
    // Each language's preview is priced by the service's list (SMS_PRICE_*, 5 US cents a part by default).
    await visible(page.getByRole('status').filter({ hasText: '$' }).first(), 60_000);
    await screenshot(page, 'kurdish-templates-ckb');
    await context.close();
  });

  it('should show the supervisor pages in Kurmanji, left to right', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, system.gatewayUrl, kurmanji.username, PASSWORD);
    await page.locator('html[dir="ltr"][lang="kmr"]').waitFor({ state: 'attached', timeout: 30_000 });

    await heading(page, '/duplicates', system.gatewayUrl, kmr.duplicates!.title!);
    await visible(page.getByText(kmr.duplicates!.none!), 60_000);
    expect(await page.evaluate('document.documentElement.dir')).toBe('ltr');
    await screenshot(page, 'kurdish-duplicates-kmr');

    await heading(page, '/areas', system.gatewayUrl, kmr.areas!.title!);
    await visible(page.getByRole('columnheader', { name: kmr.areas!.code!, exact: true }), 60_000);
    await screenshot(page, 'kurdish-areas-kmr');

    await heading(page, '/rule-sets', system.gatewayUrl, kmr.ruleSets!.title!);
    await visible(page.getByRole('button', { name: kmr.ruleSets!.validate!, exact: true }), 60_000);
    await screenshot(page, 'kurdish-rule-sets-kmr');
    await context.close();
  });
});
