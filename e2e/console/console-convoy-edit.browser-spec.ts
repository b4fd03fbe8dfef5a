// A logistics officer changes plans in Chromium, in Arabic: before the commit a family moves to another
// bus of its convoy and one is taken out of the proposal; after it, on the convoy page, a family is taken
// off a planned convoy, one moves to another convoy, and that convoy is cancelled with a reason. Each
// step is checked in transport through its API. Screenshots go to test-output/console/ and /tmp/convoy-edit-*.png.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { generateHouseholds, waitFor, type GeneratedHousehold } from '@awda/testing';
import { AwdaSystem } from '../harness.js';
import { Journey, localDate, urlsOf, type Registered } from '../journey.js';
import { launchChromium, newContext, screenshot, type RunningBrowser } from './browser.js';
import { AR, signIn, visible } from './console-pages.js';

const PASSWORD = 'buses-roll-at-seven-3';
const CAMP = 'mahmoudli';
const TABQA = 'SY110200';
const L = AR.logistics;
const E = AR.logisticsEdit;

interface Bus {
  vehicleId: string;
  capacity: number;
  seatUnits: number;
  households: { householdId: string; seatUnits: number }[];
}
interface Proposal {
  planId: string;
  plan: { convoys: { id: string; corridorId: string; householdIds: string[]; buses: Bus[] }[] };
}
interface Manifest {
  vehicles: { vehicleId: string; kind: string; households: { householdId: string }[] }[];
}
interface Convoy {
  id: string;
  status: string;
  cancelReason: string | null;
  corridorId: string;
  households: { householdId: string; caseNumber: string | null; status: string }[];
}

async function shot(page: Page, name: string): Promise<void> {
  const file = await screenshot(page, `convoy-edit-${name}`);
  copyFileSync(file, `/tmp/convoy-edit-${name}.png`);
}

function plainFamilies(seed: string, count: number): GeneratedHousehold[] {
  const found = generateHouseholds(seed, 300, { destinationAreas: [TABQA], campId: CAMP }).filter(
    (h) => h.members[0]?.document != null && h.members.every((m) => m.needs.length === 0) && h.members.length >= 2 && h.members.length <= 5,
  );
  if (found.length < count) throw new Error('not enough plain families among the generated ones');
  return found.slice(0, count);
}

