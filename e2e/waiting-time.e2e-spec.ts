// Waiting time raises priority whatever a household's record churn (issue 22 item 7). Two otherwise
// equal families: one registered long ago and never touched since its first assessment, one registered
// later whose record keeps changing (each change is a new assessment). Transport must rank the family
// that waited longer first, in its pool and in the plan. Eligibility and transport run in this process
// with eligibility's clock set by the test; the test plays registration.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { v7 as uuidv7 } from 'uuid';
import {
  AREAS_PUBLISHED_V1,
  HOUSEHOLD_REGISTERED_V1,
  HOUSEHOLD_UPDATED_V1,
  type HouseholdSnapshotV1,
  type MemberFactsV1,
} from '@awda/contracts';
import { waitFor } from '@awda/testing';
import { publishEvent, startInProcess, TestClock, type InProcessSystem } from './in-process.js';
import { Journey, localDate } from './journey.js';

const CAMP = 'mahmoudli-waiting';
const RAQQA = 'SY110000';
const DAY = 86_400_000;

const clock = new TestClock();
let system: InProcessSystem;
let journey: Journey;

function adult(isHead: boolean): MemberFactsV1 {
  return {
    memberId: uuidv7(),
    isHead,
    age: isHead ? 44 : 39,
    sex: isHead ? 'male' : 'female',
    needs: [],
    fitToTravel: null,
    hasMedicalClearance: false,
    hasBestInterestsDetermination: false,
    hasIdentityDocument: true,
    consent: 'consent',
  };
}

/** A family of three adults, all consenting, going to Raqqa: eligible under the default rules. */
function family(caseNumber: string, registeredAt: Date): HouseholdSnapshotV1 {
  return {
    householdId: uuidv7(),
    campId: CAMP,
    caseNumber,
    version: 1,
    status: 'registered',
    destinationArea: RAQQA,
    language: 'ar',
    consentPolicy: 'each_adult',
    registeredAt: registeredAt.toISOString(),
    members: [adult(true), adult(false), adult(false)],
    unresolvedDuplicates: 0,
  };
}

beforeAll(async () => {
  system = await startInProcess({ services: ['eligibility', 'transport'], eligibilityClock: clock });
  journey = await Journey.create(system.urls, CAMP);
  // Registration's area list, as registration would publish it.
  await publishEvent(
    system.broker,
    AREAS_PUBLISHED_V1,
    {
      areas: [
        { code: 'SY11', level: 'governorate', parentCode: null, nameAr: 'الرقة', nameEn: 'Ar-Raqqa' },
        { code: 'SY1100', level: 'district', parentCode: 'SY11', nameAr: 'الرقة', nameEn: 'Ar-Raqqa' },
        { code: RAQQA, level: 'subdistrict', parentCode: 'SY1100', nameAr: 'الرقة', nameEn: 'Ar-Raqqa' },
      ],
      publishedAt: new Date().toISOString(),
    },
    'areas',
  );
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

describe('waiting time in the planning order', () => {
  it('should rank the family that waited longer first, though the other one was assessed more recently', async () => {
    const now = new Date();
    // Registered seven months ago and assessed that same day; nothing has changed since.
    const waitedLong = family('MHM-WAIT-000001', new Date(now.getTime() - 210 * DAY));
    clock.set(new Date(now.getTime() - 210 * DAY + 3_600_000));
    await publishEvent(system.broker, HOUSEHOLD_REGISTERED_V1, { household: waitedLong }, waitedLong.householdId);
    await journey.waitForAssessment(waitedLong.householdId, 1, (a) => a.status === 'eligible');

    // Registered three months ago; its record changed today, twice (a phone, a language), so it was re-assessed today.
    clock.set(now);
    let churning = family('MHM-WAIT-000002', new Date(now.getTime() - 95 * DAY));
    await publishEvent(system.broker, HOUSEHOLD_REGISTERED_V1, { household: churning }, churning.householdId);
    for (const language of ['en', 'ar'] as const) {
      churning = { ...churning, version: churning.version + 1, language };
      await publishEvent(system.broker, HOUSEHOLD_UPDATED_V1, { household: churning, changes: ['language'] }, churning.householdId);
    }
    await journey.waitForAssessment(churning.householdId, 1, (a) => a.status === 'eligible');

    const tomorrow = localDate(1);
    // Room for one family of three: a four-seat minibus keeps one seat spare.
    await journey.createFleet({ buses: 0, cargoTrucks: 2, ambulances: 0 }, [tomorrow], 'WAIT-T');
    await journey.call('logistics', 'transport', 'POST', '/vehicles', {
      campId: CAMP,
      plate: 'WAIT-MINIBUS-1',
      operator: 'Tabqa Transport Co.',
      type: 'minibus',
      seats: 4,
      availableDates: [tomorrow],
    });
    const pool = await waitFor('both families in the planning pool', async () => {
      const p = await journey.pool();
      return p.length === 2 ? p : undefined;
    });
    expect(pool.map((p) => p.householdId)).toEqual([waitedLong.householdId, churning.householdId]);

    const proposal = await journey.propose({ campId: CAMP, departureDate: tomorrow, departureTime: '07:00', assemblyPoint: 'Gate 2' });
    expect(proposal.plan.convoys.flatMap((c) => c.householdIds)).toEqual([waitedLong.householdId]);
    expect(proposal.plan.unplaced.map((u) => u.householdId)).toEqual([churning.householdId]);
  });
});
