// The local supervisor behind `npm start`: runs each service as a child process, restarts one that
// crashes (with backoff, giving up after repeated crashes), and stops them all when it is told to or
// when its own parent (npm) is gone. No service outlives it: children run in their own process group
// (a terminal's Ctrl-C reaches the supervisor, which stops them in order) and read a pipe from it on
// stdin, which closes even if the supervisor is killed with SIGKILL (services then stop themselves).
import { spawn, type ChildProcess } from 'node:child_process';

export interface SupervisedService {
  name: string;
  command: string;
  args: readonly string[];
  env: NodeJS.ProcessEnv;
}

export interface SupervisorOptions {
  /** Delay before the n-th restart (n from 1) of a service whose crashes are close together. */
  backoffMs?: (restart: number) => number;
  /** Crashes within crashWindowMs after which a service is given up. */
  maxCrashes?: number;
  crashWindowMs?: number;
  /** How long a stop waits for a service to exit before SIGKILL. */
  stopGraceMs?: number;
  log?: (line: string) => void;
}

/** Set in every child: a service started with it stops itself when its stdin (the supervisor's pipe) closes. */
export const SUPERVISED_ENV = 'AWDA_SUPERVISED';

interface Running {
  service: SupervisedService;
  child: ChildProcess | undefined;
  crashes: number[];
  gaveUp: boolean;
  restartTimer: NodeJS.Timeout | undefined;
}

export class Supervisor {
  private readonly running = new Map<string, Running>();
  private stopping: Promise<void> | undefined;
  private readonly backoffMs: (restart: number) => number;
  private readonly maxCrashes: number;
  private readonly crashWindowMs: number;
  private readonly stopGraceMs: number;
  private readonly log: (line: string) => void;

  constructor(options: SupervisorOptions = {}) {
    this.backoffMs = options.backoffMs ?? ((n) => Math.min(30_000, 1000 * 2 ** (n - 1)));
    this.maxCrashes = options.maxCrashes ?? 5;
    this.crashWindowMs = options.crashWindowMs ?? 10 * 60_000;
    this.stopGraceMs = options.stopGraceMs ?? 10_000;
    this.log = options.log ?? ((line) => console.error(line));
  }

  start(services: readonly SupervisedService[]): void {
    for (const service of services) {
      const entry: Running = { service, child: undefined, crashes: [], gaveUp: false, restartTimer: undefined };
      this.running.set(service.name, entry);
      this.launch(entry);
    }
  }

  /** The process of a service now (undefined while it waits to be restarted, or after giving up). */
  processOf(name: string): ChildProcess | undefined {
    const child = this.running.get(name)?.child;
    return child?.exitCode === null && child.signalCode === null ? child : undefined;
  }

  /** Names of the services given up after repeated crashes. */
  givenUp(): string[] {
    return [...this.running.values()].filter((r) => r.gaveUp).map((r) => r.service.name);
  }

  /** SIGTERM to every service, SIGKILL to any still running after the grace period; resolves when all have exited. */
  stop(): Promise<void> {
    this.stopping ??= Promise.all(
      [...this.running.values()].map((entry) => {
        if (entry.restartTimer) clearTimeout(entry.restartTimer);
        return this.terminate(entry.child);
      }),
    ).then(() => undefined);
    return this.stopping;
  }

  /** Stops everything once the parent process is gone (npm killed, even with SIGKILL): checked every second. */
  stopWhenOrphaned(onStopped: () => void, parentPid = process.ppid, currentParent = () => process.ppid): NodeJS.Timeout {
    const timer = setInterval(() => {
      if (currentParent() === parentPid) return;
      clearInterval(timer);
      this.log('the process that started Awda is gone; stopping the services');
      void this.stop().then(onStopped);
    }, 1000);
    return timer;
  }

  private launch(entry: Running): void {
    const { service } = entry;
    const child = spawn(service.command, [...service.args], {
      env: { ...service.env, [SUPERVISED_ENV]: '1' },
      stdio: ['pipe', 'inherit', 'inherit'],
      detached: true,
    });
    entry.child = child;
    child.on('error', (error) => this.log(`${service.name} could not be started: ${error.message}`));
    child.on('exit', (code, signal) => {
      if (this.stopping !== undefined) return;
      this.crashed(entry, signal ?? `code ${code}`);
    });
  }

  private crashed(entry: Running, how: string): void {
    const now = Date.now();
    entry.crashes = [...entry.crashes.filter((t) => now - t < this.crashWindowMs), now];
    const name = entry.service.name;
    if (entry.crashes.length >= this.maxCrashes) {
      entry.gaveUp = true;
      entry.child = undefined;
      this.log(
        `${name} stopped (${how}) and has crashed ${entry.crashes.length} times in ${Math.round(this.crashWindowMs / 60_000)} minutes: ` +
          `not restarting it. The other services keep running; see ${name}'s log above for the cause, fix it and run npm start again.`,
      );
      return;
    }
    const delay = this.backoffMs(entry.crashes.length);
    this.log(`${name} stopped (${how}); restarting it in ${Math.round(delay / 100) / 10} s (crash ${entry.crashes.length} of at most ${this.maxCrashes - 1} restarts)`);
    entry.restartTimer = setTimeout(() => {
      entry.restartTimer = undefined;
      if (this.stopping === undefined) this.launch(entry);
    }, delay);
  }

  private terminate(child: ChildProcess | undefined): Promise<void> {
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), this.stopGraceMs);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }
}
