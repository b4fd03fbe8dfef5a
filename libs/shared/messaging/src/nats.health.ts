import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { NatsConnector } from './nats-connector.js';
import { OUTBOX_NATS } from './outbox-relay.js';

/** /health: is this service connected to NATS right now. */
@Injectable()
export class NatsHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(OUTBOX_NATS) private readonly nats: NatsConnector,
  ) {}

  isHealthy(key = 'nats') {
    const indicator = this.health.check(key);
    if (!this.nats.isConnected()) {
      void this.nats.ready().catch(() => undefined);
      return indicator.down({ message: 'not connected to NATS' });
    }
    return indicator.up();
  }
}
