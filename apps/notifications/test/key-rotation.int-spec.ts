// Field key rotation reaching notifications: the phones it keeps (and reply texts, flag notes) are
// re-encrypted with the new field key in resumable steps, so that retiring the old key loses nothing.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { FieldCipher, signToken } from '@awda/auth';
import type { ServiceApp } from '@awda/bootstrap';
import { DEV_FIELD_ENCRYPTION_ACTIVE_KEY, DEV_FIELD_ENCRYPTION_KEYS, DEV_JWT_SECRET } from '@awda/config';
import type { NotificationsConfig } from '../src/config.js';
import { startNotifications, type RunningNotifications } from './fixtures.js';

const sign = (roles: ('admin' | 'supervisor')[]) =>
  signToken({ sub: `rotation-${roles.join('-')}`, roles, camps: ['mahmoudli'], ttlSeconds: 600 }, { secret: DEV_JWT_SECRET, issuer: 'awda-local', audience: 'awda' });

const NEW_KEY = randomBytes(32);

describe('notifications field key rotation', () => {
  let running: RunningNotifications;
  let service: ServiceApp<NotificationsConfig>;
  let data: DataSource;
  const old = FieldCipher.fromConfig(DEV_FIELD_ENCRYPTION_KEYS, DEV_FIELD_ENCRYPTION_ACTIVE_KEY);
  const retired = new FieldCipher({ keys: { k2: NEW_KEY }, activeKeyId: 'k2' });
  const phones = new Map<string, string>();
  const reply = { id: uuidv7(), householdId: '', text: 'نعم، سنكون في نقطة التجمع' };
  const flag = { id: uuidv7(), householdId: '', note: 'Called the family back; all fine' };

  beforeAll(async () => {
    running = await startNotifications({
      FIELD_ENCRYPTION_KEYS: `${DEV_FIELD_ENCRYPTION_KEYS},k2:${NEW_KEY.toString('base64')}`, FIELD_ENCRYPTION_ACTIVE_KEY: 'k2',
    });
    ({ service, dataSource: data } = running);
    // Phones as contact.changed brought them before the rotation: encrypted with the old field key.
    for (let i = 0; i < 5; i++) {
      const householdId = uuidv7();
      const phone = `+96394455${String(1000 + i)}`;
      phones.set(householdId, phone);
      await data.query(`INSERT INTO recipients (household_id, camp_id, phone_encrypted, phone_hash) VALUES ($1, 'mahmoudli', $2, $3)`, [
        householdId, old.encrypt(phone, householdId), `hash-${i}`,
      ]);
    }
    await data.query(`INSERT INTO recipients (household_id, camp_id, phone_encrypted, erased_at) VALUES ($1, 'mahmoudli', NULL, now())`, [uuidv7()]);
    const [first] = [...phones.keys()];
    reply.householdId = first ?? '';
    flag.householdId = first ?? '';
    const inbound = uuidv7();
    await data.query(`INSERT INTO inbound_sms (id, provider, provider_message_id, phone_hash, households) VALUES ($1, 'dev', 'rot-1', 'hash-0', 1)`, [inbound]);
    await data.query(
      `INSERT INTO conversations (id, household_id, camp_id, purpose, cause_event_id, state, expires_at, opened_at, flagged, flag_clear_note_encrypted)
       VALUES ($1, $2, 'mahmoudli', 'arrival_check', $3, 'answered', now(), now(), false, $4)`,
      [flag.id, flag.householdId, uuidv7(), old.encrypt(flag.note, flag.householdId)],
    );
    await data.query(
      `INSERT INTO conversation_replies (id, inbound_sms_id, household_id, camp_id, conversation_id, outcome, text_encrypted, received_at)
       VALUES ($1, $2, $3, 'mahmoudli', $4, 'unrecognised', $5, now())`,
      [reply.id, inbound, reply.householdId, flag.id, old.encrypt(reply.text, reply.householdId)],
    );
  });

  afterAll(async () => {
    await running?.stop();
  });

  const http = () => request(service.app.getHttpServer());

  async function storedPhones(): Promise<{ household_id: string; phone_encrypted: string }[]> {
    return data.query(`SELECT household_id, phone_encrypted FROM recipients WHERE phone_encrypted IS NOT NULL ORDER BY household_id`);
  }

  it('should re-encrypt every phone, reply text and flag note with the new key in resumable steps, so the old key can be retired', async () => {
    const admin = await sign(['admin']);
    await http().get('/privacy/key-rotation').set('Authorization', `Bearer ${await sign(['supervisor'])}`).expect(403);
    await http().post('/privacy/key-rotation').set('Authorization', `Bearer ${admin}`).send({ batchSize: 0 }).expect(400);
    // Before the rotation, the new key alone reads none of them.
    for (const r of await storedPhones()) expect(() => retired.decrypt(r.phone_encrypted, r.household_id)).toThrow();

    const start = (await http().get('/privacy/key-rotation').set('Authorization', `Bearer ${admin}`).expect(200)).body;
    expect(start).toEqual({ activeKeyId: 'k2', reencrypted: 0, remaining: 7, total: 7 });
    const first = (await http().post('/privacy/key-rotation').set('Authorization', `Bearer ${admin}`).send({ batchSize: 3 }).expect(200)).body;
    expect(first).toMatchObject({ reencrypted: 3, remaining: 4 });
    // A phone arriving meanwhile from a producer still on the old key is counted, and taken by the next call.
    const late = uuidv7();
    phones.set(late, '+963944559999');
    await data.query(`INSERT INTO recipients (household_id, camp_id, phone_encrypted, phone_hash) VALUES ($1, 'mahmoudli', $2, 'hash-late')`, [late, old.encrypt('+963944559999', late)]);
    const rest = (await http().post('/privacy/key-rotation').set('Authorization', `Bearer ${admin}`).send({}).expect(200)).body;
    expect(rest).toEqual({ activeKeyId: 'k2', reencrypted: 5, remaining: 0, total: 8 });
    const again = (await http().post('/privacy/key-rotation').set('Authorization', `Bearer ${admin}`).send({}).expect(200)).body;
    expect(again).toMatchObject({ reencrypted: 0, remaining: 0 });

    // The old key retired: every phone, the reply and the note still read, and as they were.
    const stored = await storedPhones();
    expect(stored).toHaveLength(phones.size);
    for (const r of stored) expect(retired.decrypt(r.phone_encrypted, r.household_id)).toBe(phones.get(r.household_id));
    const [replyRow]: { text_encrypted: string }[] = await data.query(`SELECT text_encrypted FROM conversation_replies WHERE id = $1`, [reply.id]);
    expect(retired.decrypt(replyRow?.text_encrypted ?? '', reply.householdId)).toBe(reply.text);
    const [flagRow]: { flag_clear_note_encrypted: string }[] = await data.query(`SELECT flag_clear_note_encrypted FROM conversations WHERE id = $1`, [flag.id]);
    expect(retired.decrypt(flagRow?.flag_clear_note_encrypted ?? '', flag.householdId)).toBe(flag.note);
  });
});
