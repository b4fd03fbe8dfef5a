// Starts the five services as separate processes (the built dist/) on the real PostgreSQL and
// NATS, with a database and a stream namespace of their own, and can kill -9 and restart them.
// With `gateway: true` it starts the gateway in front of them too, and hands out signed-in clients.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataSource } from 'typeorm';
import { signToken, type Role } from '@awda/auth';
import { serviceMigrations } from '@awda/bootstrap';
import { DEV_JWT_SECRET } from '@awda/config';
import { openServiceDataSource } from '@awda/persistence';
import { GatewayClient, createTestBroker, createTestDatabase, uniqueToken, waitFor, type TestBroker, type TestDatabase } from '@awda/testing';
import { gatewayApp } from '../apps/gateway/src/gateway.definition.js';
import { provisionUser, type UserSpec } from '../apps/gateway/src/users/provision.js';

export const SERVICE_NAMES = ['registration', 'eligibility', 'transport', 'notifications', 'reporting'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
/** A process the harness runs: one of the services, or the gateway in front of them. */
export type ProcessName = ServiceName | 'gateway';

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
  name: ProcessName;
  port: number;
  url: string;
  process: ChildProcess;
  /** Everything the process wrote (JSON log lines), for the personal-data scan. */
  output: string[];
}

export interface SystemOptions {
  /** Which services to run (default: all five). */
  services?: readonly ServiceName[];
  databaseUrl?: string;
  natsUrl?: string;
  namespace?: string;
  extraEnv?: Record<string, string>;
  /** Extra node command-line flags for every service (e.g. --cpu-prof, not allowed in NODE_OPTIONS). */
  nodeArgs?: string[];
  /** Also start the gateway (sign-in, sessions, /api proxy, the console) in front of the services. */
  gateway?: boolean;
  /** Extra environment for the gateway only (e.g. CONSOLE_DIR, SESSION_IDLE_MINUTES). */
  gatewayEnv?: Record<string, string>;
}

/** The whole system as five OS processes. */
export class AwdaSystem {
  readonly services = new Map<ProcessName, RunningService>();
  readonly smsDir: string;
  private db?: TestDatabase;
  private broker?: TestBroker;
  private ports = new Map<ProcessName, number>();
  private gatewayEnv: Record<string, string> = {};
  private gatewayData?: Promise<DataSource>;

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
    const names: ProcessName[] = [...(options.services ?? SERVICE_NAMES), ...(options.gateway ? (['gateway'] as const) : [])];
    // Services not started still get a port nobody listens on: the gateway answers 503 for them.
    for (const name of options.gateway ? [...SERVICE_NAMES, 'gateway' as const] : names) system.ports.set(name, await freePort());
    system.gatewayEnv = options.gatewayEnv ?? {};
    try {
      await Promise.all(names.map((name) => system.startService(name)));
    } catch (error) {
      // A service that cannot start must not leave processes, a database or a stream behind.
      await system.stop().catch(() => undefined);
      throw error;
    }
    return system;
  }

  url(name: ProcessName): string {
    return `http://127.0.0.1:${this.ports.get(name)}`;
  }

  /** The gateway's address (the console's origin), when started with `gateway: true`. */
  get gatewayUrl(): string {
    if (!this.ports.has('gateway')) throw new Error('the gateway was not started: AwdaSystem.start({ gateway: true })');
    return this.url('gateway');
  }

  // The gateway reaches each service the harness started (a service not started: a closed port, so 503).
  private gatewayServiceUrls(): Record<string, string> {
    return Object.fromEntries(SERVICE_NAMES.map((name) => [`${name.toUpperCase()}_URL`, this.url(name)]));
  }

  async startService(name: ProcessName): Promise<RunningService> {
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
        // The suites watch each status SMS go out; settling (default 180 s) is set by the suite about it.
        SMS_SETTLE_SECONDS: '0',
        ...this.extraEnv,
        ...(name === 'gateway' ? { ...this.gatewayServiceUrls(), ...this.gatewayEnv } : {}),
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
        if (hasExited(child)) throw new Error(`${name} exited with ${child.exitCode ?? child.signalCode}: ${output.join('').slice(-2000)}`);
        const res = await fetch(`${running.url}/health`).catch(() => undefined);
        return res?.status === 200;
      },
      // Five processes starting at once on a shared two-core machine can need more than a minute.
      { timeoutMs: Number(process.env['AWDA_STARTUP_TIMEOUT_MS'] ?? 180_000), intervalMs: 200 },
    );
    return running;
  }

  /**
   * A gateway account created directly in its schema (password hashed as the gateway does);
   * by default a case worker of mahmoudli with a generated username and a strong password.
   */
  async createUser(spec: Partial<UserSpec> = {}): Promise<{ id: string; username: string; password: string }> {
    this.gatewayData ??= openServiceDataSource({
      url: this.databaseUrl,
      schema: gatewayApp.schema,
      entities: gatewayApp.entities,
      migrations: serviceMigrations(gatewayApp),
      poolSize: 2,
    });
    const { user, password } = await provisionUser(await this.gatewayData, {
      username: spec.username ?? uniqueToken('user'),
      roles: ['caseworker'],
      camps: ['mahmoudli'],
      password: spec.password ?? `pw-${uniqueToken('')}-olive-tree`,
      ...spec,
    });
    return { id: user.id, username: user.username, password };
  }

  /** A new user signed in at the gateway: a client that keeps the session cookie and sends the CSRF token. */
  async signedInClient(spec: Partial<UserSpec> = {}): Promise<GatewayClient> {
    const { username, password } = await this.createUser(spec);
    return GatewayClient.signedIn(this.gatewayUrl, username, password);
  }

  /** kill -9: no shutdown hooks, no graceful drain. */
  async kill(name: ProcessName): Promise<void> {
    const running = this.services.get(name);
    if (!running || hasExited(running.process)) return;
    await new Promise<void>((resolve) => {
      running.process.once('exit', () => resolve());
      running.process.kill('SIGKILL');
    });
  }

  async restart(name: ProcessName): Promise<void> {
    await this.kill(name);
    await this.startService(name);
  }

  logs(): string {
    return [...this.services.values()].map((s) => s.output.join('')).join('\n');
  }

  /** Peak resident memory of a service process (Linux VmHWM), in MiB. */
  peakMemoryMiB(name: ProcessName): number | undefined {
    return this.procStatusMiB(name, 'VmHWM');
  }

  /** Resident memory of a service process now (Linux VmRSS), in MiB. */
  residentMemoryMiB(name: ProcessName): number | undefined {
    return this.procStatusMiB(name, 'VmRSS');
  }

  /** CPU time (user + system) a service process has used so far, in seconds (Linux /proc/<pid>/stat). */
  cpuSeconds(name: ProcessName): number | undefined {
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

  private procStatusMiB(name: ProcessName, field: 'VmHWM' | 'VmRSS'): number | undefined {
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
            // A process killed by a signal has exitCode null and signalCode set: waiting for a second 'exit' would hang.
            if (hasExited(s.process)) return resolve();
            s.process.once('exit', () => resolve());
            s.process.kill('SIGTERM');
            setTimeout(() => s.process.kill('SIGKILL'), 5000).unref();
          }),
      ),
    );
    await (await this.gatewayData?.catch(() => undefined))?.destroy();
    await this.broker?.cleanup();
    await this.db?.drop();
    rmSync(this.smsDir, { recursive: true, force: true });
  }
}

/** Whether a child process has ended, by an exit code or by a signal (kill -9 leaves exitCode null). */
export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
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
