import pg from 'pg';

/**
 * libpq's multi-host connection strings for node-postgres, which takes one host only:
 *   postgres://user@db-1:5432,db-2:5432/awda?target_session_attrs=read-write
 * Each new connection goes to the first host (the last one that answered first) that accepts it and,
 * with target_session_attrs=read-write (or primary), is not a standby in recovery — so after a
 * failover the pools reconnect to the promoted standby on their own. A single-host URL is left alone.
 */
export interface PostgresTarget {
  /** The URL with the first host only and without target_session_attrs (for TypeORM and pg's parser). */
  url: string;
  hosts: { host: string; port: number }[];
  readWrite: boolean;
  /** A pg.Client class that picks its host as above; undefined for a single host without attributes. */
  Client?: typeof pg.Client;
}

const URL_PARTS = /^(postgres(?:ql)?:\/\/)([^@/?#]*@)?([^/?#]*)([^?#]*)(\?[^#]*)?$/;
const ATTRS = { 'read-write': true, primary: true, any: false } as const;

function parseHost(part: string): { host: string; port: number } {
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(part);
  if (!m?.[1]) throw new Error(`DATABASE_URL has an unusable host "${part}"`);
  return { host: m[1].replace(/^\[|\]$/g, ''), port: m[2] ? Number(m[2]) : 5432 };
}

export function postgresTarget(url: string): PostgresTarget {
  const m = URL_PARTS.exec(url);
  if (!m) return { url, hosts: [], readWrite: false };
  const [, scheme, auth = '', hostList = '', path = '', query = ''] = m;
  const params = new URLSearchParams(query.slice(1));
  const attrs = params.get('target_session_attrs') ?? 'any';
  if (!(attrs in ATTRS)) throw new Error(`DATABASE_URL: target_session_attrs must be read-write, primary or any (got "${attrs}")`);
  params.delete('target_session_attrs');
  const hosts = hostList.split(',').filter(Boolean).map(parseHost);
  const readWrite = ATTRS[attrs as keyof typeof ATTRS];
  const rest = params.toString();
  const single = `${scheme}${auth}${hostList.split(',')[0] ?? ''}${path}${rest ? `?${rest}` : ''}`;
  if (hosts.length <= 1 && !readWrite) return { url, hosts, readWrite };
  return { url: single, hosts, readWrite, Client: multiHostClient(hosts, readWrite) };
}

/** pg.Client for postgresTarget(url): a multi-host URL gets a host-picking client, any other a plain one. */
export function postgresClient(url: string, config: pg.ClientConfig = {}): pg.Client {
  const target = postgresTarget(url);
  const Client = target.Client ?? pg.Client;
  return new Client({ ...config, connectionString: target.url });
}

function multiHostClient(hosts: { host: string; port: number }[], readWrite: boolean): typeof pg.Client {
  // Shared by every client of this URL: the host that answered last is tried first.
  let preferred = 0;
  async function pick(config: pg.ClientConfig): Promise<{ host: string; port: number }> {
    const reasons: string[] = [];
    for (let i = 0; i < hosts.length; i++) {
      const index = (preferred + i) % hosts.length;
      const candidate = hosts[index] as { host: string; port: number };
      if (!readWrite && hosts.length === 1) return candidate;
      const probe = new pg.Client({ ...config, ...candidate, connectionTimeoutMillis: 3000 });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        const { rows } = await probe.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby');
        if (readWrite && rows[0]?.standby) {
          reasons.push(`${candidate.host}:${candidate.port} is a standby`);
          continue;
        }
        preferred = index;
        return candidate;
      } catch (error) {
        reasons.push(`${candidate.host}:${candidate.port}: ${(error as Error).message}`);
      } finally {
        await probe.end().catch(() => undefined);
      }
    }
    throw new Error(`no ${readWrite ? 'read-write ' : ''}PostgreSQL host among ${hosts.length} (${reasons.join('; ')})`);
  }

  return class MultiHostClient extends pg.Client {
    private readonly probeConfig: pg.ClientConfig;

    constructor(config?: string | pg.ClientConfig) {
      const options = typeof config === 'string' ? { connectionString: config } : (config ?? {});
      super(options);
      // The probe authenticates as the client does (user, password, database, SSL as parsed from the URL),
      // without the URL itself: pg would take its host over the candidate's.
      const self = this as unknown as { password?: string; connectionParameters: { ssl?: pg.ClientConfig['ssl'] } };
      this.probeConfig = { user: this.user, password: self.password, database: this.database, ssl: self.connectionParameters.ssl };
    }

    // pg.Client.connect() (promise or callback) goes through _connect(callback), which reads this.host/port.
    _connect(callback: (error?: Error) => void): void {
      const self = this as unknown as { host: string; port: number };
      pick(this.probeConfig).then(
        (target) => {
          self.host = target.host;
          self.port = target.port;
          (pg.Client.prototype as unknown as { _connect(cb: (error?: Error) => void): void })._connect.call(this, callback);
        },
        (error: Error) => process.nextTick(() => callback(error)),
      );
    }
  };
}
