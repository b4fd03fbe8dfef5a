import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { Logger } from '@nestjs/common';

/**
 * One NATS connection that is opened in the background and re-opened for ever, so that a
 * service starts and keeps serving HTTP while NATS is down; work that needs NATS awaits ready().
 */
export class NatsConnector {
  private readonly logger = new Logger(NatsConnector.name);
  private connection?: NatsConnection;
  private connecting?: Promise<NatsConnection>;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly name: string,
  ) {}

  ready(): Promise<NatsConnection> {
    if (this.connection && !this.connection.isClosed()) return Promise.resolve(this.connection);
    if (this.closed) return Promise.reject(new Error('NATS connector closed'));
    this.connecting ??= this.open();
    return this.connecting;
  }

  /** True when a connection is open right now (used by /health). */
  isConnected(): boolean {
    return Boolean(this.connection && !this.connection.isClosed() && !this.reconnecting);
  }

  private reconnecting = false;

  async jetstream(): Promise<JetStreamClient> {
    return jetstream(await this.ready());
  }

  async manager(): Promise<JetStreamManager> {
    return jetstreamManager(await this.ready());
  }

  private async open(): Promise<NatsConnection> {
    let announced = false;
    for (let attempt = 0; !this.closed; attempt++) {
      try {
        const nc = await connect({
          servers: this.url.split(',').map((s) => s.trim()),
          name: this.name,
          maxReconnectAttempts: -1,
          reconnectTimeWait: 1000,
          timeout: 2000,
        });
        this.connection = nc;
        this.connecting = undefined;
        if (announced) this.logger.log(`connected to NATS at ${this.url}`);
        void this.watch(nc);
        return nc;
      } catch (error) {
        if (!announced) {
          this.logger.warn(`NATS at ${this.url} unreachable (${(error as Error).message}); retrying in the background`);
          announced = true;
        }
        await new Promise((r) => setTimeout(r, Math.min(5000, 250 * 2 ** Math.min(attempt, 5))));
      }
    }
    throw new Error('NATS connector closed');
  }

  private async watch(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect') {
        this.reconnecting = true;
        this.logger.warn('NATS connection lost; reconnecting');
      } else if (status.type === 'reconnect') {
        this.reconnecting = false;
        this.logger.log('NATS connection restored');
      }
    }
    // The status iterator ends when the connection is closed for good; open a new one unless asked to stop.
    if (!this.closed) {
      this.connection = undefined;
      this.connecting = undefined;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const nc = this.connection;
    this.connection = undefined;
    if (nc && !nc.isClosed()) await nc.drain().catch(() => nc.close());
  }
}
