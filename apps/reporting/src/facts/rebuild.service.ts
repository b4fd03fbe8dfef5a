import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { checkEnvelope } from '@awda/contracts';
import { ConflictError } from '@awda/bootstrap';
import { MESSAGING_OPTIONS, NatsConnector, OUTBOX_NATS, contractSubject, ensureEventStream, eventStreamName, type MessagingOptions } from '@awda/messaging';
import { isProjectedSubject } from '../projection/fact-updates.js';
import { FactsProjection } from './facts-projection.service.js';
import { FactsRepository } from './facts.repository.js';

export interface RebuildResult {
  /** Stream sequence the replay went up to (the stream's last when it started). */
  lastSequence: number;
  /** Events applied to the read model. */
  eventsApplied: number;
  /** Events that broke their contract (the live consumer dead-letters them): left out here too. */
  eventsSkipped: number;
  facts: number;
}

const REBUILD_LOCK = 'reporting/rebuild';

/**
 * Empties the read model and replays the event stream from its first message through a new
 * ordered (ephemeral) consumer, applying each event the way the live consumer does. The live
 * durable consumer keeps running meanwhile: the inbox and the order-independent merges make
 * applying an event from both harmless, so the result is what an in-order replay gives.
 */
@Injectable()
export class RebuildService {
  private readonly logger = new Logger(RebuildService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly facts: FactsRepository,
    private readonly projection: FactsProjection,
    @Inject(OUTBOX_NATS) private readonly nats: NatsConnector,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async rebuild(): Promise<RebuildResult> {
    // One rebuild at a time across replicas: a session lock held on one connection.
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      if (!(await this.facts.tryRebuildLock(runner, REBUILD_LOCK))) throw new ConflictError('REPORTING.REBUILD_RUNNING', 'A rebuild of the reports is already running; wait for it to finish.');
      try {
        return await this.replay();
      } finally {
        await this.facts.rebuildUnlock(runner, REBUILD_LOCK);
      }
    } finally {
      await runner.release();
    }
  }

  private async replay(): Promise<RebuildResult> {
    const jsm = await this.nats.manager();
    const stream = await ensureEventStream(jsm, this.options.namespace, this.options.streamReplicas);
    const info = await jsm.streams.info(eventStreamName(this.options.namespace));
    const lastSequence = info.state.last_seq;
    await this.facts.truncate();
    let eventsApplied = 0;
    let eventsSkipped = 0;
    if (info.state.messages > 0) {
      const js = await this.nats.jetstream();
      const consumer = await js.consumers.get(stream, { opt_start_seq: Math.max(1, info.state.first_seq) });
      try {
        let seen = Math.max(0, info.state.first_seq - 1);
        let idle = 0;
        while (seen < lastSequence && idle < 3) {
          // No more than remain: a fetch asking for more would wait out its expiry at the end.
          const batch = await consumer.fetch({ max_messages: Math.min(500, lastSequence - seen), expires: 2000 });
          let got = 0;
          for await (const msg of batch) {
            got++;
            seen = msg.seq;
            if (msg.seq > lastSequence) continue;
            const subject = contractSubject(this.options.namespace, msg.subject);
            if (!isProjectedSubject(subject)) continue;
            let raw: unknown;
            try {
              raw = msg.json<unknown>();
            } catch {
              eventsSkipped++;
              continue;
            }
            const check = checkEnvelope(subject, raw);
            if (!check.ok) {
              eventsSkipped++;
              continue;
            }
            await this.projection.apply(check.envelope);
            eventsApplied++;
          }
          idle = got === 0 ? idle + 1 : 0;
        }
      } finally {
        await consumer.delete().catch(() => undefined);
      }
    }
    const facts = await this.facts.count();
    this.logger.log(`read model rebuilt up to stream sequence ${lastSequence}: ${eventsApplied} events applied, ${eventsSkipped} skipped, ${facts} facts`);
    return { lastSequence, eventsApplied, eventsSkipped, facts };
  }
}