describe('the console in Chromium: a logistics officer edits a proposal and its convoys', () => {
  let system: AwdaSystem;
  let chromium: RunningBrowser;
  let browser: Browser;
  let journey: Journey;
  let officer: { username: string; password: string };
  const families: Registered[] = [];
  const stamp = Date.now() % 100000;
  const tomorrow = localDate(1);
  const later = localDate(2);

  beforeAll(async () => {
    system = await AwdaSystem.start({ gateway: true, gatewayEnv: { SESSION_COOKIE_SECURE: 'false' } });
    chromium = await launchChromium();
    browser = chromium.browser;
    officer = await system.createUser({ roles: ['logistics'], camps: [CAMP], password: PASSWORD, displayName: 'سلمى' });
    journey = await Journey.create(urlsOf(system), CAMP);
    for (const [index, household] of plainFamilies(`convoy-edit-${stamp}`, 6).entries()) {
      const registered = await journey.register(household, { caseNumber: `EDT-${stamp}-${index + 1}` });
      await journey.consentAll(registered);
      families.push(registered);
    }
    await journey.waitForPool(families.map((f) => f.id), 90_000);
    // Buses that take one seat unit fewer than the six families need (10% of seats kept spare): two
    // buses, and whichever carries two families or more has one that fits on the other.
    const pool = await journey.call<{ householdId: string; seatUnits: number }[]>('logistics', 'transport', 'GET', `/pool?campId=${CAMP}`);
    const units = pool.filter((p) => families.some((f) => f.id === p.householdId)).reduce((sum, p) => sum + p.seatUnits, 0);
    await journey.createFleet({ buses: 3, seats: Math.ceil((units - 1) / 0.9), cargoTrucks: 2, cargoCapacity: 8, ambulances: 0 }, [tomorrow], `ED${stamp}`);
    await journey.createFleet({ buses: 1, seats: 45, cargoTrucks: 1, cargoCapacity: 8, ambulances: 0 }, [later], `EL${stamp}`);
  }, 400_000);

  afterAll(async () => {
    await chromium?.close();
    await system?.stop();
  });

  it('should move a family to another bus and take one out before the commit, then change the convoys', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, system.gatewayUrl, officer.username, officer.password);
    await page.waitForURL(/\/convoys$/, { timeout: 30_000 });

    // The proposal, as the page received it (to know which bus has room).
    await page.goto(`${system.gatewayUrl}/planning`);
    await page.getByLabel(L.plan.date).fill(tomorrow);
    await page.getByLabel(L.plan.time).fill('07:00');
    await page.getByLabel(L.plan.assemblyPoint).fill('Gate 3');
    const [answer] = await Promise.all([
      page.waitForResponse((res) => res.url().endsWith('/api/transport/plans') && res.request().method() === 'POST', { timeout: 60_000 }),
      page.getByRole('button', { name: L.plan.propose }).click(),
    ]);
    const proposal = (await answer.json()) as Proposal;
    expect(proposal.plan.convoys).toHaveLength(1);
    const planned = proposal.plan.convoys[0]!;
    expect(planned.buses.length).toBeGreaterThan(1);
    const byId = new Map(families.map((f) => [f.id, f]));
    // A family on one bus that fits in the free seats of another.
    const candidates = [...planned.buses]
      .sort((a, b) => a.seatUnits - b.seatUnits)
      .flatMap((to) =>
        planned.buses
          .filter((from) => from !== to && from.households.length > 1)
          .flatMap((from) => from.households.filter((h) => h.seatUnits <= to.capacity - to.seatUnits).map((h) => ({ family: byId.get(h.householdId), to }))),
      );
    const move = candidates.find((candidate) => candidate.family !== undefined) as { family: Registered; to: Bus } | undefined;
    if (!move) throw new Error(`no bus of the proposal has room for a family of another bus: ${JSON.stringify(planned.buses)}`);
    const out = families.find((f) => f.id !== move.family.id && planned.householdIds.includes(f.id))!;

    const convoyOne = L.plan.convoyTitle.replace('{{n}}', '1');
    const card = page.getByRole('region', { name: convoyOne });
    await card.getByText(L.plan.familyList.replace('{{n}}', '6')).click();
    const list = card.getByRole('table', { name: E.familiesOf.replace('{{convoy}}', convoyOne) });
    const row = (family: Registered) => list.locator('tbody tr').filter({ hasText: family.caseNumber });

    // Every family of one bus moved onto the other: more than it takes. Transport refuses, and the
    // refusal is shown on the row of the family whose move broke the rule (the first one sent).
    const [busA, busB] = planned.buses as [Bus, Bus];
    const crowd = busB.households.map((h) => byId.get(h.householdId)!);
    for (const family of crowd) await list.getByLabel(E.busOf.replace('{{family}}', family.caseNumber)).selectOption(busA.vehicleId);
    await visible(card.getByText(E.overCapacity, { exact: false }));
    await page.getByRole('button', { name: L.plan.commit }).click();
    let commitDialog = await visible(page.getByRole('dialog', { name: L.plan.commitTitle }));
    await commitDialog.getByRole('button', { name: L.plan.commit }).click();
    await visible(row(crowd[0]!).getByRole('alert').filter({ hasText: E.errors.PLAN_EDIT_BUS_FULL }), 30_000);
    await shot(page, 'proposal-refused-ar');
    expect(await journey.convoys(tomorrow)).toHaveLength(0);
    await page.getByRole('button', { name: E.undo }).click();
    await row(crowd[0]!).getByRole('alert').waitFor({ state: 'detached' });

    await list.getByLabel(E.busOf.replace('{{family}}', move.family.caseNumber)).selectOption(move.to.vehicleId);
    await list.getByRole('button', { name: E.takeOutOf.replace('{{family}}', out.caseNumber) }).click();
    await visible(list.locator('tbody tr').filter({ hasText: out.caseNumber }).getByText(E.takenOut));
    await visible(page.getByText(E.edited.replace('{{moved}}', '١').replace('{{out}}', '١')).or(page.getByText(E.edited.replace('{{moved}}', '1').replace('{{out}}', '1'))));
    await shot(page, 'proposal-edited-ar');
    await page.getByRole('button', { name: L.plan.commit }).click();
    commitDialog = await visible(page.getByRole('dialog', { name: L.plan.commitTitle }));
    await commitDialog.getByRole('button', { name: L.plan.commit }).click();
    await page.waitForURL(/\/convoys$/, { timeout: 30_000 });

    // In transport: the moved family on its new bus, the family taken out back in the pool.
    const convoys = await journey.convoys(tomorrow);
    expect(convoys).toHaveLength(1);
    const convoyId = convoys[0]!.id;
    const manifest = await journey.call<Manifest>('logistics', 'transport', 'GET', `/convoys/${convoyId}/manifest`);
    const seatedOn = manifest.vehicles.filter((v) => v.kind === 'seats' && v.households.some((h) => h.householdId === move.family.id)).map((v) => v.vehicleId);
    expect(seatedOn).toEqual([move.to.vehicleId]);
    expect(manifest.vehicles.some((v) => v.households.some((h) => h.householdId === out.id))).toBe(false);
    expect((await journey.pool()).map((p) => p.householdId)).toContain(out.id);

    // A second convoy on a later date, with the family taken out: the place another family can move to.
    const second = await journey.propose({ campId: CAMP, departureDate: later, departureTime: '08:00', assemblyPoint: 'Gate 4' });
    const committed = await journey.commit(second.planId);
    expect(committed.convoys[0]?.householdIds).toEqual([out.id]);
    const secondId = committed.convoys[0]!.convoyId;

    // The convoy page: take a family off the planned convoy.
    await page.goto(`${system.gatewayUrl}/convoys/${convoyId}`);
    const [takenOff, moved] = families.filter((f) => f.id !== out.id && f.id !== move.family.id);
    await page.getByRole('button', { name: L.convoy.unassignOf.replace('{{caseNumber}}', takenOff!.caseNumber) }).click();
    let ask = await visible(page.getByRole('dialog', { name: L.convoy.ask.unassign.title }));
    await ask.getByRole('button', { name: L.convoy.ask.unassign.button }).click();
    await ask.waitFor({ state: 'hidden', timeout: 30_000 });
    let view = await journey.call<Convoy>('logistics', 'transport', 'GET', `/convoys/${convoyId}`);
    expect(view.households.filter((h) => h.status !== 'released').map((h) => h.householdId)).not.toContain(takenOff!.id);
    await waitFor('the family taken off back in the pool', async () => ((await journey.pool()).some((p) => p.householdId === takenOff!.id) ? true : undefined), { timeoutMs: 30_000, intervalMs: 250 });

    // Move another family to the later convoy.
    await page.getByRole('button', { name: L.convoy.moveOf.replace('{{caseNumber}}', moved!.caseNumber) }).click();
    ask = await visible(page.getByRole('dialog', { name: L.convoy.ask.move.title }));
    await ask.getByLabel(L.convoy.moveTo).selectOption(secondId);
    await shot(page, 'move-dialog-ar');
    await ask.getByRole('button', { name: L.convoy.ask.move.button }).click();
    await ask.waitFor({ state: 'hidden', timeout: 30_000 });
    const target = await journey.call<Convoy>('logistics', 'transport', 'GET', `/convoys/${secondId}`);
    expect(target.households.filter((h) => h.status !== 'released').map((h) => h.householdId).sort()).toEqual([out.id, moved!.id].sort());
    expect(target.households.find((h) => h.householdId === moved!.id)?.caseNumber).toBe(moved!.caseNumber);
    view = await journey.call<Convoy>('logistics', 'transport', 'GET', `/convoys/${convoyId}`);
    expect(view.households.filter((h) => h.status !== 'released').map((h) => h.householdId)).not.toContain(moved!.id);
    await shot(page, 'convoy-after-moves-ar');

    // Cancel the later convoy with a reason.
    await page.goto(`${system.gatewayUrl}/convoys/${secondId}`);
    await page.getByRole('button', { name: L.convoy.cancel }).click();
    ask = await visible(page.getByRole('dialog', { name: L.convoy.ask.cancel.title }));
    const confirmCancel = ask.getByRole('button', { name: L.convoy.ask.cancel.button });
    expect(await confirmCancel.isDisabled()).toBe(true);
    await ask.getByLabel(L.convoy.cancelReason).fill('الطريق مغلق بسبب السيول');
    await confirmCancel.click();
    await ask.waitFor({ state: 'hidden', timeout: 30_000 });
    await visible(page.getByText(L.status.cancelled, { exact: true }), 30_000);
    const cancelled = await journey.call<Convoy>('logistics', 'transport', 'GET', `/convoys/${secondId}`);
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'الطريق مغلق بسبب السيول' });
    await shot(page, 'convoy-cancelled-ar');
    await context.close();
  }, 400_000);
});
