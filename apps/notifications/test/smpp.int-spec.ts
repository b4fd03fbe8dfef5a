import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import smpp from 'smpp';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { ServiceApp } from '@awda/bootstrap';
import { waitFor, type TestBroker } from '@awda/testing';
import type { NotificationsConfig } from '../src/config.js';
import { messageText } from '../src/providers/smpp.provider.js';
import { contact, newPhone, publish, registered, scheduled, startNotifications, type RunningNotifications } from './fixtures.js';

describe('SMPP provider against a real SMPP server on loopback', () => {
  let running: RunningNotifications;
  let broker: TestBroker;
  let service: ServiceApp<NotificationsConfig>;
  let server: smpp.Server;
  const submitted: { to: string; text: string; id: string }[] = [];
  let smscSession: smpp.Session | undefined;

  beforeAll(async () => {
    server = smpp.createServer((session) => {
      smscSession = session;
      session.on('bind_transceiver', (pdu: smpp.PDU) => {
        const ok = pdu.system_id === 'awda' && pdu.password === 'secret';
        session.send(pdu.response(ok ? {} : { command_status: 0x0d }));
      });
      session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
      session.on('unbind', (pdu: smpp.PDU) => session.send(pdu.response()));
      session.on('submit_sm', (pdu: smpp.PDU) => {
        const id = `smsc-${submitted.length + 1}`;
        submitted.push({ to: String(pdu.destination_addr), text: messageText(pdu.short_message) || messageText(pdu.message_payload) || '', id });
        session.send(pdu.response({ message_id: id }));
        // The handset's delivery receipt, as an SMSC sends it.
        session.deliver_sm({
          source_addr: String(pdu.destination_addr),
          destination_addr: 'AWDA',
          esm_class: 0x04,
          short_message: `id:${id} sub:001 dlvrd:001 submit date:2603021200 done date:2603021200 stat:DELIVRD err:000 text:`,
          receipted_message_id: id,
          message_state: 2,
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.address() as AddressInfo).port;
    running = await startNotifications(
      {
        SMS_PROVIDER: 'smpp',
        SMS_SMPP_URL: `smpp://127.0.0.1:${port}`,
        SMS_SMPP_SYSTEM_ID: 'awda',
        SMS_SMPP_PASSWORD: 'secret',
        SMS_QUIET_START: '00:00',
        SMS_QUIET_END: '00:00',
        SMS_DISPATCH_POLL_MS: '50',
      },
      { database: 'notifications_smpp' },
    );
    ({ broker, service } = running);
  });

  afterAll(async () => {
    await running?.stop();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });

  it('should submit the Arabic SMS to the SMSC and record its delivery receipt', async () => {
    const id = uuidv7();
    const phone = newPhone();
    await publish(broker, contact(id, phone, 'MAH-7', 'ar'));
    await publish(broker, registered(id, 'MAH-7', 'ar'));
    const dataSource = service.app.get(DataSource);
    const row = await waitFor('the delivered message', async () => {
      const rows: { status: string; provider_message_id: string; body: string; segments: number }[] = await dataSource.query(
        `SELECT status, provider_message_id, body, segments FROM messages WHERE household_id = $1`,
        [id],
      );
      return rows[0]?.status === 'delivered' ? rows[0] : undefined;
    });
    const submit = submitted.find((s) => s.to === phone.slice(1));
    expect(submit?.id).toBe(row.provider_message_id);
    expect(submit?.text).toBe(row.body);
    expect(row.segments).toBeGreaterThan(1);
  });

  it('should opt a family out when its STOP arrives as an SMPP deliver_sm', async () => {
    const id = uuidv7();
    const phone = newPhone();
    await publish(broker, contact(id, phone, 'MAH-8', 'en'));
    const dataSource = service.app.get(DataSource);
    await waitFor('the recipient', async () => (await dataSource.query(`SELECT 1 FROM recipients WHERE household_id = $1 AND phone_hash IS NOT NULL`, [id])).length === 1);
    smscSession?.deliver_sm({ source_addr: phone.slice(1), destination_addr: 'AWDA', esm_class: 0, short_message: 'STOP' });
    await waitFor('the opt-out', async () => (await dataSource.query(`SELECT 1 FROM recipients WHERE household_id = $1 AND opted_out`, [id])).length === 1);
  });

  it('should answer a seat question with a reply that arrives as an SMPP deliver_sm, and acknowledge it after', async () => {
    const id = uuidv7();
    const phone = newPhone();
    await publish(broker, contact(id, phone, 'MAH-9', 'en'));
    const departure = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    await publish(broker, scheduled(id, departure));
    const dataSource = service.app.get(DataSource);
    await waitFor('the seat question', async () => (await dataSource.query(`SELECT 1 FROM conversations WHERE household_id = $1 AND state = 'open'`, [id])).length === 1);
    const answered = new Promise<number>((resolve) => smscSession?.deliver_sm({ source_addr: phone.slice(1), destination_addr: 'AWDA', esm_class: 0, short_message: '1' }, (pdu) => resolve(pdu.command_status)));
    expect(await answered).toBe(0);
    // Acknowledged only after the answer was committed.
    const rows: { outcome: string }[] = await dataSource.query(`SELECT outcome FROM conversations WHERE household_id = $1`, [id]);
    expect(rows).toEqual([{ outcome: 'confirmed' }]);
  });
});
