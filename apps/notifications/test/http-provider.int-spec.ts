import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { ServiceApp } from '@awda/bootstrap';
import { waitFor, type TestBroker } from '@awda/testing';
import type { NotificationsConfig } from '../src/config.js';
import { HttpSmsProvider } from '../src/providers/http.provider.js';
import { NotHandedOff, ProviderError, SendOutcomeUnknown, type OutgoingSms } from '../src/providers/sms-provider.js';
import { twilioSignature } from '../src/providers/twilio-signature.js';
import { contact, newPhone, publish, registered, withoutGiveBacks, startNotifications, type RunningNotifications } from './fixtures.js';

const ACCOUNT = 'AC00000000000000000000000000000001';
const TOKEN = 'test-only-auth-token-of-the-fake-provider';
const PUBLIC_URL = 'https://awda.example.org/notifications';
const CALLBACK_URL = `${PUBLIC_URL}/providers/http/status`;

/**
 * What the fake provider does with the next send to a phone: answer a status (storing the SMS on
 * 201, or when `store` says so: a 5xx after the SMS was taken), or never answer ('hang' took
 * nothing, 'store-then-hang' took the SMS).
 */
type Answer = { status: number; code?: number; hold?: Promise<void>; store?: boolean } | 'hang' | 'store-then-hang';

interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  form: URLSearchParams;
  sid: string;
  answered: number | 'hang';
}

/** An SMS the fake provider took: what would reach the family. */
interface Stored {
  sid: string;
  to: string;
  body: string;
  token: string;
  createdAt: Date;
}

/**
 * A Twilio-style Messages API on loopback: records every request, answers sends as scripted per
 * phone and lists what it took (GET Messages.json?To=&DateSent>=). Like Twilio it does NOT dedupe
 * a repeated send unless built with `dedupe` (a provider honouring Idempotency-Key).
 */
class FakeTwilio {
  readonly received: Received[] = [];
  readonly stored: Stored[] = [];
  readonly lookups: { to: string; dateSent: string | null; answered: number }[] = [];
  readonly scripts = new Map<string, Answer[]>();
  /** Statuses the message list answers for a phone before answering normally. */
  readonly lookupScripts = new Map<string, number[]>();
  private readonly server: Server;
  private sids = 0;

  constructor(private readonly dedupe = false) {
    this.server = createServer((req, res) => {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (raw += chunk));
      req.on('end', () => (req.method === 'GET' ? this.list(req.url ?? '', res) : this.send(req, raw, res)));
    });
  }

  private send(req: IncomingMessage, raw: string, res: ServerResponse): void {
    const form = new URLSearchParams(raw);
    const to = form.get('To') ?? '';
    const token = String(req.headers['idempotency-key'] ?? '');
    const earlier = this.dedupe ? this.stored.find((m) => m.token === token) : undefined;
    const answer: Answer = earlier ? { status: 201, store: false } : (this.scripts.get(to)?.shift() ?? { status: 201 });
    let sid = earlier?.sid;
    if (!sid) {
      this.sids += 1;
      sid = `SM${String(this.sids).padStart(32, '0')}`;
    }
    const store = answer === 'store-then-hang' || (typeof answer === 'object' && (answer.store ?? answer.status === 201));
    if (store) this.stored.push({ sid, to, body: form.get('Body') ?? '', token, createdAt: new Date() });
    const hangs = answer === 'hang' || answer === 'store-then-hang';
    this.received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, form, sid, answered: hangs ? 'hang' : answer.status });
    if (hangs) return;
    void (answer.hold ?? Promise.resolve()).then(() => {
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.status === 201 ? { sid, status: 'queued' } : { code: answer.code ?? answer.status, message: 'scripted refusal' }));
    });
  }

  private list(url: string, res: ServerResponse): void {
    const query = new URL(url, 'http://fake').searchParams;
    const to = query.get('To') ?? '';
    const dateSent = query.get('DateSent>');
    const status = this.lookupScripts.get(to)?.shift() ?? 200;
    this.lookups.push({ to, dateSent, answered: status });
    res.writeHead(status, { 'content-type': 'application/json' });
    if (status !== 200) {
      res.end(JSON.stringify({ code: 20500, message: 'scripted lookup failure' }));
      return;
    }
    const messages = this.stored
      .filter((m) => m.to === to && (!dateSent || m.createdAt.toISOString().slice(0, 10) >= dateSent))
      // Twilio dates to the second, RFC 2822.
      .map((m) => ({ sid: m.sid, to: m.to, from: 'AWDA', body: m.body, status: 'sent', date_created: m.createdAt.toUTCString() }));
    res.end(JSON.stringify({ messages, next_page_uri: null }));
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

  /** Sids of the SMS the provider took for a phone: what the family receives. */
  smsTo(phone: string): string[] {
    return this.stored.filter((m) => m.to === phone).map((m) => m.sid);
  }

  lookupsOf(phone: string): number[] {
    return this.lookups.filter((l) => l.to === phone).map((l) => l.answered);
  }
}

