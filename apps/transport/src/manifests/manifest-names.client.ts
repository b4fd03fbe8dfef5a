import { Inject, Injectable } from '@nestjs/common';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { v7 as uuidv7 } from 'uuid';
import { HEADER_CORRELATION_ID, MANIFEST_NAMES_RPC_V1, type ManifestNamesReplyV1, type ManifestNamesRequestV1 } from '@awda/contracts';
import { MESSAGING_OPTIONS, NatsConnector, OUTBOX_NATS, RpcError, wireSubject, type MessagingOptions } from '@awda/messaging';
import { currentContext } from '@awda/observability';

interface RpcReply {
  ok?: unknown;
  data?: ManifestNamesReplyV1;
  error?: { code?: string; message?: string };
}

/**
 * Asks registration for the names on a manifest (MANIFEST_NAMES_RPC_V1), like RpcClient.request.
 * Why not RpcClient: the rpc subject lies under the event stream's awda.> subjects, so JetStream
 * answers the request with a PubAck before registration can, and RpcClient takes the first reply.
 * Here replies without an `ok` field (the PubAck) are skipped. Drop this once the stream leaves
 * awda.*.rpc.> out (reported to the lead).
 */
@Injectable()
export class ManifestNamesClient {
  constructor(
    @Inject(OUTBOX_NATS) private readonly nats: NatsConnector,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async request(payload: ManifestNamesRequestV1, timeoutMs = 5000): Promise<ManifestNamesReplyV1> {
    const nc = await this.nats.ready();
    const h = natsHeaders();
    h.set(HEADER_CORRELATION_ID, currentContext()?.correlationId ?? uuidv7());
    const replies = await nc.requestMany(wireSubject(this.options.namespace, MANIFEST_NAMES_RPC_V1), JSON.stringify(payload), {
      strategy: 'count',
      maxMessages: 2,
      maxWait: timeoutMs,
      headers: h,
    });
    for await (const msg of replies) {
      const body = msg.json<RpcReply>();
      if (typeof body.ok !== 'boolean') continue;
      if (!body.ok || body.data === undefined) throw new RpcError(body.error?.code ?? 'RPC.FAILED', body.error?.message ?? 'request failed');
      return body.data;
    }
    throw new RpcError('RPC.TIMEOUT', `no answer from registration within ${timeoutMs} ms`);
  }
}
