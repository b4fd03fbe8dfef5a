// `npm start` as a user runs it: the supervisor started through a shell (as npm does), all services
// healthy, then the shell killed (what npm passes a signal to) or the supervisor killed with SIGKILL:
// no service may outlive it. Run after `npm run build`.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestBroker, createTestDatabase, waitFor, type TestBroker, type TestDatabase } from '@awda/testing';
import { freePort } from './harness.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const SERVICES = ['registration', 'eligibility', 'transport', 'notifications', 'reporting'];

/** Every live process descending from pid (Linux /proc), deepest last. */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
}

describe('npm start', () => {
  let db: TestDatabase;
  let broker: TestBroker;
  const started: number[] = [];

  beforeAll(async () => {
    if (!existsSync(join(repoRoot, 'dist', 'tools', 'start.js'))) throw new Error('dist/ is missing: run `npm run build` first');
    db = await createTestDatabase('e2e_start');
    broker = await createTestBroker();
  });

  afterAll(async () => {
    // Whatever a failed test left behind, by the pids it started only.
    for (const pid of started.filter(alive)) process.kill(pid, 'SIGKILL');
    await broker?.cleanup();
    await db?.drop();
  });

  async function startAwda(): Promise<{ shell: ChildProcess; ports: number[] }> {
    const ports = await Promise.all(SERVICES.map(() => freePort()));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'], NODE_ENV: 'test', DATABASE_URL: db.url, NATS_URL: broker.url, AWDA_NAMESPACE: broker.namespace,
      LOG_LEVEL: 'warn', DATABASE_POOL_SIZE: '4', MESSAGING_CONCURRENCY: '2', SMS_DEV_OUTBOX_DIR: join(repoRoot, 'var', 'e2e-start-sms'),
      ...Object.fromEntries(SERVICES.map((s, i) => [`${s.toUpperCase()}_PORT`, String(ports[i])])),
    };
    // The shell npm runs a script in: it does not pass signals on to node.
    const shell = spawn('/bin/sh', ['-c', `${process.execPath} ${join(repoRoot, 'dist', 'tools', 'start.js')}`], { env, stdio: 'ignore' });
    started.push(shell.pid!);
    await waitFor('every service to be healthy', async () => {
      for (const pid of descendants(shell.pid!)) if (!started.includes(pid)) started.push(pid);
      const answers = await Promise.all(ports.map((p) => fetch(`http://127.0.0.1:${p}/health`).then((r) => r.status).catch(() => 0)));
      return answers.every((s) => s === 200);
    }, { timeoutMs: 90_000, intervalMs: 500 });
    return { shell, ports };
  }

  it('should leave no process running when the process npm signals is killed', async () => {
    const { shell } = await startAwda();
    const tree = descendants(shell.pid!);
    expect(tree.length).toBeGreaterThanOrEqual(1 + SERVICES.length);
    shell.kill('SIGTERM');
    await waitFor('every process of npm start to exit', async () => tree.every((pid) => !alive(pid)), { timeoutMs: 30_000 });
  });

  it('should leave no service running when the supervisor itself is killed with SIGKILL', async () => {
    const { shell } = await startAwda();
    const tree = descendants(shell.pid!);
    const supervisor = tree[0]!;
    process.kill(supervisor, 'SIGKILL');
    await waitFor('every service to exit', async () => tree.every((pid) => !alive(pid)), { timeoutMs: 30_000 });
    shell.kill('SIGKILL');
  });
});
