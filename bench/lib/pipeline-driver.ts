// Observes a running AwdaSystem from outside for the pipeline benchmark: the event stream, its
// durable consumers, the services' outbox gauges (/metrics) and CPU time from /proc. The HTTP calls
// themselves go through e2e/journey.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { AwdaSystem, ServiceName } from '../../e2e/harness.js';

export interface StreamEvent {
  seq: number;
  subject: string;
  type: string;
  id: string;
  data: Record<string, unknown>;
  timestamp: number;
}

/** The system's event stream, seen from outside with the plain JetStream client. */
export class StreamWatch {
  private constructor(
    readonly nc: NatsConnection,
    readonly jsm: JetStreamManager,
    readonly stream: string,
  ) {}

  static async open(natsUrl: string, namespace: string): Promise<StreamWatch> {
    const nc = await connect({ servers: natsUrl, name: `bench-watch-${namespace}` });
    const jsm = await jetstreamManager(nc);
    return new StreamWatch(nc, jsm, namespace ? `${namespace.toUpperCase()}_AWDA_EVENTS` : 'AWDA_EVENTS');
  }

  async messages(): Promise<number> {
    return (await this.jsm.streams.info(this.stream)).state.messages;
  }

  /** Each durable consumer: messages not yet delivered and delivered but not acknowledged. */
  async consumers(): Promise<Record<string, { pending: number; ackPending: number; redelivered: number }>> {
    const out: Record<string, { pending: number; ackPending: number; redelivered: number }> = {};
    for await (const c of this.jsm.consumers.list(this.stream)) {
      out[c.name] = { pending: c.num_pending, ackPending: c.num_ack_pending, redelivered: c.num_redelivered };
    }
    return out;
  }

  /** Every message now in the stream, in stream order, through an ephemeral consumer. */
  async readAll(): Promise<StreamEvent[]> {
    const total = await this.messages();
    const js = jetstream(this.nc);
    const name = `bench_read_${Date.now().toString(36)}`;
    await this.jsm.consumers.add(this.stream, { name, ack_policy: AckPolicy.None, deliver_policy: DeliverPolicy.All, inactive_threshold: 60_000_000_000 });
    const consumer = await js.consumers.get(this.stream, name);
    const events: StreamEvent[] = [];
    try {
      const iter = await consumer.consume({ max_messages: 1000 });
      for await (const m of iter) {
        let envelope: { id?: string; type?: string; data?: Record<string, unknown> } = {};
        try {
          envelope = m.json();
        } catch {
          // not an envelope (should not happen)
        }
        events.push({ seq: m.seq, subject: m.subject, type: envelope.type ?? m.subject, id: envelope.id ?? '', data: envelope.data ?? {}, timestamp: m.info.timestampNanos / 1e6 });
        if (events.length >= total) break;
      }
    } finally {
      await this.jsm.consumers.delete(this.stream, name).catch(() => undefined);
    }
    return events;
  }

  async close(): Promise<void> {
    await this.nc.close();
  }
}

/** awda_outbox_pending / awda_outbox_lag_seconds of one service's /metrics. */
export async function outboxGauges(url: string): Promise<{ pending: number; lagSeconds: number } | undefined> {
  try {
    const text = await (await fetch(`${url}/metrics`)).text();
    const value = (name: string) => {
      const line = text.split('\n').find((l) => l.startsWith(name) && !l.startsWith('#'));
      return line ? Number(line.trim().split(/\s+/).pop()) : NaN;
    };
    return { pending: value('awda_outbox_pending'), lagSeconds: value('awda_outbox_lag_seconds') };
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Busy CPU seconds of the whole machine (all cores) and the total, from /proc/stat. */
export function machineCpu(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const n = line.split(/\s+/).slice(1).map(Number);
  const idle = (n[3] ?? 0) + (n[4] ?? 0);
  const total = n.reduce((a, b) => a + b, 0);
  return { busy: (total - idle) / 100, total: total / 100 };
}

/** Last CPU seconds seen of every PostgreSQL backend of a database, including backends that ended since. */
const backendCpu = new Map<string, Map<number, number>>();

/**
 * CPU seconds used so far by the PostgreSQL backends connected to `database` (their process title
 * names it); the server is shared with other runs, so its other processes are left out. A backend
 * that ended (a pool closing an idle connection) keeps the last value seen, so the total never goes
 * down between two stages; what it used after the last sample is lost.
 */
export function postgresCpuSeconds(database: string): number {
  const seen = backendCpu.get(database) ?? new Map<number, number>();
  backendCpu.set(database, seen);
  for (const pid of readProcPids()) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
      const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (title.includes(` ${database} `)) seen.set(pid, Math.max(seen.get(pid) ?? 0, cpuSeconds(pid)));
    } catch {
      // gone
    }
  }
  return [...seen.values()].reduce((a, b) => a + b, 0);
}

export function natsCpuSeconds(): number {
  let sum = 0;
  for (const pid of readProcPids()) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'nats-server') sum += cpuSeconds(pid);
    } catch {
      // gone
    }
  }
  return sum;
}

function readProcPids(): number[] {
  try {
    return readdirSync('/proc')
      .filter((n) => /^\d+$/.test(n))
      .map(Number);
  } catch {
    return [];
  }
}

export interface Sample {
  t: number;
  stage: string;
  streamMessages: number;
  consumers: Record<string, { pending: number; ackPending: number; redelivered: number }>;
  outbox: Partial<Record<ServiceName, { pending: number; lagSeconds: number }>>;
}

/** Samples the stream, consumers and outbox gauges every `intervalMs` until stopped. */
export class Sampler {
  readonly samples: Sample[] = [];
  stage = 'setup';
  private timer?: NodeJS.Timeout;
  private busy = false;
  private readonly start = performance.now();

  constructor(
    private readonly system: AwdaSystem,
    private readonly watch: StreamWatch,
  ) {}

  run(intervalMs: number): void {
    this.timer = setInterval(() => {
      if (this.busy) return;
      this.busy = true;
      void this.sample()
        .catch(() => undefined)
        .finally(() => (this.busy = false));
    }, intervalMs);
  }

  async sample(): Promise<Sample> {
    const outbox: Sample['outbox'] = {};
    for (const [name, s] of this.system.services) {
      // The gateway has no outbox.
      if (name === 'gateway') continue;
      const g = await outboxGauges(s.url);
      if (g) outbox[name] = g;
    }
    const sample: Sample = {
      t: Math.round(performance.now() - this.start),
      stage: this.stage,
      streamMessages: await this.watch.messages(),
      consumers: await this.watch.consumers(),
      outbox,
    };
    this.samples.push(sample);
    return sample;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
