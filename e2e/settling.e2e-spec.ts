// One visit, one status SMS: a family registered and consented by the case worker in the same visit
// hears only where the visit ended (eligible), not the "pending: consent missing" of a minute before.
// The four services as OS processes (built dist/), driven through their HTTP APIs. Run:
// npm run build && NODE_OPTIONS=--experimental-vm-modules npx jest --selectProjects e2e e2e/settling
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateHouseholds, type GeneratedHousehold } from '@awda/testing';
import { AwdaSystem } from './harness.js';
import { Journey, localDate, urlsOf, type MessageView } from './journey.js';

const SETTLE_SECONDS = 60;
let system: AwdaSystem;

beforeAll(async () => {
  system = await AwdaSystem.start({
    extraEnv: {
      SMS_QUIET_START: '00:00',
      SMS_QUIET_END: '00:00',
      SMS_RATE_SEGMENTS_PER_SECOND: '2000',
      SMS_DISPATCH_POLL_MS: '200',
      RATE_LIMIT_SMS_PER_MINUTE: '100000',
      SMS_SETTLE_SECONDS: String(SETTLE_SECONDS),
    },
  });
}, 240_000);

afterAll(async () => {
  await system?.stop();
});

const STATUS = ['assessed_pending', 'assessed_eligible'];
const isSent = (m: MessageView) => m.status === 'sent' || m.status === 'delivered';

describe('status messages settle', () => {
  it('should send one status SMS to a family registered and consented in one visit', async () => {
    const campId = 'mahmoudli-e2e-settle';
    const journey = await Journey.create(urlsOf(system), campId);
    const generated = generateHouseholds('settling', 200, { destinationAreas: ['SY110000'], campId }).find(
      (h) => h.phone !== null && h.members.filter((m) => m.dateOfBirth <= localDate(-19 * 366)).length >= 2 && h.members.every((m) => m.needs.length === 0),
    ) as GeneratedHousehold;
    expect(generated).toBeDefined();

    const household = await journey.register(generated, { caseNumber: 'MHM-E2E-SETTLE1' });
    // Eligibility has judged it pending (consent missing) before the case worker records the consents.
    const pending = await journey.waitForAssessments([household.id], (_, a) => (a?.status === 'pending' ? null : 'not yet pending'));
    expect(pending.get(household.id)?.status).toBe('pending');
    await journey.consentAll(household);
    await journey.waitForAssessments([household.id], (_, a) => (a?.status === 'eligible' ? null : 'not yet eligible'));

    const messages = await journey.waitForMessages(
      household.id,
      (all) => all.some((m) => m.template === 'assessed_eligible' && isSent(m)),
      (SETTLE_SECONDS + 120) * 1000,
    );
    const status = messages.filter((m) => STATUS.includes(m.template));
    expect(status.filter(isSent).map((m) => m.template)).toEqual(['assessed_eligible']);
    // Each pending message (consent missing for two adults, then for one) was held and replaced, never sent.
    const held = status.filter((m) => m.template === 'assessed_pending');
    expect(held.length).toBeGreaterThanOrEqual(1);
    expect(held.map((m) => [m.status, (m as MessageView & { outcomeReason?: string }).outcomeReason])).toEqual(held.map(() => ['cancelled', 'superseded']));
    expect(messages.filter((m) => m.template === 'registered' && isSent(m))).toHaveLength(1);
  }, 400_000);
});
