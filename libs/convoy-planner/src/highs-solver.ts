// Runs HiGHS in a worker thread so a long solve never blocks the caller and can be cut off at the cap.
// The worker is plain JavaScript passed as a string: it then runs the same from TypeScript sources
// (tests) and from the compiled build, with no file to locate next to the bundle.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface SolverJob {
  readonly mip: string;
  readonly relaxation: string;
  /** Bins of the plan already in hand: the MIP is skipped when the LP bound shows it cannot do better. */
  readonly incumbent: number;
  readonly timeLimitMs: number;
}

export interface SolverReport {
  readonly lpStatus?: string;
  readonly lpObjective?: number;
  readonly mipStatus?: string;
  readonly mipObjective?: number;
  /** Non-zero column values of the MIP's best solution. */
  readonly values?: Readonly<Record<string, number>>;
  readonly error?: string;
  /** The worker was stopped at the cap before it reported. */
  readonly stopped: boolean;
}

type WorkerMessage =
  | { readonly kind: 'lp'; readonly status: string; readonly objective: number }
  | { readonly kind: 'mip'; readonly status: string; readonly objective: number; readonly values: Record<string, number> }
  | { readonly kind: 'done' }
  | { readonly kind: 'error'; readonly message: string };

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const started = Date.now();
const secondsLeft = () => Math.max(0.05, (workerData.timeLimitMs - (Date.now() - started)) / 1000);
(async () => {
  const highs = await require(workerData.highsPath)();
  // Interior point: several times faster than dual simplex on these degenerate flow LPs.
  const lp = highs.solve(workerData.relaxation, { output_flag: false, solver: 'ipm', time_limit: secondsLeft() });
  parentPort.postMessage({ kind: 'lp', status: lp.Status, objective: lp.ObjectiveValue });
  if (lp.Status === 'Optimal' && Math.ceil(lp.ObjectiveValue - 1e-6) >= workerData.incumbent) {
    parentPort.postMessage({ kind: 'done' });
    return;
  }
  const mip = highs.solve(workerData.mip, { output_flag: false, time_limit: secondsLeft(), mip_rel_gap: 0 });
  const values = {};
  for (const [name, column] of Object.entries(mip.Columns || {})) {
    if (typeof column.Primal === 'number' && Math.abs(column.Primal) > 1e-6) values[name] = column.Primal;
  }
  parentPort.postMessage({ kind: 'mip', status: mip.Status, objective: mip.ObjectiveValue, values });
})().catch((error) => parentPort.postMessage({ kind: 'error', message: String((error && error.message) || error) }));
`;

// Loading the WebAssembly and HiGHS's own clock both take a little; the worker is stopped this long after the cap.
const STOP_GRACE_MS = 500;

function highsPath(): string {
  return createRequire(import.meta.url).resolve('highs');
}

/** Solves the LP relaxation, then (if it could improve on `incumbent`) the MIP, within the time cap. */
export function solveWithHighs(job: SolverJob): Promise<SolverReport> {
  let path: string;
  try {
    path = highsPath();
  } catch (error) {
    return Promise.resolve({ error: `highs is not installed: ${String(error)}`, stopped: false });
  }
  return new Promise((resolve) => {
    let report: SolverReport = { stopped: false };
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ...job, highsPath: path } });
    let settled = false;
    const finish = (last: Partial<SolverReport>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...report, ...last });
      void worker.terminate();
    };
    const timer = setTimeout(() => finish({ stopped: true }), job.timeLimitMs + STOP_GRACE_MS);
    worker.on('message', (message: WorkerMessage) => {
      switch (message.kind) {
        case 'lp':
          report = { ...report, lpStatus: message.status, lpObjective: message.objective };
          break;
        case 'mip':
          finish({ mipStatus: message.status, mipObjective: message.objective, values: message.values });
          break;
        case 'done':
          finish({});
          break;
        case 'error':
          finish({ error: message.message });
          break;
      }
    });
    worker.on('error', (error) => finish({ error: String(error) }));
    worker.on('exit', () => finish({}));
  });
}
