// Contract-valid domain events for reporting tests: generated ids, no people (the events carry none).
import { v7 as uuidv7 } from 'uuid';
import {
  AREAS_PUBLISHED_V1,
  CONVOY_ARRIVED_V1,
  CONVOY_CONFIRMED_V1,
  CONVOY_DEPARTED_V1,
  HOUSEHOLD_ASSESSED_V1,
  HOUSEHOLD_REGISTERED_V1,
  HOUSEHOLD_SCHEDULED_V1,
  HOUSEHOLD_UPDATED_V1,
  SMS_STATUS_CHANGED_V1,
  type EventEnvelope,
} from '@awda/contracts';

export function envelopeOf(type: string, data: unknown, occurredAt = new Date().toISOString()): EventEnvelope {
  return { id: uuidv7(), type, occurredAt, producer: type.split('.')[1] ?? 'test', correlationId: `corr-${uuidv7()}`, causationId: null, data };
}

function snapshot(householdId: string, campId: string, version: number, members: number, language: string, area: string) {
  return {
    householdId,
    campId,
    caseNumber: `CASE-${householdId.slice(-6)}`,
    version,
    status: 'registered',
    destinationArea: area,
    language,
    consentPolicy: 'each_adult',
    registeredAt: '2026-10-01T08:00:00.000Z',
    members: Array.from({ length: members }, (_, i) => ({
      memberId: uuidv7(),
      isHead: i === 0,
      age: i === 0 ? 40 : 10,
      sex: i % 2 ? 'female' : 'male',
      needs: [],
      fitToTravel: null,
      hasMedicalClearance: false,
      hasBestInterestsDetermination: false,
      hasIdentityDocument: true,
      consent: i === 0 ? 'consent' : null,
    })),
    unresolvedDuplicates: 0,
  };
}

function assessed(householdId: string, campId: string, version: number, status: 'eligible' | 'pending', codes: string[], area: string) {
  return {
    householdId,
    campId,
    status,
    reasons: codes.map((code) => ({ ruleId: code, code, params: {}, outcome: 'pending' })),
    priority: 10,
    ruleSetVersion: 1,
    householdVersion: 2,
    assessmentVersion: version,
    destinationArea: area,
    override: null,
    assessedAt: '2026-10-02T08:00:00.000Z',
  };
}

export interface CampStory {
  campId: string;
  /** Families that board the camp's one convoy (each of 4 people). */
  returning: number;
  /** Families still waiting, pending with the reason consent_missing. */
  waiting: number;
  departedAt: string;
  area: string;
}

/**
 * A camp's history: areas published, households registered then updated (version 2, 4 members),
 * assessed pending then eligible, scheduled, a confirmed convoy that departs and arrives, and one
 * scheduled SMS per family (sent, then delivered).
 */
export function campHistory(story: CampStory): EventEnvelope[] {
  const { campId, area } = story;
  const events: EventEnvelope[] = [];
  const returning = Array.from({ length: story.returning }, () => uuidv7());
  const waiting = Array.from({ length: story.waiting }, () => uuidv7());
  const convoyId = uuidv7();
  const departureDate = story.departedAt.slice(0, 10);
  [...returning, ...waiting].forEach((id, i) => {
    const language = i % 3 === 2 ? 'ckb' : 'ar';
    events.push(envelopeOf(HOUSEHOLD_REGISTERED_V1, { household: snapshot(id, campId, 1, 2, language, area) }));
    events.push(envelopeOf(HOUSEHOLD_UPDATED_V1, { household: snapshot(id, campId, 2, 4, language, area), changes: ['members'] }));
    events.push(envelopeOf(HOUSEHOLD_ASSESSED_V1, assessed(id, campId, 1, 'pending', ['consent_missing'], area)));
    const messageId = uuidv7();
    // Handed to the provider: two UCS-2 parts at 6 cents each.
    const sms = { messageId, householdId: id, campId, template: 'registered', segments: 2, encoding: 'UCS-2', costMinor: 12, currency: 'USD' };
    events.push(envelopeOf(SMS_STATUS_CHANGED_V1, { ...sms, status: 'sent', at: '2026-10-01T09:00:00.000Z' }));
    events.push(envelopeOf(SMS_STATUS_CHANGED_V1, { ...sms, status: 'delivered', at: '2026-10-01T09:00:05.000Z' }));
  });
  for (const id of returning) {
    events.push(envelopeOf(HOUSEHOLD_ASSESSED_V1, assessed(id, campId, 2, 'eligible', [], area)));
    events.push(envelopeOf(HOUSEHOLD_SCHEDULED_V1, {
      householdId: id, campId, convoyId, departureDate, departureTime: '07:00', assemblyPoint: 'Gate 2',
      destinationArea: area, scheduleVersion: 1,
    }));
  }
  if (returning.length > 0) {
    events.push(envelopeOf(CONVOY_CONFIRMED_V1, {
      convoyId, campId, departureDate, departureTime: '07:00', assemblyPoint: 'Gate 2', destinations: [area], householdIds: returning,
    }));
    events.push(envelopeOf(CONVOY_DEPARTED_V1, {
      convoyId, campId, departedAt: story.departedAt,
      boarded: returning.map((householdId) => ({ householdId, memberIds: [uuidv7(), uuidv7(), uuidv7(), uuidv7()] })),
      noShows: [],
    }));
    events.push(envelopeOf(CONVOY_ARRIVED_V1, { convoyId, campId, arrivedAt: story.departedAt.replace('T05', 'T11'), householdIds: returning }));
  }
  return events;
}

export function areasPublished(areas: { code: string; nameAr: string; nameEn: string }[]): EventEnvelope {
  return envelopeOf(AREAS_PUBLISHED_V1, {
    areas: areas.map((area) => ({ ...area, level: 'community', parentCode: null })),
    publishedAt: '2026-10-01T00:00:00.000Z',
  });
}
