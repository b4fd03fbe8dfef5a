// A fault schedule drawn from a seed (the same seed gives the same faults, in the same order, after
// the same pauses), and the injector that carries it out while the workload runs.
import { createRng } from '@awda/testing';
import { hasExited, SERVICE_NAMES, type AwdaSystem, type ServiceName } from '../harness.js';
import type { NatsServer, PgCluster } from './servers.js';

export type FaultKind = `kill:${ServiceName}` | 'restart:nats' | 'restart:postgres';
export const FAULT_KINDS: readonly FaultKind[] = [...SERVICE_NAMES.map((s) => `kill:${s}` as const), 'restart:nats', 'restart:postgres'];

export interface Fault {
  n: number;
  kind: FaultKind;
  /** Pause before the fault (after the previous one recovered), ms. */
  waitMs: number;
  /** How long the killed thing stays down, ms. */
  downMs: number;
}

/** Every kind once in a seeded order, then seeded picks; pauses and down times from the seed too. */
export function faultSchedule(seed: string, count: number, { minWaitMs = 1500, maxWaitMs = 5000 } = {}): Fault[] {
  const rng = createRng(`faults:${seed}`);
  const firsts = [...FAULT_KINDS];
  for (let i = firsts.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [firsts[i], firsts[j]] = [firsts[j] as FaultKind, firsts[i] as FaultKind];
  }
  return Array.from({ length: count }, (_, n) => ({
    n: n + 1,
    kind: n < firsts.length ? (firsts[n] as FaultKind) : rng.pick(FAULT_KINDS),
    waitMs: rng.int(minWaitMs, maxWaitMs),
    downMs: rng.int(200, 2500),
  }));
}

export interface FaultRecord extends Fault {
  at: string;
  /** What the workload was doing when the fault hit. */
  progress: string;
  recoveredMs?: number;
  error?: string;
}

export interface Problem {
  what: string;
  evidence: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Carries out a schedule against the system, its nats-server and its PostgreSQL, one fault at a time. */
export class FaultInjector {
  readonly done: FaultRecord[] = [];
  /** Crashes and failed recoveries seen on the way: each is a defect. */
  readonly problems: Problem[] = [];
  private stopping = false;
  private loop?: Promise<void>;

  constructor(
    private readonly system: AwdaSystem,
    private readonly nats: NatsServer,
    private readonly pg: PgCluster,
    private readonly progress: () => string,
    private readonly log: (line: string) => void,
  ) {}

  start(schedule: readonly Fault[]): void {
    this.loop = this.run(schedule);
  }

  /** Stops after the fault in progress has recovered. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.loop;
  }

  private async run(schedule: readonly Fault[]): Promise<void> {
    for (const fault of schedule) {
      for (let waited = 0; waited < fault.waitMs && !this.stopping; waited += 100) await sleep(100);
      if (this.stopping) return;
      await this.inject(fault);
    }
  }

  async inject(fault: Fault): Promise<void> {
    const record: FaultRecord = { ...fault, at: new Date().toISOString(), progress: this.progress() };
    this.done.push(record);
    this.log(`fault #${fault.n} ${fault.kind} at ${record.at} down ${fault.downMs} ms (during: ${record.progress})`);
    const t0 = Date.now();
    try {
      if (fault.kind === 'restart:nats') {
        await this.nats.kill();
        await sleep(fault.downMs);
        await this.nats.start();
      } else if (fault.kind === 'restart:postgres') {
        await this.pg.stopImmediate();
        await sleep(fault.downMs);
        await this.pg.start();
      } else {
        const name = fault.kind.slice('kill:'.length) as ServiceName;
        await this.system.kill(name);
        await sleep(fault.downMs);
        await this.system.startService(name);
      }
      await this.allHealthy(fault);
      record.recoveredMs = Date.now() - t0;
    } catch (error) {
      record.error = (error as Error).message;
      this.problems.push({ what: `fault #${fault.n} ${fault.kind}: no recovery`, evidence: record.error.slice(0, 2000) });
      this.log(`fault #${fault.n} ${fault.kind} did not recover: ${record.error.slice(0, 500)}`);
    }
  }

  /** Every service process alive and healthy (bounded); a process that died on its own is a defect, restarted to go on. */
  async allHealthy(fault?: Fault): Promise<void> {
    for (const name of SERVICE_NAMES) {
      const running = this.system.services.get(name);
      if (running && hasExited(running.process)) {
        const evidence = running.output.join('').slice(-3000);
        this.problems.push({
          what: `${name} exited by itself (code ${running.process.exitCode ?? running.process.signalCode})${fault ? ` after fault #${fault.n} ${fault.kind}` : ''}`,
          evidence,
        });
        this.log(`${name} exited by itself with ${running.process.exitCode ?? running.process.signalCode}; restarting it`);
        await this.system.startService(name);
      }
    }
    const deadline = Date.now() + 60_000;
    for (const name of SERVICE_NAMES) {
      for (;;) {
        const res = await fetch(`${this.system.url(name)}/health`).catch(() => undefined);
        if (res?.status === 200) break;
        if (Date.now() > deadline) {
          const body = res ? await res.text().catch(() => '') : 'no answer';
          throw new Error(`${name} not healthy 60 s after the fault: ${res?.status ?? '-'} ${body.slice(0, 500)}`);
        }
        await sleep(200);
      }
    }
  }
}
