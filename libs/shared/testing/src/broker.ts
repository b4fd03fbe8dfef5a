import { connect } from '@nats-io/transport-node';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { TEST_NATS_URL, uniqueToken } from './databases.js';

export interface TestBroker {
  /** Namespace to pass as AWDA_NAMESPACE / messaging `namespace`. */
  namespace: string;
  url: string;
  nc: NatsConnection;
  jsm: JetStreamManager;
  /** Deletes every stream of this namespace and closes the connection. */
  cleanup(): Promise<void>;
}

/** A namespace of its own on the real NATS server, so parallel test runs never share streams. */
export async function createTestBroker(): Promise<TestBroker> {
  const namespace = uniqueToken('t');
  const nc = await connect({ servers: TEST_NATS_URL, name: `test-${namespace}` });
  const jsm = await jetstreamManager(nc);
  return {
    namespace,
    url: TEST_NATS_URL,
    nc,
    jsm,
    async cleanup() {
      for await (const name of jsm.streams.names()) {
        if (name.startsWith(`${namespace.toUpperCase()}_`)) await jsm.streams.delete(name).catch(() => undefined);
      }
      await nc.close();
    },
  };
}
