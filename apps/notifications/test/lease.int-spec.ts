import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { ServiceApp } from '@awda/bootstrap';
import type { NotificationsConfig } from '../src/config.js';
import { DevSmsProvider } from '../src/providers/dev.provider.js';
import { NotHandedOff, type OutgoingSms, type SendAccepted, type SendAttempt, type SendOptions, type SmsProvider } from '../src/providers/sms-provider.js';
import { allSent, dispatchServers, queueMessages, startReplica, type DispatchServers } from './dispatch-fixtures.js';
import { newPhone } from './fixtures.js';

const LEASE_MS = 2000;
const HORIZON_MS = 500;

/**
 * The development provider behind a slow way in: the first send of a chosen message is held up for
 * a while before it reaches the provider, as a request queued behind a busy connection pool or a
 * stalled network would be. Records how each held-up send ended.
 */
class HeldUpProvider implements SmsProvider {
  readonly name = 'dev';
  readonly holdFirstSend = new Map<string, number>();
  readonly heldOutcomes = new Map<string, string>();
  private readonly held = new Set<Promise<unknown>>();

  constructor(private readonly dev: DevSmsProvider) {}

  send(sms: OutgoingSms, options?: SendOptions): Promise<SendAccepted> {
    const holdMs = this.holdFirstSend.get(sms.messageId);
    if (holdMs === undefined) return this.dev.send(sms, options);
    this.holdFirstSend.delete(sms.messageId);
    const sent = new Promise((resolve) => setTimeout(resolve, holdMs)).then(() => this.dev.send(sms, options));
    const settled = sent.then(
      () => this.heldOutcomes.set(sms.messageId, 'handed off'),
      (error: unknown) => this.heldOutcomes.set(sms.messageId, (error as Error).name),
    );
    this.held.add(settled);
    return sent;
  }

  reconcile(attempt: SendAttempt) {
    return this.dev.reconcile(attempt);
  }

  /** Every held-up send has ended (handed off or refused). */
  async settled(): Promise<void> {
    await Promise.all([...this.held]);
  }
}

