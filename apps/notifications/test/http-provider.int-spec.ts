import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { createServiceApp, type ServiceApp } from '@awda/bootstrap';
import { eventStreamName } from '@awda/messaging';
import { createTestBroker, createTestDatabase, waitFor, type TestBroker, type TestDatabase } from '@awda/testing';
import type { NotificationsConfig } from '../src/config.js';
import { notificationsService } from '../src/notifications.definition.js';
import { twilioSignature } from '../src/providers/twilio-signature.js';
import { contact, newPhone, publish, registered, withoutGiveBacks } from './fixtures.js';

const ACCOUNT = 'AC00000000000000000000000000000001';
const TOKEN = 'test-only-auth-token-of-the-fake-provider';
const PUBLIC_URL = 'https://awda.example.org/notifications';
const CALLBACK_URL = `${PUBLIC_URL}/providers/http/status`;

/** What the fake provider answers to the next request for a phone: a status, a held answer, or nothing. */
type Answer = { status: number; code?: number; hold?: Promise<void> } | 'hang';

interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  form: URLSearchParams;
  sid: string;
  answered: number | 'hang';
}

/** A Twilio-style Messages API on loopback: records every request and answers as scripted per phone. */
class FakeTwilio {
  readonly received: Received[] = [];
  readonly scripts = new Map<string, Answer[]>();
  /** Idempotency token → sid of the SMS accepted for it. */
  readonly accepted = new Map<string, string>();
  private readonly server: Server;
  private sids = 0;

