// Boarding on a tablet in Chromium (800×1280, Arabic, right to left): a logistics officer opens
// today's convoy with a network, loses the network, reloads (the service worker serves the console,
// the manifest comes from the device), checks in three families and marks one as not come, while
// a fourth family's withdrawal reaches transport; with the network back the queue drains, each tap is
// recorded once in transport (a replay of each request with its Idempotency-Key changes nothing), and
// the withdrawn family's check-in is listed as needing attention. Then departure, arrival, sign-out
// (the device's boarding data and key are erased). Screenshots go to test-output/console/.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { GatewayClient, generateHouseholds, waitFor } from '@awda/testing';
import { AwdaSystem } from '../harness.js';
import { Journey, localDate, urlsOf, type ConvoyView, type Registered } from '../journey.js';
import { launchChromium, newContext, screenshot, TABLET, type RunningBrowser } from './browser.js';
import { AR, signIn, visible } from './console-pages.js';

const PASSWORD = 'olive-tree-by-the-river-7';
const CAMP = 'mahmoudli';
const TABQA = 'SY110200';


const fill = (text: string, values: Record<string, string>) => Object.entries(values).reduce((out, [key, value]) => out.replace(`{{${key}}}`, value), text);

/** Names of the records boarding keeps in IndexedDB (store 'sealed' or 'keys'), read in the page. */
function storedNames(page: Page, store: 'sealed' | 'keys'): Promise<string[]> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('awda-boarding');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('${store}')) { db.close(); resolve([]); return; }
      const request = db.transaction('${store}').objectStore('${store}').getAllKeys();
      request.onsuccess = () => { db.close(); resolve(request.result.map(String)); };
      request.onerror = () => reject(request.error);
    };
  })`) as Promise<string[]>;
}

interface SentTap {
  path: string;
  key: string;
  body: Record<string, unknown>;
}

describe('boarding on a tablet with no network', () => {
  let system: AwdaSystem;
  let chromium: RunningBrowser;
  let browser: Browser;
  let officer: { username: string; password: string };
  let journey: Journey;
  let convoyId = '';
  let families: Registered[] = [];
  const stamp = Date.now() % 100000;

  beforeAll(async () => {
    system = await AwdaSystem.start({ gateway: true, gatewayEnv: { SESSION_COOKIE_SECURE: 'false' } });
    chromium = await launchChromium();
    browser = chromium.browser;
    officer = await system.createUser({ roles: ['logistics'], camps: [CAMP], password: PASSWORD, displayName: 'خالد' });

    // Five families eligible to travel, planned onto today's convoy and confirmed, all through the APIs.
    journey = await Journey.create(urlsOf(system), CAMP);
    const adult = localDate(-19 * 366);
    const generated = generateHouseholds(`boarding-${stamp}`, 200, { destinationAreas: [TABQA], campId: CAMP })
      .filter((h) => h.members.length <= 5 && h.members.every((m) => m.needs.length === 0) && h.members[0]?.document != null && (h.members[0]?.dateOfBirth ?? '') <= adult)
      .slice(0, 5);
    expect(generated).toHaveLength(5);
    families = [];
    for (const [index, household] of generated.entries()) {
      const registered = await journey.register(household, { caseNumber: `BRD-${stamp}-${index + 1}` });
      await journey.consentAll(registered);
      families.push(registered);
    }
    await journey.waitForAssessments(
      families.map((f) => f.id),
      (_, a) => (a?.status === 'eligible' ? null : 'not yet eligible'),
    );
    const today = localDate(0);
    await journey.createFleet({ buses: 1, seats: 45, cargoTrucks: 2, cargoCapacity: 8, ambulances: 0 }, [today], `BRD${stamp}`);
    await journey.waitForPool(families.map((f) => f.id), 60_000);
    const proposal = await journey.propose({ campId: CAMP, departureDate: today, departureTime: '07:30', assemblyPoint: 'البوابة 3' });
    const committed = await journey.commit(proposal.planId);
    expect(committed.convoys).toHaveLength(1);
    convoyId = committed.convoys[0]?.convoyId ?? '';
    expect(committed.convoys[0]?.householdIds.sort()).toEqual(families.map((f) => f.id).sort());
    await journey.confirm(convoyId);
  }, 600_000);

  afterAll(async () => {
    await chromium?.close();
    await system?.stop();
  });

  it('should board offline from the stored manifest, send each tap once when the network returns, and show the withdrawn family as a conflict', async () => {
    const context = await newContext(browser, { viewport: TABLET });
    const page = await context.newPage();
    const sent: SentTap[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (request.method() !== 'POST' || !/\/(check-ins|no-shows)$/.test(path)) return;
      const key = request.headers()['idempotency-key'] ?? '';
      if (!sent.some((tap) => tap.key === key)) sent.push({ path, key, body: JSON.parse(request.postData() ?? '{}') as Record<string, unknown> });
    });

    // Online: the officer's home is the convoy board; the menu's Boarding lists today's convoys; the
    // convoy opens and its manifest is stored.
    await signIn(page, system.gatewayUrl, officer.username, officer.password);
    await page.waitForURL(/\/convoys$/);
    await page.goto(`${system.gatewayUrl}/boarding`);
    await visible(page.getByRole('heading', { name: AR.boarding.listTitle }));
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await visible(page.getByText('البوابة 3'));
    await page.getByRole('link', { name: AR.boarding.open }).first().click();
    await page.waitForURL(new RegExp(`/boarding/${convoyId}$`));
    for (const family of families) await visible(page.getByText(family.caseNumber, { exact: true }));
    // The service worker has stored the console and controls the page.
    await waitFor('the service worker to control the page', async () => ((await page.evaluate('navigator.serviceWorker.controller !== null')) ? true : undefined), { timeoutMs: 60_000, intervalMs: 300 });
    expect((await storedNames(page, 'sealed')).sort()).toEqual(expect.arrayContaining([`convoy:${convoyId}`, 'user']));
    expect(await storedNames(page, 'keys')).toEqual(['session']);
    await screenshot(page, 'boarding-online-ar');

    // The network goes; meanwhile the fourth family withdraws its decision, and transport frees its seat.
    await context.setOffline(true);
    const [one, two, three, withdrawn, absent] = families as [Registered, Registered, Registered, Registered, Registered];
    for (const adult of withdrawn.adults) await journey.decide(withdrawn.id, adult.id, 'withdraw');
    await waitFor('transport to free the withdrawn family’s seat', async () => {
      const convoy = await journey.convoy(convoyId);
      return convoy.households.some((h) => h.householdId === withdrawn.id && h.status !== 'released') ? undefined : true;
    }, { timeoutMs: 60_000, intervalMs: 300 });

    // A reload with no network: the console comes from the service worker, the manifest from the device.
    await page.reload();
    await visible(page.getByText(AR.boarding.offline), 60_000);
    for (const family of families) await visible(page.getByText(family.caseNumber, { exact: true }));

    const search = page.getByLabel(AR.boarding.search);
    for (const family of [one, two, three, withdrawn]) {
      await search.fill(family.caseNumber.slice(-6));
      await page.getByRole('button', { name: fill(AR.boarding.checkInLabel, { caseNumber: family.caseNumber }) }).click();
    }
    await search.fill(absent.caseNumber);
    expect(await page.getByRole('button', { name: fill(AR.boarding.checkInLabel, { caseNumber: one.caseNumber }) }).count()).toBe(0);
    await page.getByRole('button', { name: fill(AR.boarding.noShowLabel, { caseNumber: absent.caseNumber }) }).click();
    await search.fill('');
    await visible(page.getByText(fill(AR.boarding.queue, { number: '5' }), { exact: false }));
    await screenshot(page, 'boarding-offline-queue-ar');

    // The network returns: the queue drains by itself.
    await context.setOffline(false);
    await visible(page.getByText(fill(AR.boarding.queue, { number: '0' }), { exact: false }), 90_000);
    const attention = await visible(page.getByRole('region', { name: AR.boarding.attentionTitle }), 30_000);
    await visible(attention.getByText(withdrawn.caseNumber, { exact: false }));
    await visible(attention.getByText(AR.boarding.conflicts.TRANSPORT_HOUSEHOLD_NOT_ON_CONVOY, { exact: false }));
    // The withdrawn family is off the manifest read again; the tablet shows what transport recorded.
    await visible(page.getByText(fill(AR.boarding.counts, { families: '4', checkedIn: '3', noShows: '1' })), 30_000);
    await screenshot(page, 'boarding-synced-conflict-ar');

    // Transport has each tap once: three families checked in with every member, one no-show, the withdrawn family not on board.
    const convoy: ConvoyView = await journey.convoy(convoyId);
    const row = (id: string) => convoy.households.find((h) => h.householdId === id);
    for (const family of [one, two, three]) {
      expect(row(family.id)?.checkedIn.sort()).toEqual(family.members.map((m) => m.id).sort());
    }
    expect(row(absent.id)).toMatchObject({ noShow: true, checkedIn: [] });
    expect(row(withdrawn.id)?.checkedIn ?? []).toEqual([]);
    expect(convoy.households.filter((h) => h.householdId === absent.id)).toHaveLength(1);

    // Each request again with its Idempotency-Key, as a tablet whose answers were lost would send it:
    // the recorded ones are answered from transport's memory, the refused one is refused again.
    expect(new Set(sent.map((tap) => tap.key)).size).toBe(5);
    const api = await GatewayClient.signedIn(system.gatewayUrl, officer.username, officer.password);
    for (const tap of sent) {
      const res = await api.post(tap.path, tap.body, { headers: { 'idempotency-key': tap.key } });
      if (tap.body['householdId'] === withdrawn.id) {
        expect(res.status).toBe(409);
      } else {
        expect(res.status).toBe(200);
        expect(res.headers.get('idempotent-replayed')).toBe('true');
      }
    }
    const after = await journey.convoy(convoyId);
    expect(after.households).toEqual(convoy.households);

    // Departure: recorded, and the convoy's manifest leaves the tablet; then arrival.
    await page.getByRole('button', { name: AR.boarding.depart }).click();
    const dialog = await visible(page.getByRole('dialog'));
    await dialog.getByRole('button', { name: AR.boarding.depart }).click();
    await visible(page.getByText(AR.boarding.departed, { exact: false }), 30_000);
    expect((await journey.convoy(convoyId)).status).toBe('departed');
    expect((await storedNames(page, 'sealed')).filter((name) => name.endsWith(convoyId))).toEqual([]);
    await page.getByRole('button', { name: AR.boarding.arrive }).click();
    await visible(page.getByText(AR.boarding.arrived), 30_000);
    expect((await journey.convoy(convoyId)).status).toBe('arrived');
    await screenshot(page, 'boarding-arrived-ar');

    // Sign-out erases what boarding kept on the device, the key included.
    await page.getByRole('button', { name: AR.nav.signOut }).click();
    await page.waitForURL(/\/signin/);
    expect(await storedNames(page, 'keys')).toEqual([]);
    expect(await storedNames(page, 'sealed')).toEqual([]);
    await context.close();
  }, 400_000);
});
