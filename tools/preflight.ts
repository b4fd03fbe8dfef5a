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
        '  Start it:   pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
        '  Install it: apt-get install -y postgresql   (or set DATABASE_URL to a server you have)',
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
          '  Restart nats-server with JetStream: nats-server -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server',
        ].join('\n'),
      );
    } finally {
      await nc.close();
    }
  } catch (error) {
    problems.push(
      [
        `NATS is not reachable at ${hostOf(natsUrl)} (${(error as Error).message}).`,
        '  Start it:   start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log',
        '  Install it: apt-get install -y nats-server   (or set NATS_URL to a server with JetStream)',
      ].join('\n'),
    );
  }
  return { ok: problems.length === 0, problems };
}
