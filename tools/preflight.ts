// Checks that PostgreSQL and NATS with JetStream are reachable before anything starts, and says
// exactly what is missing and how to get it.
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import pg from 'pg';
import { ensureDatabase } from '@awda/persistence';

export interface PreflightResult {
  ok: boolean;
  problems: string[];
}

function hostOf(url: string): string {
  try {
    const u = new URL(url.split(',')[0] ?? url);
    return `${u.hostname}:${u.port}`;
  } catch {
    return url;
  }
}

/** Host and port of the first server in a URL list, with the scheme's default port when none is given. */
export function serverOf(url: string, defaultPort: number): { host: string; port: number } {
  try {
    const u = new URL(url.split(',')[0] ?? url);
    return { host: u.hostname || '127.0.0.1', port: u.port ? Number(u.port) : defaultPort };
  } catch {
    return { host: '127.0.0.1', port: defaultPort };
  }
}

/** How to start or install NATS with JetStream where NATS_URL says it should be. */
export function natsStartHint(natsUrl: string): string[] {
  const { host, port } = serverOf(natsUrl, 4222);
  return [
    `  Start it:   start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- -a ${host} -p ${port} -js -sd /var/lib/nats-server -l /var/log/nats-server.log`,
    '  Install it: apt-get install -y nats-server   (or set NATS_URL to a server with JetStream)',
  ];
}

/** How to start or install PostgreSQL where DATABASE_URL says it should be. */
export function postgresStartHint(databaseUrl: string): string[] {
  const { port } = serverOf(databaseUrl, 5432);
  return [
    `  Start it:   pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start   (its port must be ${port}, as DATABASE_URL says)`,
    '  Install it: apt-get install -y postgresql   (or set DATABASE_URL to a server you have)',
  ];
}

export async function preflight(databaseUrl: string, natsUrl: string): Promise<PreflightResult> {
  const problems: string[] = [];
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    await client.end();
    await ensureDatabase(databaseUrl);
  } catch (error) {
    await client.end().catch(() => undefined);
    problems.push(
      [
        `PostgreSQL is not reachable at ${hostOf(databaseUrl)} (${(error as Error).message}).`,
        ...postgresStartHint(databaseUrl),
      ].join('\n'),
    );
  }
  try {
    const nc = await connect({ servers: natsUrl, timeout: 3000, maxReconnectAttempts: 0 });
    try {
      const jsm = await jetstreamManager(nc, { timeout: 3000 });
      await jsm.getAccountInfo();
    } catch (error) {
      problems.push(
        [
          `NATS at ${hostOf(natsUrl)} answers but JetStream is not enabled (${(error as Error).message}).`,
          `  Restart nats-server with JetStream: nats-server -a ${serverOf(natsUrl, 4222).host} -p ${serverOf(natsUrl, 4222).port} -js -sd /var/lib/nats-server`,
        ].join('\n'),
      );
    } finally {
      await nc.close();
    }
  } catch (error) {
    problems.push(
      [
        `NATS is not reachable at ${hostOf(natsUrl)} (${(error as Error).message}).`,
        ...natsStartHint(natsUrl),
      ].join('\n'),
    );
  }
  return { ok: problems.length === 0, problems };
}