describe('a send held up past its hand-off deadline (the lease fence)', () => {
  let servers: DispatchServers;
  let service: ServiceApp<NotificationsConfig>;
  let provider: HeldUpProvider;
  let dataSource: DataSource;

  beforeAll(async () => {
    servers = await dispatchServers('notifications_lease');
    ({ service, provider, dataSource } = await startReplica(
      servers,
      {
        SMS_RATE_SEGMENTS_PER_SECOND: '100',
        SMS_DISPATCH_HORIZON_MS: String(HORIZON_MS),
        SMS_SENDING_LEASE_MS: String(LEASE_MS),
        SMS_RETRY_BASE_MS: '100',
      },
      (dev) => new HeldUpProvider(dev),
    ));
  });

  afterAll(async () => {
    await service?.app.close();
    await servers?.cleanup();
  });

  /** Queues `count` messages for new households with phones, the first send of each held up `holdMs`. */
  const queueHeldUp = (count: number, holdMs: number) =>
    queueMessages(dataSource, count, { casePrefix: `LEASE-${holdMs}`, beforeInsert: (id) => provider.holdFirstSend.set(id, holdMs) });

  async function settledOnce(ids: string[]) {
    await allSent(dataSource, ids, 30_000);
    // The held-up first sends end too (refused at the provider, or — the defect — handed off late).
    await provider.settled();
    const outbox: { message_id: string; hand_offs: number }[] = await dataSource.query(
      `SELECT message_id, hand_offs FROM dev_sms_outbox WHERE message_id = ANY($1) ORDER BY message_id`,
      [ids],
    );
    const sentRows: { n: number }[] = await dataSource.query(
      `SELECT count(*)::int AS n FROM message_status_history WHERE message_id = ANY($1) AND status = 'sent'`,
      [ids],
    );
    return { outbox, sentHistory: sentRows[0]?.n, held: ids.map((id) => provider.heldOutcomes.get(id)) };
  }

  it('should not let a send held up beyond the lease reach the provider after reconciliation resent the message: one hand-off each', async () => {
    // Held up twice the lease: the reconciliation finds the message `sending` and not at the provider.
    const ids = await queueHeldUp(4, 2 * LEASE_MS);
    const { outbox, sentHistory, held } = await settledOnce(ids);
    expect(outbox.map((r) => r.hand_offs)).toEqual(ids.map(() => 1));
    expect(sentHistory).toBe(ids.length);
    expect(held).toEqual(ids.map(() => 'NotHandedOff'));
    const resent: { n: number }[] = await dataSource.query(
      `SELECT count(DISTINCT message_id)::int AS n FROM message_status_history WHERE message_id = ANY($1) AND detail = 'reconciled: not with the provider, resending'`,
      [ids],
    );
    expect(resent[0]?.n).toBe(ids.length);
  });

  it("should make the development provider's hand-off all or nothing at its deadline: refused after it, cancelled when it runs past it", async () => {
    const dev = new DevSmsProvider(dataSource, servers.outboxDir);
    const sms = (): OutgoingSms => ({ messageId: uuidv7(), to: newPhone(), text: 'test', encoding: 'GSM-7', segments: 1 });
    const rowsOf = async (id: string) => ((await dataSource.query(`SELECT 1 FROM dev_sms_outbox WHERE message_id = $1`, [id])) as unknown[]).length;
    const late = sms();
    await expect(dev.send(late, { deadline: Date.now() - 1 })).rejects.toBeInstanceOf(NotHandedOff);
    expect(await rowsOf(late.messageId)).toBe(0);
    // A statement stuck behind a lock when the deadline comes is cancelled: nothing reaches the outbox.
    const blocker = dataSource.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query(`LOCK TABLE dev_sms_outbox IN SHARE MODE`);
    const stuck = sms();
    const outcome = dev.send(stuck, { deadline: Date.now() + 300 }).then(() => 'handed off', (e: unknown) => (e as Error).name);
    await new Promise((resolve) => setTimeout(resolve, 600));
    await blocker.commitTransaction();
    await blocker.release();
    expect(await outcome).toBe('NotHandedOff');
    expect(await rowsOf(stuck.messageId)).toBe(0);
    // Within its deadline it is handed off as before.
    const onTime = sms();
    await dev.send(onTime, { deadline: Date.now() + 5000 });
    expect(await rowsOf(onTime.messageId)).toBe(1);
  });

  it('should count a hand-off as made once its row is committed, even when its readable file cannot be written', async () => {
    // A folder path that is a file: mkdir fails after the row is in.
    const blocked = join(servers.outboxDir, 'not-a-folder');
    await writeFile(blocked, '');
    const dev = new DevSmsProvider(dataSource, join(blocked, 'sms'));
    const sms: OutgoingSms = { messageId: uuidv7(), to: newPhone(), text: 'test', encoding: 'GSM-7', segments: 1 };
    await expect(dev.send(sms, { deadline: Date.now() + 5000 })).resolves.toEqual({ providerMessageId: `dev-${sms.messageId}` });
    const rows: { hand_offs: number }[] = await dataSource.query(`SELECT hand_offs FROM dev_sms_outbox WHERE message_id = $1`, [sms.messageId]);
    expect(rows).toEqual([{ hand_offs: 1 }]);
  });

  it('should give back a send held up past its deadline but within the lease, and send the message once later', async () => {
    // Past the hand-off deadline (lease − horizon after the claim), before the lease runs out.
    const ids = await queueHeldUp(4, LEASE_MS - HORIZON_MS / 2);
    const { outbox, sentHistory, held } = await settledOnce(ids);
    expect(outbox.map((r) => r.hand_offs)).toEqual(ids.map(() => 1));
    expect(sentHistory).toBe(ids.length);
    expect(held).toEqual(ids.map(() => 'NotHandedOff'));
  });
});
