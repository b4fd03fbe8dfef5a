import { Inject, Injectable, Logger } from '@nestjs/common';
import { CONTACT_CHANGED_V1, type EventEnvelope, type HouseholdErasedV1 } from '@awda/contracts';
import { MESSAGING_OPTIONS, OUTBOX_NATS, eventStreamName, wireSubject, type MessagingOptions, type NatsConnector } from '@awda/messaging';

/**
 * After an erasure: the household's contact.changed events still in the stream carry its phone
 * encrypted with the field key (the services that send SMS decrypt it), so they are deleted from the
 * stream, their bytes overwritten (JetStream's secure erase). Safe to repeat; a failure is retried.
 */
@Injectable()
export class StreamScrub {
  private readonly logger = new Logger(StreamScrub.name);

  constructor(
    @Inject(OUTBOX_NATS) private readonly nats: NatsConnector,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async onErased(event: EventEnvelope<HouseholdErasedV1>): Promise<void> {
    const householdId = event.data.householdId;
    const stream = eventStreamName(this.options.namespace);
    const js = await this.nats.jetstream();
    const jsm = await this.nats.manager();
    const consumer = await js.consumers.get(stream, { filter_subjects: wireSubject(this.options.namespace, CONTACT_CHANGED_V1) });
    let pending = (await consumer.info(true)).num_pending;
    const doomed: number[] = [];
    while (pending > 0) {
      const batch = await consumer.fetch({ max_messages: Math.min(pending, 500), expires: 2000 });
      let got = 0;
      for await (const msg of batch) {
        got += 1;
        const envelope = JSON.parse(msg.string()) as { data?: { householdId?: unknown } };
        if (envelope.data?.householdId === householdId) doomed.push(msg.seq);
      }
      if (got === 0) break;
      pending -= got;
    }
    await consumer.delete().catch(() => undefined);
    for (const seq of doomed) await jsm.streams.deleteMessage(stream, seq, true).catch((error: unknown) => {
      // Already gone (a repeated delivery, or the stream's age limit): nothing left to erase.
      if (!/no message found|not found/i.test((error as Error).message)) throw error;
    });
    this.logger.log(`household ${householdId}: ${doomed.length} contact event(s) erased from the stream`);
  }
}
