import { afterEach, describe, expect, it } from '@jest/globals';
import { waitFor } from '@awda/testing';
import { Supervisor, type SupervisedService } from './supervisor.js';

// Stands for a service: runs until told to stop, and stops when its supervisor's pipe closes.
const RUNS = `process.stdin.on('end', () => process.exit(0)); process.stdin.resume(); process.on('SIGTERM', () => process.exit(0)); setInterval(() => {}, 1000);`;

const service = (name: string, code: string): SupervisedService => ({ name, command: process.execPath, args: ['-e', code], env: {} });

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe(Supervisor.name, () => {
  let supervisor: Supervisor | undefined;
  afterEach(async () => {
    await supervisor?.stop();
  });

  it('should restart a crashed service with growing delays and give up after repeated crashes, saying so, while the others run on', async () => {
    const lines: string[] = [];
    const delays: number[] = [];
    supervisor = new Supervisor({ backoffMs: (n) => (delays.push(n), 10 * n), maxCrashes: 3, log: (l) => lines.push(l) });
    supervisor.start([service('crashing', 'process.exit(3)'), service('steady', RUNS)]);
    const steady = supervisor.processOf('steady')?.pid;
    await waitFor('the crashing service to be given up', async () => supervisor!.givenUp().includes('crashing'), { timeoutMs: 20_000 });
    expect(delays).toEqual([1, 2]);
    expect(lines.filter((l) => l.includes('; restarting it'))).toHaveLength(2);
    expect(lines.at(-1)).toMatch(/crashing stopped \(code 3\) and has crashed 3 times .*not restarting it\. The other services keep running/);
    expect(supervisor.processOf('steady')?.pid).toBe(steady);
  });

  it('should bring a service killed by the system back', async () => {
    supervisor = new Supervisor({ backoffMs: () => 10, log: () => undefined });
    supervisor.start([service('registration', RUNS)]);
    const first = supervisor.processOf('registration')?.pid;
    supervisor.processOf('registration')?.kill('SIGKILL');
    await waitFor('a new registration process', async () => {
      const pid = supervisor!.processOf('registration')?.pid;
      return pid !== undefined && pid !== first;
    });
    expect(alive(first)).toBe(false);
  });

  it('should leave no service running after stop, even one that ignores SIGTERM', async () => {
    supervisor = new Supervisor({ stopGraceMs: 500, log: () => undefined });
    supervisor.start([service('a', RUNS), service('stubborn', `process.on('SIGTERM', () => {}); setInterval(() => {}, 1000);`)]);
    const pids = ['a', 'stubborn'].map((n) => supervisor!.processOf(n)?.pid);
    await waitFor('both to run', async () => pids.every(alive));
    await supervisor.stop();
    expect(pids.map(alive)).toEqual([false, false]);
  });

  it('should stop every service once its own parent is gone', async () => {
    supervisor = new Supervisor({ log: () => undefined });
    supervisor.start([service('a', RUNS), service('b', RUNS)]);
    const pids = ['a', 'b'].map((n) => supervisor!.processOf(n)?.pid);
    let parent = 4242;
    let stopped = false;
    const timer = supervisor.stopWhenOrphaned(() => (stopped = true), 4242, () => parent);
    parent = 1;
    await waitFor('the services to be stopped', async () => stopped, { timeoutMs: 10_000 });
    clearInterval(timer);
    expect(pids.map(alive)).toEqual([false, false]);
  });

  it("should have a service stop by itself when the supervisor's pipe closes (the supervisor killed with SIGKILL)", async () => {
    supervisor = new Supervisor({ log: () => undefined });
    supervisor.start([service('a', RUNS)]);
    const child = supervisor.processOf('a');
    child?.stdin?.destroy();
    await waitFor('the service to exit', async () => child?.exitCode !== null || child.signalCode !== null);
    expect(alive(child?.pid)).toBe(false);
  });
});
