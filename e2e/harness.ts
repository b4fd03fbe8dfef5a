// Starts the four services as separate processes (the built dist/) on the real PostgreSQL and
// NATS, with a database and a stream namespace of their own, and can kill -9 and restart them.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signToken, type Role } from '@awda/auth';
import { DEV_JWT_SECRET } from '@awda/config';
import { createTestBroker, createTestDatabase, waitFor, type TestBroker, type TestDatabase } from '@awda/testing';

export const SERVICE_NAMES = ['registration', 'eligibility', 'transport', 'notifications'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

// Run from e2e/ (Jest) or dist/e2e/ (benchmarks, demo): find the repository root either way.
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = here.endsWith(join('dist', 'e2e')) ? join(here, '..', '..') : join(here, '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningService {
  name: ServiceName;
  port: number;
  url: string;
  process: ChildProcess;
  /** Everything the process wrote (JSON log lines), for the personal-data scan. */
  output: string[];
}

export interface SystemOptions {
  /** Which services to run (default: all four). */
  services?: readonly ServiceName[];
  databaseUrl?: string;
  natsUrl?: string;
  namespace?: string;
  extraEnv?: Record<string, string>;
  /** Extra node command-line flags for every service (e.g. --cpu-prof, not allowed in NODE_OPTIONS). */
  nodeArgs?: string[];
}

/** The whole system as four OS processes. */
export class AwdaSystem {
  readonly services = new Map<ServiceName, RunningService>();
  readonly smsDir: string;
  private db?: TestDatabase;
  private broker?: TestBroker;
  private ports = new Map<ServiceName, number>();

  private constructor(
    readonly databaseUrl: string,
    readonly natsUrl: string,
    readonly namespace: string,
    private readonly extraEnv: Record<string, string>,
    private readonly nodeArgs: readonly string[] = [],
  ) {
    this.smsDir = mkdtempSync(join(tmpdir(), 'awda-sms-'));
  }

  static async start(options: SystemOptions = {}): Promise<AwdaSystem> {
    const main = join(repoRoot, 'dist', 'apps', 'registration', 'src', 'main.js');
    if (!existsSync(main)) throw new Error('dist/ is missing: run `npm run build` before the end-to-end tests');
    const db = options.databaseUrl ? undefined : await createTestDatabase('e2e');
    const broker = options.natsUrl && options.namespace ? undefined : await createTestBroker();
    const system = new AwdaSystem(
      options.databaseUrl ?? db?.url ?? '',
      options.natsUrl ?? broker?.url ?? '',
      options.namespace ?? broker?.namespace ?? '',
      options.extraEnv ?? {},
      options.nodeArgs ?? [],
    );
    system.db = db;
    system.broker = broker;
    const names = options.services ?? SERVICE_NAMES;
    for (const name of names) system.ports.set(name, await freePort());
    try {
      await Promise.all(names.map((name) => system.startService(name)));
    } catch (error) {
      // A service that cannot start must not leave processes, a database or a stream behind.
      await system.stop().catch(() => undefined);
      throw error;
    }
    return system;
  }

  url(name: ServiceName): string {
    return `http://127.0.0.1:${this.ports.get(name)}`;
  }

  async startService(name: ServiceName): Promise<RunningService> {
    const port = this.ports.get(name) ?? (await freePort());
    const output: string[] = this.services.get(name)?.output ?? [];
    // The flags of deploy/Dockerfile's CMD (the heap ceiling is explained there), then the run's own.
    const child = spawn(process.execPath, ['--enable-source-maps', '--max-old-space-size=512', ...this.nodeArgs, join(repoRoot, 'dist', 'apps', name, 'src', 'main.js')], {
      env: {
        PATH: process.env['PATH'] ?? '',
        NODE_ENV: 'test',
        PORT: String(port),
        DATABASE_URL: this.databaseUrl,
        NATS_URL: this.natsUrl,
        AWDA_NAMESPACE: this.namespace,
        LOG_LEVEL: 'info',
        OUTBOX_POLL_MS: '200',
        MESSAGING_MAX_DELIVER: '8',
        // Four processes per test run on a shared server: keep each pool small.
        DATABASE_POOL_SIZE: '6',
        MESSAGING_CONCURRENCY: '4',
        // One test user drives a whole camp; the security suite sets its own, lower limit.
        RATE_LIMIT_SMS_PER_MINUTE: '100000',
        SMS_DEV_OUTBOX_DIR: this.smsDir,
        ...this.extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const running: RunningService = { name, port, url: `http://127.0.0.1:${port}`, process: child, output };
    this.services.set(name, running);
    await waitFor(
      `${name} to become healthy`,
      async () => {
        if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}: ${output.join('').slice(-2000)}`);
        const res = await fetch(`${running.url}/health`).catch(() => undefined);
        return res?.status === 200;
      },
      { timeoutMs: 180_000, intervalMs: 200 },
    );
    return running;
  }

  /** kill -9: no shutdown hooks, no graceful drain. */
  async kill(name: ServiceName): Promise<void> {
    const running = this.services.get(name);
    if (!running || running.process.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.process.once('exit', () => resolve());
      running.process.kill('SIGKILL');
    });
  }

  async restart(name: ServiceName): Promise<void> {
    await this.kill(name);
    await this.startService(name);
  }

  logs(): string {
    return [...this.services.values()].map((s) => s.output.join('')).join('\n');
  }

  /** Peak resident memory of a service process (Linux VmHWM), in MiB. */
  peakMemoryMiB(name: ServiceName): number | undefined {
    return this.procStatusMiB(name, 'VmHWM');
  }

  /** Resident memory of a service process now (Linux VmRSS), in MiB. */
  residentMemoryMiB(name: ServiceName): number | undefined {
    return this.procStatusMiB(name, 'VmRSS');
  }

  /** CPU time (user + system) a service process has used so far, in seconds (Linux /proc/<pid>/stat). */
  cpuSeconds(name: ServiceName): number | undefined {
    const pid = this.services.get(name)?.process.pid;
    if (!pid) return undefined;
    try {
      // Fields after the command name, which is in parentheses and may hold spaces: utime, stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return undefined;
    }
  }

  private procStatusMiB(name: ServiceName, field: 'VmHWM' | 'VmRSS'): number | undefined {
    const pid = this.services.get(name)?.process.pid;
    if (!pid) return undefined;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1];
      return kb ? Number(kb) / 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  async stop(): Promise<void> {
    await Promise.all(
      [...this.services.values()].map(
        (s) =>
          new Promise<void>((resolve) => {
            if (s.process.exitCode !== null) return resolve();
            s.process.once('exit', () => resolve());
            s.process.kill('SIGTERM');
            setTimeout(() => s.process.kill('SIGKILL'), 5000).unref();
          }),
      ),
    );
    await this.broker?.cleanup();
    await this.db?.drop();
    rmSync(this.smsDir, { recursive: true, force: true });
  }
}

export async function tokenFor(roles: Role[], camps: string[], sub = `user-${roles.join('-')}`): Promise<string> {
  return signToken({ sub, roles, camps, ttlSeconds: 3600 }, { secret: DEV_JWT_SECRET, issuer: 'awda-local', audience: 'awda' });
}

/** fetch with a bearer token and JSON, returning status and parsed body. */
export async function api<T = unknown>(
  method: string,
  url: string,
  token: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON (CSV, HTML)
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}
