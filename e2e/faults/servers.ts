// The fault tests' own PostgreSQL cluster and nats-server, on free ports and temporary directories,
// so they can be killed and restarted without touching the shared servers on 5432 / 4222.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { connect } from '@nats-io/transport-node';
import { waitFor } from '@awda/testing';
import { freePort } from '../harness.js';

const run = promisify(execFile);
const PG_BIN = '/usr/lib/postgresql/15/bin';
const NATS_BIN = '/usr/sbin/nats-server';

function postgresIds(): { uid: number; gid: number } {
  const uid = Number(process.env['FAULT_PG_UID'] ?? NaN);
  if (!Number.isNaN(uid)) return { uid, gid: Number(process.env['FAULT_PG_GID'] ?? uid) };
  return { uid: -1, gid: -1 };
}

async function asPostgres(cmd: string, args: string[], timeoutMs = 60_000): Promise<string> {
  const asRoot = process.getuid?.() === 0;
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  const { stdout, stderr } = await run(file, argv, { timeout: timeoutMs });
  return `${stdout}${stderr}`;
}

/** A throw-away PostgreSQL 15 cluster: initdb, start, stop -m immediate, start again, destroy. */
export class PgCluster {
  private constructor(
    readonly dir: string,
    readonly dataDir: string,
    readonly port: number,
  ) {}

  static async create(): Promise<PgCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'awda-faults-pg-'));
    const dataDir = join(dir, 'data');
    mkdirSync(dataDir);
    if (process.getuid?.() === 0) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      process.env['FAULT_PG_UID'] = stdout.trim();
      process.env['FAULT_PG_GID'] = gid.trim();
      const ids = postgresIds();
      chownSync(dir, ids.uid, ids.gid);
      chownSync(dataDir, ids.uid, ids.gid);
    }
    const cluster = new PgCluster(dir, dataDir, await freePort());
    await asPostgres(`${PG_BIN}/initdb`, ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync'], 120_000);
    await cluster.start();
    return cluster;
  }

  /**
   * A streaming standby of `primary` (pg_basebackup -R) on a port and folder of its own, started.
   * `name` is its application_name, for the primary's synchronous_standby_names.
   */
  static async standbyOf(primary: PgCluster, name: string): Promise<PgCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'awda-faults-pg-standby-'));
    const dataDir = join(dir, 'data');
    const ids = postgresIds();
    if (ids.uid >= 0) chownSync(dir, ids.uid, ids.gid);
    const standby = new PgCluster(dir, dataDir, await freePort());
    const conninfo = `host=127.0.0.1 port=${primary.port} user=postgres application_name=${name}`;
    await asPostgres(`${PG_BIN}/pg_basebackup`, ['-d', conninfo, '-D', dataDir, '-R', '-X', 'stream', '-c', 'fast', '--no-sync'], 180_000);
    await standby.start();
    return standby;
  }

  /** Makes commits on this primary wait until `standbyName` has flushed them (synchronous replication). */
  async requireSynchronousStandby(standbyName: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.adminUrl() });
    await client.connect();
    try {
      await client.query(`ALTER SYSTEM SET synchronous_standby_names = '${standbyName.replace(/[^a-z0-9_]/gi, '')}'`);
      await client.query('SELECT pg_reload_conf()');
    } finally {
      await client.end();
    }
  }

  /** `pg_ctl promote`: a standby becomes a primary that accepts writes. */
  async promote(): Promise<void> {
    await asPostgres(`${PG_BIN}/pg_ctl`, ['-D', this.dataDir, '-w', '-t', '60', 'promote'], 90_000);
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/awda`;
  }

  adminUrl(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    const opts = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on`;
    await asPostgres(`${PG_BIN}/pg_ctl`, ['-D', this.dataDir, '-o', opts, '-l', join(this.dir, 'postgres.log'), '-w', '-t', '120', 'start'], 150_000);
    await waitFor(
      'the fault PostgreSQL to accept connections',
      async () => {
        const client = new pg.Client({ connectionString: this.adminUrl() });
        try {
          await client.connect();
          await client.query('SELECT 1');
          return true;
        } finally {
          await client.end().catch(() => undefined);
        }
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
  }

  /** `pg_ctl -m immediate stop`: every backend dies at once, no checkpoint (crash recovery on start). */
  async stopImmediate(): Promise<void> {
    await asPostgres(`${PG_BIN}/pg_ctl`, ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']).catch((error: Error) => {
      if (!/not running|No such process|does not exist/i.test(error.message)) throw error;
    });
  }

  async destroy(): Promise<void> {
    if (existsSync(join(this.dataDir, 'postmaster.pid'))) await this.stopImmediate().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A nats-server with JetStream on a free port and a temporary store; kill -9 and start on the same store. */
export class NatsServer {
  private child?: ChildProcess;
  readonly output: string[] = [];

  private constructor(
    readonly storeDir: string,
    readonly port: number,
    private readonly extraArgs: readonly string[] = [],
  ) {}

  /**
   * `port` and `extraArgs` let the cluster suite (e2e/cluster) start clustered nodes: a name, a route
   * listener and the routes to the other nodes, a monitoring port.
   */
  static async create(options: { port?: number; extraArgs?: readonly string[] } = {}): Promise<NatsServer> {
    const server = new NatsServer(mkdtempSync(join(tmpdir(), 'awda-faults-nats-')), options.port ?? (await freePort()), options.extraArgs);
    await server.start();
    return server;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    const child = spawn(NATS_BIN, ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir, ...this.extraArgs], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (c: Buffer) => this.output.push(c.toString()));
    child.stderr?.on('data', (c: Buffer) => this.output.push(c.toString()));
    this.child = child;
    await waitFor(
      'the fault nats-server to accept connections with JetStream',
      async () => {
        if (child.exitCode !== null) throw new Error(`nats-server exited with ${child.exitCode}: ${this.output.join('').slice(-2000)}`);
        const nc = await connect({ servers: this.url, reconnect: false, timeout: 1000 });
        try {
          const info = nc.info;
          return Boolean(info?.jetstream);
        } finally {
          await nc.close();
        }
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
  }

  /** kill -9: whatever the server had not written to its store is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }

  async destroy(): Promise<void> {
    await this.kill();
    rmSync(this.storeDir, { recursive: true, force: true });
  }
}
