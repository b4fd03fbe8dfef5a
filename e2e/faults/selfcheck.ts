// Shows that the invariant checker can fail: plants a stuck outbox row, a lost event, a duplicate SMS,
// an expected SMS never sent and a seat counter out of step, inside a transaction the checker reads
// through and that is then rolled back (the running services never see any of it), and a dead letter
// in a namespace of its own.
import type pg from 'pg';
import { headers as natsHeaders } from '@nats-io/nats-core';
import type { JetStreamManager } from '@nats-io/jetstream';
import { deadLetterSubject, ensureEventStream, eventStreamName } from '@awda/messaging';
import { checkDeadLetters, checkInvariants, type Violation } from './invariants.js';

const HH_DUP = '0f000000-0000-4000-8000-000000000001';
const HH_MISSING = '0f000000-0000-4000-8000-000000000002';

export interface SelfCheckResult {
  clean: Violation[];
  planted: Violation[];
  deadLetters: Violation[];
}

export async function selfCheck(pool: pg.Pool, jsm: JetStreamManager, namespace: string): Promise<SelfCheckResult> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const clean = (await checkInvariants({ pool: client, jsm, namespace }, { registered: new Set(), registeredWithPhone: new Set() })).violations;
    // A stuck outbox row and a row marked published that the stream never got.
    await client.query(
      `INSERT INTO transport.outbox (id, subject, envelope) VALUES ('0f000000-0000-4000-8000-0000000000a1', 'awda.transport.convoy.confirmed.v1', '{}')`,
    );
    await client.query(
      `INSERT INTO registration.outbox (id, subject, envelope, published_at)
       VALUES ('0f000000-0000-4000-8000-0000000000a2', 'awda.registration.household.registered.v1', '{}', now())`,
    );
    // The same SMS sent twice for two causes (e.g. an event re-emitted under a new id).
    await client.query(`INSERT INTO notifications.recipients (household_id, camp_id, phone_encrypted) VALUES ($1, 'selfcheck', 'x')`, [HH_DUP]);
    for (const [id, cause] of [
      ['0f000000-0000-4000-8000-0000000000b1', '0f000000-0000-4000-8000-0000000000c1'],
      ['0f000000-0000-4000-8000-0000000000b2', '0f000000-0000-4000-8000-0000000000c2'],
    ]) {
      await client.query(
        `INSERT INTO notifications.messages (id, household_id, camp_id, template, cause_event_id, cause_subject, status, due_at)
         VALUES ($1, $2, 'selfcheck', 'registered', $3, 'awda.registration.household.registered.v1', 'sent', now())`,
        [id, HH_DUP, cause],
      );
      await client.query(`INSERT INTO notifications.dev_sms_outbox (message_id, to_masked, body, encoding, segments) VALUES ($1, '+963***', 'x', 'GSM-7', 1)`, [id]);
    }
    // One message handed to the provider twice (its row counts the second send() call).
    await client.query(`UPDATE notifications.dev_sms_outbox SET hand_offs = 2 WHERE message_id = '0f000000-0000-4000-8000-0000000000b1'`);
    // A seat counter that does not match its bookings.
    await client.query(
      `INSERT INTO transport.vehicles (id, camp_id, type, plate, operator, seats) VALUES ('0f000000-0000-4000-8000-0000000000d1', 'selfcheck', 'bus', 'SELFCHECK-1', 'x', 50)`,
    );
    await client.query(
      `INSERT INTO transport.convoys (id, camp_id, corridor_id, departure_date, departure_time, assembly_point, destinations, status, created_by)
       VALUES ('0f000000-0000-4000-8000-0000000000d2', 'selfcheck', 'raqqa-tabqa', '2030-01-01', '07:00', 'x', ARRAY['SY110000'], 'planned', 'selfcheck')`,
    );
    await client.query(
      `INSERT INTO transport.convoy_vehicles (id, convoy_id, vehicle_id, departure_date, kind, capacity, used)
       VALUES ('0f000000-0000-4000-8000-0000000000d3', '0f000000-0000-4000-8000-0000000000d2', '0f000000-0000-4000-8000-0000000000d1', '2030-01-01', 'seats', 50, 3)`,
    );
    const planted = (
      await checkInvariants({ pool: client, jsm, namespace }, { registered: new Set([HH_MISSING]), registeredWithPhone: new Set([HH_MISSING]) })
    ).violations;
    await client.query('ROLLBACK');

    // A dead letter, in a namespace nobody else uses.
    const dlqNamespace = `${namespace}_selfcheck`;
    await ensureEventStream(jsm, dlqNamespace);
    const h = natsHeaders();
    h.set('Awda-Dlq-Reason', 'handler_failed');
    await jsm.jetstream().publish(deadLetterSubject(dlqNamespace, 'transport'), '{}', { headers: h });
    const deadLetters: Violation[] = [];
    await checkDeadLetters(jsm, dlqNamespace, deadLetters);
    await jsm.streams.delete(eventStreamName(dlqNamespace));
    return { clean, planted, deadLetters };
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}
