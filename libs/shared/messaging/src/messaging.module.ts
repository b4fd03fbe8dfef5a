import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { Inbox } from './inbox.js';
import { NatsConnector } from './nats-connector.js';
import { NatsHealthIndicator } from './nats.health.js';
import { MESSAGING_OPTIONS, messagingOptions, type MessagingOptions } from './options.js';
import { Outbox } from './outbox.js';
import { OUTBOX_NATS, OutboxRelay } from './outbox-relay.js';
import { RpcClient } from './rpc-client.js';

@Injectable()
class PublisherConnectionCloser implements OnApplicationShutdown {
  constructor(
    private readonly relay: OutboxRelay,
    @Inject(OUTBOX_NATS) private readonly nats: NatsConnector,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.nats.close();
  }
}

/**
 * Outbox, relay, inbox, RPC client and the NATS health indicator for one service. The consuming
 * side is the JetStreamServer transport, connected in main.ts with the same options.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: Partial<MessagingOptions> & Pick<MessagingOptions, 'service' | 'schema'>): DynamicModule {
    const resolved = messagingOptions(options);
    return {
      module: MessagingModule,
      global: true,
      imports: [TerminusModule],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: resolved },
        { provide: OUTBOX_NATS, useFactory: () => new NatsConnector(resolved.natsUrl, `${resolved.service}-publisher`) },
        Outbox,
        OutboxRelay,
        Inbox,
        RpcClient,
        NatsHealthIndicator,
        PublisherConnectionCloser,
      ],
      exports: [MESSAGING_OPTIONS, OUTBOX_NATS, Outbox, OutboxRelay, Inbox, RpcClient, NatsHealthIndicator],
    };
  }
}
