import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstream } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { v7 as uuidv7 } from 'uuid';
import { SMS_STATUS_CHANGED_V1, type SmsStatusChangedV1 } from '@awda/contracts';
import { readDeadLetters, wireSubject } from '@awda/messaging';
import { waitFor } from '@awda/testing';
import { bearer, family, newKey, publishEvent, startHarness, token, type Harness } from './harness.js';

let h: Harness;
let caseworker: string;

beforeAll(async () => {
  h = await startHarness();
  caseworker = await token(['caseworker'], ['mahmoudli'], 'cw-sms');
});

afterAll(async () => {
  await h?.close();
});

async function register(caseNumber: string): Promise<string> {
  const res = await h.http().post('/households').set(bearer(caseworker)).set('Idempotency-Key', newKey()).send(family(caseNumber)).expect(201);
  return (res.body as { id: string }).id;
}

type Entry = { kind: string; actor: string | null; detail: Record<string, unknown> };
async function timeline(householdId: string): Promise<Entry[]> {
  const res = await h.http().get(`/households/${householdId}/timeline`).set(bearer(caseworker)).expect(200);
  return (res.body as { entries: Entry[] }).entries;
}

const outcome = (householdId: string, status: SmsStatusChangedV1['status'], reason: SmsStatusChangedV1['reason'], template = 'scheduled'): SmsStatusChangedV1 => ({
  messageId: uuidv7(),
  householdId,
  campId: 'mahmoudli',
  template,
  status,
  at: new Date().toISOString(),
  ...(reason === undefined ? {} : { reason }),
});

describe('SMS outcomes on the household timeline', () => {
  it('should show once each SMS that never reached the family, with why, and nothing for a superseded or sent one', async () => {
    const id = await register('SMS-0001');
    const noPhone = outcome(id, 'expired', 'no_phone');
    const eventId = await publishEvent(h.broker, SMS_STATUS_CHANGED_V1, noPhone, id);
    // The same event again (a redelivery with the same envelope id): one timeline entry.
    const h2 = natsHeaders();
    h2.set('Nats-Msg-Id', uuidv7());
    h2.set('Awda-Key', id);
    await jetstream(h.broker.nc).publish(
      wireSubject(h.broker.namespace, SMS_STATUS_CHANGED_V1),
      JSON.stringify({ id: eventId, type: SMS_STATUS_CHANGED_V1, occurredAt: new Date().toISOString(), producer: 'notifications', correlationId: 'c', causationId: null, data: noPhone }),
      { headers: h2 },
    );
    await publishEvent(h.broker, SMS_STATUS_CHANGED_V1, outcome(id, 'cancelled', 'superseded', 'assessed_pending'), id);
    await publishEvent(h.broker, SMS_STATUS_CHANGED_V1, outcome(id, 'sent', undefined), id);
    // Cancelled is a decision (here: the departure made the reminder moot), not a family left uninformed.
    await publishEvent(h.broker, SMS_STATUS_CHANGED_V1, outcome(id, 'cancelled', 'expired', 'reminder'), id);
    await publishEvent(h.broker, SMS_STATUS_CHANGED_V1, outcome(id, 'suppressed', 'opted_out', 'reminder'), id);
    const entries = await waitFor('the opt-out on the timeline', async () => {
      const all = await timeline(id);
      return all.some((e) => e.kind === 'not_informed' && e.detail['reason'] === 'opted_out') ? all : undefined;
    });
    const notInformed = entries.filter((e) => e.kind === 'not_informed');
    expect(notInformed.map((e) => [e.detail['template'], e.detail['status'], e.detail['reason']])).toEqual([
      ['scheduled', 'expired', 'no_phone'],
      ['reminder', 'suppressed', 'opted_out'],
    ]);
    expect(notInformed[0]?.actor).toBe('system:notifications');
  });

  it('should dead-letter a malformed outcome and go on with the next', async () => {
    const id = await register('SMS-0002');
    await publishEvent(h.broker, SMS_STATUS_CHANGED_V1, { ...outcome(id, 'failed', 'provider_failed'), reason: 'lost_in_space' } as unknown as SmsStatusChangedV1, id);
    await publishEvent(h.broker, SMS_STATUS_CHANGED_V1, outcome(id, 'failed', 'provider_failed'), id);
    await waitFor('the failure on the timeline', async () => (await timeline(id)).some((e) => e.kind === 'not_informed'));
    const letters = await waitFor('the dead letter', async () => {
      const all = await readDeadLetters(h.broker.jsm, h.broker.namespace, 'registration');
      return all.some((l) => l.originalSubject.endsWith(SMS_STATUS_CHANGED_V1) && l.body.includes('lost_in_space')) ? all : undefined;
    });
    expect(letters.find((l) => l.body.includes('lost_in_space'))?.reason).toBe('contract');
    expect((await timeline(id)).filter((e) => e.kind === 'not_informed')).toHaveLength(1);
  });
});
