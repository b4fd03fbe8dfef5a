// The logistics officer's day in Chromium, in Arabic (right to left): the fleet and the families
// waiting, a date planned (a proposal overtaken by a withdrawal is explained and proposed again),
// committed, the convoy on the board, confirmed, its manifest printed (RTL, each vehicle on a page of
// its own, labels and values in line) and downloaded as CSV. Screenshots (the printed PDF too, made
// PNG by pdftoppm when it is installed) go to test-output/console/ and /tmp/logistics-*.png.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { generateHouseholds, waitFor, type GeneratedHousehold } from '@awda/testing';
import { AwdaSystem } from '../harness.js';
import { Journey, localDate, urlsOf, type Registered } from '../journey.js';
import { launchChromium, newContext, screenshot, TEST_OUTPUT, type RunningBrowser } from './browser.js';
import { AR, signIn, visible } from './console-pages.js';

const PASSWORD = 'convoy-leaves-at-dawn-7';
const CAMP = 'mahmoudli';
const TABQA = 'SY110200';
const L = AR.logistics;

/** Saves a screenshot to test-output/console and to /tmp for a person to look at. */
async function shot(page: Page, name: string): Promise<void> {
  const file = await screenshot(page, `logistics-${name}`);
  copyFileSync(file, `/tmp/logistics-${name}.png`);
}

/**
 * For each label/value list: how far each label sits from its value's line, and where each value
 * starts (its right edge in a right-to-left page). Out of line: a label a line away, a value at the far edge.
 */
async function factLines(page: Page, selector: string): Promise<{ tops: number[]; rights: number[] }[]> {
  return (await page.evaluate(`[...document.querySelectorAll(${JSON.stringify(selector)})].map((dl) => {
    const dts = [...dl.querySelectorAll('dt')].map((e) => e.getBoundingClientRect());
    const dds = [...dl.querySelectorAll('dd')];
    const values = dds.map((e) => (e.firstElementChild ?? e).getBoundingClientRect());
    return { tops: dts.map((r, i) => Math.abs(r.top - dds[i].getBoundingClientRect().top)), rights: values.map((r) => Math.round(r.right)) };
  })`)) as { tops: number[]; rights: number[] }[];
}

/** Plain generated families (no specific needs, 2–6 people, the head with a document) bound for Tabqa. */
function plainFamilies(seed: string, count: number): GeneratedHousehold[] {
  const found = generateHouseholds(seed, 300, { destinationAreas: [TABQA], campId: CAMP }).filter(
    (h) => h.members[0]?.document != null && h.members.every((m) => m.needs.length === 0) && h.members.length >= 2 && h.members.length <= 6,
  );
  if (found.length < count) throw new Error('not enough plain families among the generated ones');
  return found.slice(0, count);
}