/** Settings shared by both suites; the lease covers the horizon twice plus the send timeout. */
const httpEnv = (baseUrl: string): Record<string, string> => ({
  LOG_LEVEL: 'error',
  SMS_PROVIDER: 'http',
  SMS_HTTP_BASE_URL: baseUrl,
  SMS_HTTP_ACCOUNT: ACCOUNT,
  SMS_HTTP_AUTH_TOKEN: TOKEN,
  SMS_HTTP_TIMEOUT_MS: '1500',
  SMS_DISPATCH_HORIZON_MS: '500',
  SMS_SENDING_LEASE_MS: '2500',
  // Absent from the list at the first lookup after the lease: taken as never received.
  SMS_HTTP_LOOKUP_GRACE_MS: '0',
  SMS_PUBLIC_BASE_URL: PUBLIC_URL,
  SMS_QUIET_START: '00:00',
  SMS_QUIET_END: '00:00',
  SMS_DISPATCH_POLL_MS: '50',
  SMS_RETRY_BASE_MS: '50',
  SMS_RETRY_MAX_MS: '200',
  SMS_MAX_ATTEMPTS: '4',
  // A wide hand-off margin: slot give-backs (allowed, filtered from histories) stay rare on a loaded machine.
  SMS_HANDOFF_MARGIN_MS: '200',
});