  constructor() {
    this.server = createServer((req, res) => {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (raw += chunk));
      req.on('end', () => {
        const form = new URLSearchParams(raw);
        const token = String(req.headers['i-twilio-idempotency-token'] ?? '');
        // Like Twilio, a request repeating an accepted idempotency token gets the first answer, and no second SMS.
        const accepted = this.accepted.get(token);
        const answer = accepted ? { status: 201 } : (this.scripts.get(form.get('To') ?? '')?.shift() ?? { status: 201 });
        let sid = accepted;
        if (!sid) {
          this.sids += 1;
          sid = `SM${String(this.sids).padStart(32, '0')}`;
        }
        if (answer !== 'hang' && answer.status === 201) this.accepted.set(token, sid);
        this.received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, form, sid, answered: answer === 'hang' ? 'hang' : answer.status });
        if (answer === 'hang') return;
        void (answer.hold ?? Promise.resolve()).then(() => {
          res.writeHead(answer.status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(answer.status === 201 ? { sid, status: 'queued' } : { code: answer.code ?? answer.status, message: 'scripted refusal' }));
        });
      });
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/2010-04-01`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  to(phone: string): Received[] {
    return this.received.filter((r) => r.form.get('To') === phone);
  }

  /** Distinct SMS the provider accepted for a phone (repeats of one idempotency token are one SMS). */
  smsTo(phone: string): string[] {
    return [...new Set(this.to(phone).filter((r) => r.answered === 201).map((r) => r.sid))];
  }
}

describe('HTTP (Twilio-style) provider against a fake REST server on loopback', () => {
  let db: TestDatabase;
  let broker: TestBroker;
  let service: ServiceApp<NotificationsConfig>;
  let dataSource: DataSource;
  const twilio = new FakeTwilio();

  beforeAll(async () => {
    const baseUrl = await twilio.listen();
    db = await createTestDatabase('notifications_http');
    broker = await createTestBroker();
    service = await createServiceApp(
      notificationsService,
      {
        NODE_ENV: 'test',
        DATABASE_URL: db.url,
        NATS_URL: broker.url,
        AWDA_NAMESPACE: broker.namespace,
        LOG_LEVEL: 'error',
        SMS_PROVIDER: 'http',
        SMS_HTTP_BASE_URL: baseUrl,
        SMS_HTTP_ACCOUNT: ACCOUNT,
        SMS_HTTP_AUTH_TOKEN: TOKEN,
        SMS_HTTP_TIMEOUT_MS: '2000',
        SMS_PUBLIC_BASE_URL: PUBLIC_URL,
        SMS_QUIET_START: '00:00',
        SMS_QUIET_END: '00:00',
        SMS_DISPATCH_POLL_MS: '50',
        SMS_RETRY_BASE_MS: '50',
        SMS_RETRY_MAX_MS: '200',
        SMS_MAX_ATTEMPTS: '4',
        // A wide hand-off margin: slot give-backs (allowed, filtered from histories) stay rare on a loaded machine.
        SMS_HANDOFF_MARGIN_MS: '200',
      },
      { logger: false },
    );
    dataSource = service.app.get(DataSource);
    await waitFor('the event stream', () => broker.jsm.streams.info(eventStreamName(broker.namespace)).catch(() => undefined));
  });

  afterAll(async () => {
    await service?.app.close();
    await twilio.close();
    await broker?.cleanup();
    await db?.drop();
  });

  type Row = { id: string; status: string; attempts: number; body: string | null; provider_message_id: string | null; last_error: string | null };
  const messageOf = async (householdId: string): Promise<Row | undefined> =>
    ((await dataSource.query(`SELECT id, status, attempts, body, provider_message_id, last_error FROM messages WHERE household_id = $1`, [householdId])) as Row[])[0];
  const statusIs = (householdId: string, status: string) => async () => {
    const row = await messageOf(householdId);
    return row?.status === status ? row : undefined;
  };
  const history = async (messageId: string): Promise<{ status: string; detail: string | null }[]> =>
    withoutGiveBacks(await dataSource.query(`SELECT status, detail FROM message_status_history WHERE message_id = $1 ORDER BY id`, [messageId]));

  /** A household with a phone whose registration message is queued (the script is set before). */
  async function household(script: Answer[] = []): Promise<{ id: string; phone: string }> {
    const id = uuidv7();
    const phone = newPhone();
    twilio.scripts.set(phone, script);
    await publish(broker, contact(id, phone, `MAH-${id.slice(-6)}`));
    await publish(broker, registered(id, `MAH-${id.slice(-6)}`));
    return { id, phone };
  }

  function callback(params: Record<string, string>, signature: string | null = twilioSignature(TOKEN, CALLBACK_URL, params)) {
    const post = request(service.app.getHttpServer()).post('/providers/http/status').type('form');
    if (signature !== null) post.set('X-Twilio-Signature', signature);
    return post.send(params);
  }

  it('should POST the SMS form-encoded with basic auth, sender, text, status callback and our id as idempotency token', async () => {
    const h = await household();
    const sent = await waitFor('the SMS accepted', statusIs(h.id, 'sent'));
    // One SMS; a loaded machine may time out an answer and repeat the request with the same token.
    expect(twilio.smsTo(h.phone)).toEqual([sent.provider_message_id]);
    const call = twilio.to(h.phone)[0];
    expect(twilio.to(h.phone).every((r) => r.headers['i-twilio-idempotency-token'] === sent.id && r.form.toString() === call?.form.toString())).toBe(true);
    expect(call?.method).toBe('POST');
    expect(call?.path).toBe(`/2010-04-01/Accounts/${ACCOUNT}/Messages.json`);
    expect(call?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(call?.headers.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString('base64')}`);
    expect(call?.headers['i-twilio-idempotency-token']).toBe(sent.id);
    expect(Object.fromEntries(call?.form ?? [])).toEqual({ To: h.phone, From: 'AWDA', Body: sent.body, StatusCallback: CALLBACK_URL });
    expect(sent.provider_message_id).toBe(call?.sid);
  });

  it('should retry 429 and 5xx with backoff, keeping the error, and send the SMS once', async () => {
    const h = await household([{ status: 429, code: 20429 }, { status: 503 }]);
    const sent = await waitFor('the third attempt accepted', statusIs(h.id, 'sent'));
    expect(sent.attempts).toBe(3);
    expect(twilio.to(h.phone).map((r) => r.answered).slice(0, 3)).toEqual([429, 503, 201]);
    expect(twilio.smsTo(h.phone)).toEqual([sent.provider_message_id]);
    // The same idempotency token every time: a provider that got an earlier attempt drops the copy.
    expect(new Set(twilio.to(h.phone).map((r) => r.headers['i-twilio-idempotency-token']))).toEqual(new Set([sent.id]));
    const steps = await history(sent.id);
    expect(steps.map((s) => s.status)).toEqual(['queued', 'sending', 'queued', 'sending', 'queued', 'sending', 'sent']);
    expect(steps[2]?.detail).toBe('retry: provider answered 429 (code 20429)');
    expect(steps[4]?.detail).toBe('retry: provider answered 503 (code 503)');
  });

  it('should fail a message the provider refuses with 400 at once, without retrying', async () => {
    const h = await household([{ status: 400, code: 21211 }]);
    const failed = await waitFor('the refusal', statusIs(h.id, 'failed'));
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toBe('provider answered 400 (code 21211)');
    expect(twilio.to(h.phone).map((r) => r.answered)).toEqual([400]);
  });

  it('should time out on a provider that never answers and send again with the same idempotency token', async () => {
    const h = await household(['hang']);
    const sent = await waitFor('the attempt after the timeout accepted', statusIs(h.id, 'sent'), { timeoutMs: 20_000 });
    expect(twilio.to(h.phone).map((r) => r.answered).slice(0, 2)).toEqual(['hang', 201]);
    expect(new Set(twilio.to(h.phone).map((r) => r.headers['i-twilio-idempotency-token']))).toEqual(new Set([sent.id]));
    expect(twilio.smsTo(h.phone)).toEqual([sent.provider_message_id]);
    const steps = await history(sent.id);
    expect(steps[2]?.detail).toMatch(/^retry: provider unreachable: /);
  });

  it('should accept a correctly signed status callback and refuse a wrong or missing signature, changing nothing', async () => {
    const h = await household();
    const sent = await waitFor('the SMS accepted', statusIs(h.id, 'sent'));
    const delivered = { MessageSid: sent.provider_message_id ?? '', MessageStatus: 'delivered', AccountSid: ACCOUNT };
    await callback(delivered, twilioSignature('another-token-of-someone-else', CALLBACK_URL, delivered)).expect(401);
    await callback(delivered, null).expect(401);
    // Signed for other fields: a replayed signature on an altered body.
    await callback({ ...delivered, MessageStatus: 'failed' }, twilioSignature(TOKEN, CALLBACK_URL, delivered)).expect(401);
    expect((await messageOf(h.id))?.status).toBe('sent');
    const receipts: unknown[] = await dataSource.query(`SELECT 1 FROM sms_receipts WHERE provider_message_id = $1`, [sent.provider_message_id]);
    expect(receipts).toHaveLength(0);
    await callback(delivered).expect(204);
    await waitFor('the delivered status', statusIs(h.id, 'delivered'));
  });

  it('should end in delivered when the delivered callback comes before the provider has even answered the send', async () => {
    let answer!: () => void;
    const hold = new Promise<void>((resolve) => (answer = resolve));
    const h = await household([{ status: 201, hold }]);
    const call = await waitFor('the send to reach the provider', async () => twilio.to(h.phone)[0]);
    await callback({ MessageSid: call.sid, MessageStatus: 'delivered', AccountSid: ACCOUNT }).expect(204);
    await callback({ MessageSid: call.sid, MessageStatus: 'sent', AccountSid: ACCOUNT }).expect(204);
    expect((await messageOf(h.id))?.status).toBe('sending');
    answer();
    const delivered = await waitFor('the delivered status', statusIs(h.id, 'delivered'));
    expect((await history(delivered.id)).map((s) => s.status)).toEqual(['queued', 'sending', 'sent', 'delivered']);
    // A late "sent" or "undelivered" changes nothing any more.
    await callback({ MessageSid: call.sid, MessageStatus: 'sent', AccountSid: ACCOUNT }).expect(204);
    await callback({ MessageSid: call.sid, MessageStatus: 'undelivered', ErrorCode: '30003', AccountSid: ACCOUNT }).expect(204);
    expect((await messageOf(h.id))?.status).toBe('delivered');
    expect(twilio.smsTo(h.phone)).toEqual([call.sid]);
  });
});