describe('the console in Chromium: a logistics officer plans, commits, confirms and prints a convoy', () => {
  let system: AwdaSystem;
  let chromium: RunningBrowser;
  let browser: Browser;
  let journey: Journey;
  let officer: { username: string; password: string };
  let families: Registered[] = [];
  const stamp = Date.now() % 100000;
  const tomorrow = localDate(1);

  beforeAll(async () => {
    system = await AwdaSystem.start({ gateway: true, gatewayEnv: { SESSION_COOKIE_SECURE: 'false' } });
    chromium = await launchChromium();
    browser = chromium.browser;
    officer = await system.createUser({ roles: ['logistics'], camps: [CAMP], password: PASSWORD, displayName: 'رامي' });
    journey = await Journey.create(urlsOf(system), CAMP);
    families = [];
    for (const [index, household] of plainFamilies(`logistics-${stamp}`, 4).entries()) {
      const registered = await journey.register(household, { caseNumber: `LOG-${stamp}-${index + 1}` });
      await journey.consentAll(registered);
      families.push(registered);
    }
    await journey.waitForPool(families.map((f) => f.id), 90_000);
  }, 400_000);

  afterAll(async () => {
    await chromium?.close();
    await system?.stop();
  });

  it('should take a logistics officer from the fleet to a printed manifest', async () => {
    const context = await newContext(browser, { acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, system.gatewayUrl, officer.username, officer.password);
    // Home leads a logistics officer to the convoy board.
    await page.waitForURL(/\/convoys$/, { timeout: 30_000 });
    await visible(page.getByRole('heading', { name: L.board.title }));
    await visible(page.getByText(L.board.none));
    const nav = page.getByRole('navigation', { name: AR.nav.label });
    await visible(nav.getByText(L.nav.group));

    // The fleet: a bus and a cargo truck added by hand, each with tomorrow's date.
    await nav.getByRole('link', { name: L.nav.fleet }).click();
    await visible(page.getByText(L.fleet.none));
    const vehicles = [
      { type: 'bus', plate: `LB-${stamp}`, capacity: '45' },
      { type: 'cargo_truck', plate: `LT-${stamp}`, capacity: '8' },
    ];
    for (const vehicle of vehicles) {
      await page.getByRole('button', { name: L.fleet.add }).first().click();
      const dialog = await visible(page.getByRole('dialog', { name: L.fleet.addTitle }));
      await dialog.getByLabel(L.fleet.type).selectOption(vehicle.type);
      await dialog.getByLabel(L.fleet.plate).fill(vehicle.plate);
      await dialog.getByLabel(L.fleet.operator).fill('شركة الطبقة للنقل');
      await dialog.getByLabel(L.fleet.capacity[vehicle.type as 'bus' | 'cargo_truck']).fill(vehicle.capacity);
      await dialog.getByLabel(L.fleet.date).fill(tomorrow);
      await dialog.getByRole('button', { name: L.fleet.addDate }).click();
      await visible(dialog.getByRole('listitem'));
      if (vehicle.type === 'bus') await shot(page, 'add-vehicle-ar');
      await dialog.getByRole('button', { name: L.fleet.add }).click();
      await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
      await visible(page.getByRole('row').filter({ hasText: vehicle.plate }));
    }
    // The same plate twice is refused in words.
    await page.getByRole('button', { name: L.fleet.add }).first().click();
    let dialog = await visible(page.getByRole('dialog', { name: L.fleet.addTitle }));
    await dialog.getByLabel(L.fleet.plate).fill(`LB-${stamp}`);
    await dialog.getByLabel(L.fleet.operator).fill('شركة الطبقة للنقل');
    await dialog.getByLabel(L.fleet.capacity.bus).fill('30');
    await dialog.getByRole('button', { name: L.fleet.add }).click();
    await visible(dialog.getByRole('alert').filter({ hasText: L.errors.PLATE_TAKEN }));
    await dialog.getByRole('button', { name: AR.common.cancel }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The pool: the four families, counted by destination, priority and needs.
    const pool = await visible(page.getByRole('region', { name: L.pool.title }));
    const people = families.reduce((sum, f) => sum + f.members.length, 0);
    expect(await page.getByTestId('pool-total').textContent()).toBe(L.pool.total.replace('{{families}}', '4').replace('{{people}}', String(people)));
    const tabqa = (await journey.areas()).find((area) => area.code === TABQA)?.nameAr ?? TABQA;
    await visible(pool.getByRole('table', { name: L.pool.byDestination }).getByText(tabqa));
    await visible(pool.getByRole('table', { name: L.pool.byNeed }).getByText(L.pool.needs.none));
    await shot(page, 'fleet-ar');

    // Planning: a proposal, then a family withdraws before the commit: the plan is stale.
    await nav.getByRole('link', { name: L.nav.planning }).click();
    await page.getByLabel(L.plan.date).fill(tomorrow);
    await page.getByLabel(L.plan.time).fill('07:30');
    await page.getByLabel(L.plan.assemblyPoint).fill('Gate 2');
    await page.getByRole('button', { name: L.plan.propose }).click();
    const proposal = await visible(page.getByRole('region', { name: L.plan.proposal }), 60_000);
    await visible(proposal.getByRole('region', { name: L.plan.convoyTitle.replace('{{n}}', '1') }));
    expect(await page.getByTestId('plan-quality').textContent()).toBe(L.plan.busesVsBound.replace('{{used}}', '1').replace('{{bound}}', '1'));
    await shot(page, 'proposal-ar');

    const leaving = families[3]!;
    for (const adult of leaving.adults) await journey.decide(leaving.id, adult.id, 'withdraw');
    await waitFor('the withdrawn family to leave the pool', async () => ((await journey.pool()).some((p) => p.householdId === leaving.id) ? undefined : true), { timeoutMs: 90_000, intervalMs: 250 });
    await page.getByRole('button', { name: L.plan.commit }).click();
    dialog = await visible(page.getByRole('dialog', { name: L.plan.commitTitle }));
    await dialog.getByRole('button', { name: L.plan.commit }).click();
    const stale = await visible(page.getByRole('alert').filter({ hasText: L.plan.stale }), 30_000);
    await shot(page, 'stale-ar');
    await stale.getByRole('button', { name: L.plan.proposeAgain }).click();
    await visible(page.getByRole('region', { name: L.plan.proposal }), 60_000);
    await page.getByText(L.plan.familyList.replace('{{n}}', '3')).click();
    // Families named by their case numbers (transport keeps them from registration's snapshot).
    const convoyOne = L.plan.convoyTitle.replace('{{n}}', '1');
    const listed = page.getByRole('region', { name: convoyOne }).getByRole('table', { name: AR.logisticsEdit.familiesOf.replace('{{convoy}}', convoyOne) }).locator('tbody tr');
    expect(await listed.count()).toBe(3);
    expect(await listed.filter({ hasText: leaving.caseNumber }).count()).toBe(0);
    await visible(listed.filter({ hasText: families[0]!.caseNumber }));
    await page.getByRole('button', { name: L.plan.commit }).click();
    dialog = await visible(page.getByRole('dialog', { name: L.plan.commitTitle }));
    await dialog.getByRole('button', { name: L.plan.commit }).click();

    // The board: the convoy, planned; its page: the bus with the three families; confirmed.
    await page.waitForURL(/\/convoys$/, { timeout: 30_000 });
    await visible(page.getByText(L.board.committed.replace('{{n}}', '1')));
    const row = await visible(page.getByRole('row').filter({ hasText: 'Gate 2' }));
    await visible(row.getByText(L.status.planned));
    await shot(page, 'board-ar');
    await row.getByRole('link', { name: L.board.open }).click();
    await page.waitForURL(/\/convoys\/[0-9a-f-]{36}$/);
    const convoyId = page.url().split('/').pop() ?? '';
    const bus = await visible(page.getByRole('region', { name: `${L.vehicleTypes.bus} LB-${stamp}` }), 60_000);
    for (const family of families.slice(0, 3)) await visible(bus.getByText(family.caseNumber));
    expect(await bus.getByText(leaving.caseNumber).count()).toBe(0);
    await visible(page.getByRole('link', { name: L.convoy.boarding, exact: true }));
    expect(await page.getByRole('link', { name: L.convoy.boarding, exact: true }).getAttribute('href')).toBe(`/boarding/${convoyId}`);
    await page.getByRole('button', { name: L.convoy.confirm }).click();
    dialog = await visible(page.getByRole('dialog', { name: L.convoy.ask.confirm.title }));
    await dialog.getByRole('button', { name: L.convoy.ask.confirm.button }).click();
    await visible(page.getByText(L.status.confirmed, { exact: true }), 30_000);
    await shot(page, 'convoy-ar');

    // The manifest: right to left, a page per vehicle, labels and values in line, names isolated.
    await page.getByRole('link', { name: L.convoy.manifest }).click();
    await page.waitForURL(/\/manifest$/);
    await visible(page.getByRole('heading', { name: L.manifest.title }), 60_000);
    expect(await page.evaluate('document.documentElement.dir')).toBe('rtl');
    const sheets = page.locator('section.manifest-sheet');
    expect(await sheets.count()).toBe(2);
    const breaks = (await page.evaluate(
      `[...document.querySelectorAll('section.manifest-sheet')].map((s) => getComputedStyle(s).breakBefore)`,
    )) as string[];
    expect(breaks).toEqual(['page', 'page']);
    // Each label on the line of its value, every value starting at the same edge (the right, in Arabic).
    const lines = await factLines(page, '.manifest-facts');
    expect(lines.length).toBe(3);
    for (const facts of lines) {
      expect(Math.max(...facts.tops)).toBeLessThan(6);
      expect(new Set(facts.rights).size).toBe(1);
    }
    const memberCount = families.slice(0, 3).reduce((sum, f) => sum + f.members.length, 0);
    const busSheet = page.getByRole('region', { name: `${L.vehicleTypes.bus} LB-${stamp}` });
    // Buses first: people board them.
    expect(await sheets.first().getAttribute('aria-label')).toBe(`${L.vehicleTypes.bus} LB-${stamp}`);
    expect(await busSheet.locator('tbody tr').count()).toBe(memberCount);
    for (const member of families[0]!.members) {
      await visible(busSheet.locator('tbody bdi').filter({ hasText: member.fullNameAr }));
    }
    await shot(page, 'manifest-screen-ar');

    // Printed: A4, PDF rendered to PNG to look at; and with print media, the tools hidden.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.manifest-toolbar').isVisible()).toBe(false);
    await shot(page, 'manifest-print-ar');
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    const pdfFile = join(TEST_OUTPUT, 'logistics-manifest.pdf');
    writeFileSync(pdfFile, pdf);
    copyFileSync(pdfFile, '/tmp/logistics-manifest.pdf');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
    // The summary, then each vehicle on its own page (a long list may take more).
    expect(pages).toBeGreaterThanOrEqual(3);
    if (existsSync('/usr/bin/pdftoppm')) execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '60', pdfFile, '/tmp/logistics-manifest-pdf']);
    await page.emulateMedia({ media: 'screen' });

    // CSV: downloaded with the session, one line per passenger on the bus, one per family on the truck.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: L.convoy.csv }).click()]);
    const csvFile = join(TEST_OUTPUT, 'logistics-manifest.csv');
    await download.saveAs(csvFile);
    const csv = readFileSync(csvFile, 'utf8');
    expect(csv.startsWith('\uFEFFvehicle_plate,')).toBe(true);
    const csvLines = csv.trim().split('\r\n');
    expect(csvLines.length).toBe(1 + memberCount + 3);
    expect(csvLines.filter((line) => line.startsWith(`LB-${stamp},`)).length).toBe(memberCount);

    // Transport's own printable HTML (for staff printing without the console): the same checks.
    await page.goto(`${system.gatewayUrl}/api/transport/convoys/${convoyId}/manifest?format=html`);
    expect(await page.evaluate('document.documentElement.dir')).toBe('rtl');
    expect(await page.evaluate(`[...document.querySelectorAll('section.vehicle')].map((s) => getComputedStyle(s).breakBefore)`)).toEqual(['page', 'page']);
    const serviceFacts = await factLines(page, 'dl');
    expect(serviceFacts.length).toBe(1);
    expect(Math.max(...serviceFacts[0]!.tops)).toBeLessThan(6);
    expect(new Set(serviceFacts[0]!.rights.slice(0, 4)).size).toBe(1);
    await shot(page, 'manifest-service-html');

    // One vehicle's sheet alone.
    await page.goto(`${system.gatewayUrl}/convoys/${convoyId}`);
    await page.getByRole('link', { name: L.convoy.vehicleManifest.replace('{{plate}}', `LT-${stamp}`) }).click();
    await page.waitForURL(/\/manifest\?vehicle=/);
    await visible(page.locator('section.manifest-sheet'));
    expect(await page.locator('section.manifest-sheet').count()).toBe(1);
    expect(await page.locator('section.manifest-summary').count()).toBe(0);
    await shot(page, 'manifest-truck-ar');
    await context.close();
  }, 400_000);
});
