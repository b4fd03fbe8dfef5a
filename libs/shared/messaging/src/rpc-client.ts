import { Inject, Injectable } from '@nestjs/common';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { v7 as uuidv7 } from 'uuid';
import { HEADER_CORRELATION_ID } from '@awda/contracts';
import { currentContext } from '@awda/observability';
import { NatsConnector } from './nats-connector.js';
import { wireSubject } from './names.js';
import { MESSAGING_OPTIONS, type MessagingOptions } from './options.js';
import { OUTBOX_NATS } from './outbox-relay.js';

export class RpcError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

/** Request/reply to another service over core NATS (rare: see DESIGN.md). */
@Injectable()
export class RpcClient {
  constructor(
    @Inject(OUTBOX_NATS) private readonly nats: NatsConnector,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async request<TReply>(subject: string, payload: object, timeoutMs = 5000): Promise<TReply> {
    const nc = await this.nats.ready();
    const h = natsHeaders();
    h.set(HEADER_CORRELATION_ID, currentContext()?.correlationId ?? uuidv7());
    const msg = await nc.request(wireSubject(this.options.namespace, subject), JSON.stringify(payload), {
      timeout: timeoutMs,
      headers: h,
    });
    const body = msg.json<{ ok: boolean; data?: TReply; error?: { code?: string; message?: string } }>();
    if (!body.ok) throw new RpcError(body.error?.code ?? 'RPC.FAILED', body.error?.message ?? 'request failed');
    return body.data as TReply;
  }
}
