// The number an SMS goes to is read by @awda/phone: a fixed line or a country not configured gets no
// SMS (the message fails with the reason, nothing is paid for), and a STOP is matched however the
// provider writes the sender.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { FieldCipher } from '@awda/auth';
import type { ServiceApp } from '@awda/bootstrap';
import { DEV_FIELD_ENCRYPTION_ACTIVE_KEY, DEV_FIELD_ENCRYPTION_KEYS } from '@awda/config';
import { waitFor, type TestBroker } from '@awda/testing';
import type { NotificationsConfig } from '../src/config.js';
import { ScriptedProvider, TestClock, contact, newPhone, publish, registered, FAST_MESSAGING, startNotifications, type RunningNotifications } from './fixtures.js';

// Invented numbers: a Damascus fixed line, a Turkish and an Iraqi mobile.
const FIXED_LINE = '+963112314470';
const TURKISH_MOBILE = '+905324180967';
const IRAQI_MOBILE = '+9647503182264';

describe('phone numbers in notifications', () => {
  let running: RunningNotifications;
  let broker: TestBroker;
  let service: ServiceApp<NotificationsConfig>;
  let dataSource: DataSource;
  const provider = new ScriptedProvider();
  const clock = new TestClock();

  beforeAll(async () => {
    // 12:00 in Damascus: outside quiet hours.
    clock.set(new Date('2026-03-02T09:00:00Z'));
    running = await startNotifications(
      {
        SMS_DISPATCH_POLL_MS: '50',
        SMS_HANDOFF_MARGIN_MS: '200',
        // Families of this camp may hold Turkish SIM cards; Iraqi ones are not configured.
        PHONE_COUNTRIES: 'SY,TR',
      },
      { database: 'notifications_phones', provider, clock, messaging: FAST_MESSAGING },
    );
    ({ broker, service, dataSource } = running);
  });

  afterAll(async () => {
    await running?.stop();
  });

  type Row = { status: string; last_error: string | null };
  async function registeredWith(phone: string): Promise<string> {
    const id = uuidv7();
    await publish(broker, contact(id, phone, `MAH-${id.slice(-6)}`));
    await publish(broker, registered(id, `MAH-${id.slice(-6)}`));
    return id;
  }
  const settled = (householdId: string) =>
    waitFor('the registered message to be sent or to fail', async () => {
      const rows: Row[] = await dataSource.query(`SELECT status, last_error FROM messages WHERE household_id = $1 AND template = 'registered'`, [householdId]);
      return rows.find((r) => r.status === 'sent' || r.status === 'failed');
    });

  it('should not send to a fixed-line number, and record why', async () => {
    const message = await settled(await registeredWith(FIXED_LINE));
    expect(message).toEqual({
      status: 'failed',
      last_error: 'the phone on record is a fixed-line number, which cannot receive SMS: give a Syrian mobile number such as 0944 123 456, or a mobile number of Türkiye written with its country code (+90)',
    });
    expect(provider.sendsTo(FIXED_LINE)).toEqual([]);
  });

  it('should send to a mobile of a configured country and not to one of another country', async () => {
    expect((await settled(await registeredWith(TURKISH_MOBILE))).status).toBe('sent');
    expect(provider.sendsTo(TURKISH_MOBILE)).toHaveLength(1);
    const iraqi = await settled(await registeredWith(IRAQI_MOBILE));
    expect(iraqi.status).toBe('failed');
    expect(iraqi.last_error).toMatch(/^the phone on record is a mobile number of Iraq, and SMS are sent only to /);
    expect(provider.sendsTo(IRAQI_MOBILE)).toEqual([]);
  });

  it("should reach a child-headed household at its guardian's phone, and at no phone while it has none, never the child's", async () => {
    // Invented numbers: the elder child's and the guardian's.
    const CHILD = '+963944310552';
    const GUARDIAN = '+963955412376';
    const cipher = FieldCipher.fromConfig(DEV_FIELD_ENCRYPTION_KEYS, DEV_FIELD_ENCRYPTION_ACTIVE_KEY);
    const childHeaded = async (travel: { travelContact: 'guardian' | 'none'; travelPhone: string | null }): Promise<string> => {
      const id = uuidv7();
      const event = contact(id, CHILD, `MAH-${id.slice(-6)}`);
      const travelPhoneEncrypted = travel.travelPhone === null ? null : cipher.encrypt(travel.travelPhone, id);
      await publish(broker, { ...event, data: { ...event.data, travelContact: travel.travelContact, travelPhoneEncrypted } });
      await publish(broker, registered(id, `MAH-${id.slice(-6)}`));
      return id;
    };
    const guarded = await childHeaded({ travelContact: 'guardian', travelPhone: GUARDIAN });
    expect((await settled(guarded)).status).toBe('sent');
    expect(provider.sendsTo(GUARDIAN)).toHaveLength(1);
    const alone = await childHeaded({ travelContact: 'none', travelPhone: null });
    const recipient = await waitFor('the contact of the household with nobody to reach', async () => {
      const rows: { phone_encrypted: string | null; contact_version: number }[] = await dataSource.query(
        `SELECT phone_encrypted, contact_version FROM recipients WHERE household_id = $1`,
        [alone],
      );
      return rows.find((r) => r.contact_version === 1);
    });
    expect(recipient.phone_encrypted).toBeNull();
    expect(provider.sendsTo(CHILD)).toEqual([]);
  });

  it('should match a STOP whose sender the provider writes nationally or without its +', async () => {
    const server = service.app.getHttpServer();
    for (const [i, written] of [(p: string) => `0${p.slice(4)}`, (p: string) => p.slice(1)].entries()) {
      const phone = newPhone();
      const id = await registeredWith(phone);
      expect((await settled(id)).status).toBe('sent');
      const res = await request(server)
        .post('/inbound/sms')
        .set('x-awda-inbound-token', service.config.SMS_INBOUND_TOKEN)
        .send({ From: written(phone), Body: 'STOP', MessageSid: `mo-phones-${i}` })
        .expect(200);
      expect(res.body).toEqual({ keyword: 'stop', households: 1, duplicate: false });
    }
  });
});