describe('HTTP (Twilio-style) provider against a fake REST server on loopback', () => {
  let running: RunningNotifications;
  let broker: TestBroker;
  let service: ServiceApp<NotificationsConfig>;
  let dataSource: DataSource;
  const twilio = new FakeTwilio();

  beforeAll(async () => {
    const baseUrl = await twilio.listen();
    running = await startNotifications(httpEnv(baseUrl), { database: 'notifications_http' });
    ({ broker, service, dataSource } = running);
  });

  afterAll(async () => {
    await running?.stop();
    await twilio.close();
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

  const slow = { timeoutMs: 30_000 };
  const posts = (phone: string) => twilio.to(phone).map((r) => r.answered);

  it('should POST the SMS form-encoded with basic auth, sender, text, status callback and our id as idempotency key', async () => {
    const h = await household();
    const sent = await waitFor('the SMS accepted', statusIs(h.id, 'sent'), slow);
    // One SMS; a loaded machine may time an answer out, and then the provider is asked, not sent again.
    expect(twilio.smsTo(h.phone)).toEqual([sent.provider_message_id]);
    const call = twilio.to(h.phone)[0];
    expect(call?.method).toBe('POST');
    expect(call?.path).toBe(`/2010-04-01/Accounts/${ACCOUNT}/Messages.json`);
    expect(call?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(call?.headers.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString('base64')}`);
    expect(call?.headers['idempotency-key']).toBe(sent.id);
    expect(Object.fromEntries(call?.form ?? [])).toEqual({ To: h.phone, From: 'AWDA', Body: sent.body, StatusCallback: CALLBACK_URL });
    expect(sent.provider_message_id).toBe(call?.sid);
  });

  it('should retry a 429 with backoff, keeping the error, and send the SMS once', async () => {
    const h = await household([{ status: 429, code: 20429 }]);
    const sent = await waitFor('the second attempt accepted', statusIs(h.id, 'sent'), slow);
    expect(sent.attempts).toBe(2);
    expect(posts(h.phone)).toEqual([429, 201]);
    expect(twilio.smsTo(h.phone)).toEqual([sent.provider_message_id]);
    const steps = await history(sent.id);
    expect(steps.map((s) => s.status)).toEqual(['queued', 'sending', 'queued', 'sending', 'sent']);
    expect(steps[2]?.detail).toBe('retry: provider answered 429 (code 20429)');
  });

  it('should fail a message the provider refuses with 400 at once, without retrying', async () => {
    const h = await household([{ status: 400, code: 21211 }]);
    const failed = await waitFor('the refusal', statusIs(h.id, 'failed'));
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toBe('provider answered 400 (code 21211)');
    expect(posts(h.phone)).toEqual([400]);
  });

  it('should not resend after a 500 the provider answered having stored the SMS, but find it in the list and record its sid', async () => {
    const h = await household([{ status: 500, store: true }]);
    const stored = await waitFor('the SMS at the provider', async () => twilio.smsTo(h.phone)[0]);
    // The handset's receipt arrives while we do not know the send worked: it waits for the sid.
    await callback({ MessageSid: stored, MessageStatus: 'delivered', AccountSid: ACCOUNT }).expect(204);
    const delivered = await waitFor('the reconciled, delivered message', statusIs(h.id, 'delivered'), slow);
    expect(delivered.provider_message_id).toBe(stored);
    expect(posts(h.phone)).toEqual([500]);
    expect(twilio.smsTo(h.phone)).toEqual([stored]);
    expect(delivered.attempts).toBe(1);
    const lookup = twilio.lookups.find((l) => l.to === h.phone);
    expect(lookup?.dateSent).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const steps = await history(delivered.id);
    expect(steps.map((s) => s.status)).toEqual(['queued', 'sending', 'sending', 'sent', 'delivered']);
    expect(steps[2]?.detail).toBe('outcome unknown: provider answered 500 (code 500); the provider will be asked before any resend');
    expect(steps[3]?.detail).toBe('reconciled: the provider has it');
  });

  it('should not resend after a timeout on a send the provider stored, but find it in the list', async () => {
    const h = await household(['store-then-hang']);
    const sent = await waitFor('the reconciled message', statusIs(h.id, 'sent'), slow);
    expect(posts(h.phone)).toEqual(['hang']);
    expect(twilio.smsTo(h.phone)).toEqual([sent.provider_message_id]);
    const steps = await history(sent.id);
    expect(steps[2]?.detail).toMatch(/^outcome unknown: no answer within 1500 ms; /);
    expect(steps.map((s) => s.status)).toEqual(['queued', 'sending', 'sending', 'sent']);
  });

  it('should resend once after a 500 for a send the provider did not store, when its list does not show it', async () => {
    const h = await household([{ status: 500 }]);
    const sent = await waitFor('the resent message accepted', statusIs(h.id, 'sent'), slow);
    expect(posts(h.phone)).toEqual([500, 201]);
    expect(twilio.smsTo(h.phone)).toEqual([sent.provider_message_id]);
    expect(sent.attempts).toBe(2);
    const steps = await history(sent.id);
    expect(steps.map((s) => s.status)).toEqual(['queued', 'sending', 'sending', 'queued', 'sending', 'sent']);
    expect(steps[3]?.detail).toBe('reconciled: not with the provider, resending');
  });

  it('should resend once after a timeout on a send the provider never took', async () => {
    const h = await household(['hang']);
    const sent = await waitFor('the resent message accepted', statusIs(h.id, 'sent'), slow);
    expect(posts(h.phone)).toEqual(['hang', 201]);
    expect(twilio.smsTo(h.phone)).toEqual([sent.provider_message_id]);
  });

  it('should ask the provider again when its list fails, and then record the SMS it has', async () => {
    const h = await household([{ status: 502, store: true }]);
    twilio.lookupScripts.set(h.phone, [500]);
    const sent = await waitFor('the reconciled message', statusIs(h.id, 'sent'), slow);
    expect(twilio.lookupsOf(h.phone)).toEqual([500, 200]);
    expect(posts(h.phone)).toEqual([502]);
    expect(twilio.smsTo(h.phone)).toEqual([sent.provider_message_id]);
    const details = (await history(sent.id)).map((s) => s.detail);
    expect(details).toContain('reconcile: provider lookup failed: provider answered 500; asking again (1 of 4)');
    expect(details.at(-1)).toBe('reconciled: the provider has it');
  });

  it('should fail, not resend, a message whose outcome the provider cannot tell after SMS_MAX_ATTEMPTS lookups', async () => {
    const h = await household([{ status: 500, store: true }]);
    twilio.lookupScripts.set(h.phone, [503, 503, 503, 503, 503, 503]);
    const failed = await waitFor('the failed message', statusIs(h.id, 'failed'), slow);
    expect(twilio.lookupsOf(h.phone)).toEqual([503, 503, 503, 503]);
    expect(posts(h.phone)).toEqual([500]);
    expect(twilio.smsTo(h.phone)).toHaveLength(1);
    expect(failed.last_error).toBe('outcome unknown: 4 lookups at the provider failed (last: provider lookup failed: provider answered 503); not resent');
    expect((await history(failed.id)).at(-1)).toEqual({ status: 'failed', detail: failed.last_error });
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

describe('HTTP provider that dedupes on Idempotency-Key (SMS_HTTP_PROVIDER_IDEMPOTENT=true)', () => {
  let running: RunningNotifications;
  let broker: TestBroker;
  let dataSource: DataSource;
  const twilio = new FakeTwilio(true);

  beforeAll(async () => {
    const baseUrl = await twilio.listen();
    running = await startNotifications({ ...httpEnv(baseUrl), SMS_HTTP_PROVIDER_IDEMPOTENT: 'true' }, { database: 'notifications_http_idem' });
    ({ broker, dataSource } = running);
  });

  afterAll(async () => {
    await running?.stop();
    await twilio.close();
  });

  it('should resend after a 500 with the same key, the provider keeping one SMS', async () => {
    const id = uuidv7();
    const phone = newPhone();
    twilio.scripts.set(phone, [{ status: 500, store: true }]);
    await publish(broker, contact(id, phone, `MAH-${id.slice(-6)}`));
    await publish(broker, registered(id, `MAH-${id.slice(-6)}`));
    const sent = await waitFor(
      'the SMS accepted',
      async () => {
        const rows: { id: string; status: string; provider_message_id: string | null }[] = await dataSource.query(
          `SELECT id, status, provider_message_id FROM messages WHERE household_id = $1`,
          [id],
        );
        return rows[0]?.status === 'sent' ? rows[0] : undefined;
      },
      { timeoutMs: 30_000 },
    );
    const calls = twilio.to(phone);
    expect(calls.map((r) => r.answered)).toEqual([500, 201]);
    expect(calls.every((r) => r.headers['idempotency-key'] === sent.id)).toBe(true);
    expect(twilio.smsTo(phone)).toEqual([sent.provider_message_id]);
    expect(twilio.lookups).toHaveLength(0);
  });
});

describe(`${HttpSmsProvider.name} classifying what a send's failure says about the SMS`, () => {
  const sms: OutgoingSms = { messageId: uuidv7(), to: '+963933000001', text: 'test', encoding: 'GSM-7', segments: 1 };
  const provider = (baseUrl: string, idempotent = false) =>
    new HttpSmsProvider({ baseUrl, account: ACCOUNT, authToken: TOKEN, sender: 'AWDA', statusCallbackUrl: CALLBACK_URL, timeoutMs: 1500, idempotent });
  const failureOf = (baseUrl: string, idempotent = false) => provider(baseUrl, idempotent).send(sms).then(() => undefined, (error: unknown) => error);

  /** A loopback server that answers every request with `respond`, and the base URL to reach it. */
  async function serving(respond: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ baseUrl: string; close: () => Promise<void> }> {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => respond(req, res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return {
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/2010-04-01`,
      close: async () => {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      },
    };
  }

  it('should call a refused connection "not accepted, retry": nothing reached the provider', async () => {
    const closed = await serving(() => undefined);
    await closed.close();
    const error = await failureOf(closed.baseUrl);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).retryable).toBe(true);
    expect((error as Error).message).toBe('provider unreachable: ECONNREFUSED');
  });

  it('should call a connection reset after the request went out an unknown outcome', async () => {
    const resetting = await serving((req) => req.socket.destroy());
    const error = await failureOf(resetting.baseUrl);
    await resetting.close();
    expect(error).toBeInstanceOf(SendOutcomeUnknown);
    expect((error as Error).message).toMatch(/^outcome unknown: connection lost/);
  });

  it('should call a 2xx without a message sid an unknown outcome', async () => {
    const sidless = await serving((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    const error = await failureOf(sidless.baseUrl);
    await sidless.close();
    expect(error).toBeInstanceOf(SendOutcomeUnknown);
    expect((error as Error).message).toBe('outcome unknown: provider answered 200 without a message sid');
  });

  it('should not send at all once the hand-off deadline has passed: certainly not handed off', async () => {
    let requests = 0;
    const counting = await serving((_req, res) => {
      requests += 1;
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"sid":"SM1"}');
    });
    const error = await provider(counting.baseUrl).send(sms, { deadline: Date.now() - 1 }).then(() => undefined, (e: unknown) => e);
    await counting.close();
    expect(error).toBeInstanceOf(NotHandedOff);
    expect(requests).toBe(0);
  });

  it('should give up a request at the hand-off deadline, before its own timeout, as an unknown outcome', async () => {
    const hanging = await serving(() => undefined);
    // The provider's timeout is 1500 ms; the deadline comes first.
    const error = await provider(hanging.baseUrl).send(sms, { deadline: Date.now() + 300 }).then(() => undefined, (e: unknown) => e);
    await hanging.close();
    expect(error).toBeInstanceOf(SendOutcomeUnknown);
    const waited = Number(/^outcome unknown: no answer within (\d+) ms/.exec((error as Error).message)?.[1]);
    expect(waited).toBeGreaterThan(0);
    expect(waited).toBeLessThanOrEqual(300);
  });

  it('should make an unknown outcome a retryable error for a provider that dedupes on Idempotency-Key', async () => {
    const failing = await serving((_req, res) => res.writeHead(500, { 'content-type': 'application/json' }).end('{"code":20500}'));
    const error = await failureOf(failing.baseUrl, true);
    await failing.close();
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).retryable).toBe(true);
    expect((error as Error).message).toBe('provider answered 500 (code 20500); resent with the same idempotency key');
  });
});
