import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Logger } from '@nestjs/common';
import { describeError } from '@awda/observability';
import type { HouseholdMatchFacts } from '../duplicates/duplicate.finder.js';
import type { MatchMember, NamesakeRow } from '../duplicates/duplicates.repository.js';
import { nameFindings, type NameFindings } from '../duplicates/name-findings.js';

/** Households whose names a worker compares, as sent to it. */
export interface NameMatchJob {
  id: number;
  households: { members: MatchMember[]; namesakes: NamesakeRow[] }[];
}

/** A worker's answer: nameFindings of each household of the job, in order, or why it failed. */
export type NameMatchAnswer = { id: number; findings: NameFindings[] } | { id: number; error: string };

interface Pending {
  resolve: (findings: NameFindings[]) => void;
  reject: (error: Error) => void;
}

/** One worker per core left to the main thread (one on two cores). */
const WORKERS = Math.max(1, availableParallelism() - 1);
// The compiled worker sits next to this file in dist/; from TypeScript sources (Jest) there is none to
// start, and the comparisons run in the calling thread instead (the same function, the same results).
const WORKER_URL = import.meta.url.endsWith('.js') ? new URL('./name-match.worker.js', import.meta.url) : undefined;

/**
 * Compares members with their namesakes in worker threads (node:worker_threads), so that an import's
 * name matching runs on another core than its parsing, validation and database writes. Started on
 * first use; a worker that fails is replaced and its part compared in the calling thread, as is
 * everything when there is no compiled worker (TypeScript sources under Jest).
 */
export class NameMatchPool {
  private readonly logger = new Logger(NameMatchPool.name);
  private readonly workers: (Worker | undefined)[] = Array.from({ length: WORKERS }, () => undefined);
  private readonly pending = new Map<number, Pending & { worker: Worker }>();
  private nextId = 1;

  constructor(private readonly workerUrl: URL | undefined = WORKER_URL) {}

  /** Adds nameFindings to each household's facts, the households shared among the workers. */
  async addNames(facts: Map<string, HouseholdMatchFacts>): Promise<void> {
    const all = [...facts.values()].filter((f) => f.names === undefined);
    if (all.length === 0) return;
    if (this.workerUrl === undefined) {
      for (const f of all) f.names = nameFindings(f.members, f.namesakes);
      return;
    }
    const share = Math.ceil(all.length / this.workers.length);
    const parts: HouseholdMatchFacts[][] = [];
    for (let i = 0; i < all.length; i += share) parts.push(all.slice(i, i + share));
    // A worker that fails (e.g. at its heap limit) costs speed, not the import: that part runs here.
    const answers = await Promise.all(
      parts.map((part, slot) =>
        this.run(slot, part).catch((error: unknown) => {
          this.logger.warn(`names compared in the main thread instead: ${describeError(error)}`);
          return undefined;
        }),
      ),
    );
    parts.forEach((part, p) => part.forEach((f, i) => (f.names = answers[p]?.[i] ?? nameFindings(f.members, f.namesakes))));
  }

  /** Stops the workers (pending work is refused). */
  async close(): Promise<void> {
    const workers = this.workers.splice(0, this.workers.length, ...this.workers.map(() => undefined));
    await Promise.all(workers.map((w) => w?.terminate()));
  }

  private run(slot: number, part: HouseholdMatchFacts[]): Promise<NameFindings[]> {
    const worker = this.worker(slot);
    const id = this.nextId++;
    return new Promise<NameFindings[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker });
      const job: NameMatchJob = { id, households: part.map((f) => ({ members: f.members, namesakes: f.namesakes })) };
      worker.postMessage(job);
    });
  }

  private worker(slot: number): Worker {
    const running = this.workers[slot];
    if (running !== undefined) return running;
    if (this.workerUrl === undefined) throw new Error('no worker file');
    // A small heap of its own: it holds one share of one part of a group at a time.
    const worker = new Worker(fileURLToPath(this.workerUrl), { resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 } });
    // An idle pool never keeps the process alive.
    worker.unref();
    worker.on('message', (answer: NameMatchAnswer) => {
      const waiting = this.pending.get(answer.id);
      if (waiting === undefined) return;
      this.pending.delete(answer.id);
      if ('error' in answer) waiting.reject(new Error(`name matching failed in a worker: ${answer.error}`));
      else waiting.resolve(answer.findings);
    });
    const lost = (error: Error) => {
      if (this.workers[slot] === worker) this.workers[slot] = undefined;
      for (const [id, waiting] of this.pending) {
        if (waiting.worker !== worker) continue;
        this.pending.delete(id);
        waiting.reject(error);
      }
    };
    worker.on('error', (error) => {
      this.logger.error(`name-match worker failed: ${describeError(error)}`);
      lost(error);
    });
    worker.on('exit', (code) => lost(new Error(`name-match worker stopped (exit code ${code})`)));
    this.workers[slot] = worker;
    return worker;
  }
}
