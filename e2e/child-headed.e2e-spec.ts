// A child-headed household can become eligible and be told (issue 22 item 4). Two siblings with no
// adult: registration refuses the elder's own consent and records their guardian's; eligibility, with
// the same adult age as registration (ADULT_AGE), asks for exactly that and then finds the family
// eligible; transport schedules it; notifications sends the travel SMS to the guardian's phone, never
// to the children's. Registration, eligibility, transport and notifications run in this process.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateHouseholds, waitFor, type GeneratedHousehold } from '@awda/testing';
import { startInProcess, type InProcessSystem } from './in-process.js';
import { ApiError, Journey, localDate, readSmsDir, type MessageView, type Registered } from './journey.js';

const CAMP = 'mahmoudli-child';
const TABQA = 'SY110200';
// Fictitious numbers: the guardian's, and how the dev provider masks a number in its files.
const GUARDIAN_PHONE = '0955 412 376';
const GUARDIAN_E164 = '+963955412376';
const masked = (e164: string): string => `${e164.slice(0, 4)}${'*'.repeat(e164.length - 7)}${e164.slice(-3)}`;

let system: InProcessSystem;
let journey: Journey;
let smsDir: string;

/** Two (or more) children of a generated family, the eldest their head, without the adults. */
function childHeadedFamily(seed: string): GeneratedHousehold {
  const under17 = localDate(-17 * 366);
  for (const found of generateHouseholds(seed, 300, { destinationAreas: [TABQA], campId: CAMP })) {
    const children = found.members.filter((m) => m.dateOfBirth > under17 && m.dateOfBirth < localDate(-8 * 366));
    const document = found.members.find((m) => m.document !== null)?.document ?? null;
    if (children.length < 2 || document === null || found.phone === null || found.phone.endsWith('376')) continue;
    const sorted = [...children].sort((a, b) => a.dateOfBirth.localeCompare(b.dateOfBirth));
    return {
      ...found,
      members: sorted.map((m, i) => ({ ...m, relationship: i === 0 ? 'head' : 'sibling', document: i === 0 ? document : null, needs: ['UASC'] })),
    };
  }
  throw new Error('no suitable generated family');
}

beforeAll(async () => {
  smsDir = await mkdtemp(join(tmpdir(), 'awda-child-sms-'));
  system = await startInProcess({
    services: ['registration', 'eligibility', 'transport', 'notifications'],
    // No quiet hours: the test does not depend on the time of day it runs at.
    extraEnv: { SMS_DEV_OUTBOX_DIR: smsDir, SMS_QUIET_START: '00:00', SMS_QUIET_END: '00:00' },
  });
  journey = await Journey.create(system.urls, CAMP);
}, 120_000);

afterAll(async () => {
  await system?.stop();
  if (smsDir) await rm(smsDir, { recursive: true, force: true });
});

describe('a child-headed household with a guardian', () => {
  let family: Registered;

  it("should refuse the elder child's own consent and ask for a guardian's consent or a best-interests decision", async () => {
    family = await journey.register(childHeadedFamily('child-headed'), { caseNumber: 'MHM-CHD-000001' });
    expect(family.adults).toEqual([]);
    const head = family.members.find((m) => m.relationship === 'head');
    const refused = await journey.decide(family.id, head?.id ?? '', 'consent').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).status).toBe(422);
    const pending = await journey.waitForAssessment(family.id, 1, (a) => a.status === 'pending');
    expect(pending.reasons.map((r) => r.code)).toEqual(['guardian_consent_missing']);
    const view = await journey.household(family.id);
    expect(view).toMatchObject({ childHeaded: true, consentMissing: ['guardian consent or best-interests decision missing'] });
  });

  it("should find the family eligible on its guardian's consent", async () => {
    const outcome = await journey.call<{ version: number; missing: string[] }>(
      'caseworker',
      'registration',
      'POST',
      `/households/${family.id}/guardian-consents`,
      {
        basis: 'guardian',
        decision: 'consent',
        decidedOn: localDate(-1),
        method: 'signed_form',
        guardian: { fullName: 'خالد جاسم الدرويش', relationship: 'paternal uncle', phone: GUARDIAN_PHONE },
      },
      { expect: [201], idempotencyKey: `guardian-${randomUUID()}`, householdId: family.id },
    );
    expect(outcome.missing).toEqual([]);
    const eligible = await journey.waitForAssessment(family.id, outcome.version, (a) => a.status === 'eligible');
    expect(eligible.reasons).toEqual([]);
  });

  it("should send the travel SMS to the guardian's phone, not the children's", async () => {
    const tomorrow = localDate(1);
    await journey.createFleet({ buses: 1, seats: 45, cargoTrucks: 1, ambulances: 0 }, [tomorrow], 'CHD');
    await journey.waitForPool([family.id]);
    const proposal = await journey.propose({ campId: CAMP, departureDate: tomorrow, departureTime: '09:00', assemblyPoint: 'Gate 2' });
    const committed = await journey.commit(proposal.planId);
    for (const convoy of committed.convoys) await journey.confirm(convoy.convoyId);
    const sent = (messages: MessageView[]) => messages.some((m) => m.template === 'scheduled' && m.status !== 'queued' && m.status !== 'sending');
    const messages = await journey.waitForMessages(family.id, sent, 60_000);
    const scheduled = messages.find((m) => m.template === 'scheduled');
    expect(scheduled?.status).not.toBe('expired');
    const files = await waitFor('the dev provider to write the scheduled SMS', async () => {
      const all = await readSmsDir(smsDir);
      return scheduled && all.has(scheduled.id) ? all : undefined;
    });
    expect(files.get(scheduled?.id ?? '')?.to).toBe(masked(GUARDIAN_E164));
    // Nothing at all went to the children's phone.
    const childPhone = family.generated.phone ?? '';
    const ours = messages.flatMap((m) => (files.has(m.id) ? [files.get(m.id)?.to] : []));
    expect(ours.length).toBeGreaterThan(0);
    for (const to of ours) expect(to?.slice(-3)).not.toBe(childPhone.replace(/\D/g, '').slice(-3));
  });
});
