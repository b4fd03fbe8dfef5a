// Three nats-server processes clustered with JetStream (routes between them, a server name and a store
// of its own each), built from the fault suite's NatsServer: kill -9 one and start it on its store again.
import { connect } from '@nats-io/transport-node';
import { waitFor } from '@awda/testing';
import { freePort } from '../harness.js';
import { NatsServer } from '../faults/servers.js';

export interface NodePorts {
  name: string;
  client: number;
  route: number;
  monitor: number;
}

export class NatsCluster {
  private constructor(
    readonly nodes: NatsServer[],
    readonly ports: NodePorts[],
  ) {}

  static async create(size = 3): Promise<NatsCluster> {
    const ports: NodePorts[] = [];
    for (let i = 1; i <= size; i++) ports.push({ name: `n${i}`, client: await freePort(), route: await freePort(), monitor: await freePort() });
    const routes = ports.map((p) => `nats-route://127.0.0.1:${p.route}`).join(',');
    const nodes = await Promise.all(
      ports.map((p) =>
        NatsServer.create({
          port: p.client,
          extraArgs: ['-n', p.name, '--cluster_name', 'awda-test', '--cluster', `nats://127.0.0.1:${p.route}`, '--routes', routes, '-m', String(p.monitor)],
        }),
      ),
    );
    const cluster = new NatsCluster(nodes, ports);
    await cluster.waitForMetaLeader();
    return cluster;
  }

  /** All three client URLs, comma-separated (NATS_URL). */
  get url(): string {
    return this.nodes.map((n) => n.url).join(',');
  }

  indexOf(name: string): number {
    const i = this.ports.findIndex((p) => p.name === name);
    if (i < 0) throw new Error(`no NATS node named ${name}`);
    return i;
  }

  /** /jsz of one node (nats-server's monitoring): its view of the JetStream meta group. */
  async jsz(i: number): Promise<{ meta_cluster?: { leader?: string; cluster_size?: number } }> {
    const res = await fetch(`http://127.0.0.1:${this.ports[i]?.monitor}/jsz`);
    return (await res.json()) as { meta_cluster?: { leader?: string; cluster_size?: number } };
  }

  /** The JetStream meta leader's server name, as the nodes that answer see it (bounded wait). */
  async waitForMetaLeader(timeoutMs = 60_000): Promise<string> {
    return waitFor(
      'a JetStream meta leader in the NATS cluster',
      async () => {
        for (let i = 0; i < this.nodes.length; i++) {
          const leader = await this.jsz(i)
            .then((j) => j.meta_cluster?.leader)
            .catch(() => undefined);
          if (leader) return leader;
        }
        return undefined;
      },
      { timeoutMs, intervalMs: 200 },
    );
  }

  async kill(i: number): Promise<void> {
    await this.nodes[i]?.kill();
  }

  async start(i: number): Promise<void> {
    await this.nodes[i]?.start();
  }

  /** A client connected to every node (it reconnects to another when one dies). */
  async client(name: string) {
    return connect({ servers: this.nodes.map((n) => n.url), name, maxReconnectAttempts: -1, reconnectTimeWait: 250 });
  }

  async destroy(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.destroy()));
  }

  pids(): number[] {
    return this.nodes.map((n) => n.pid).filter((p): p is number => typeof p === 'number');
  }
}
