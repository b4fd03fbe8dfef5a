import { describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import { postgresClient, postgresTarget } from './multi-host.js';

describe('postgresTarget (libpq multi-host URLs for node-postgres)', () => {
  it('leaves a single-host URL alone', () => {
    const url = 'postgres://postgres@127.0.0.1:5432/awda';
    expect(postgresTarget(url)).toEqual({ url, hosts: [{ host: '127.0.0.1', port: 5432 }], readWrite: false });
  });

  it('splits a host list, keeps the first host in the URL and drops target_session_attrs', () => {
    const target = postgresTarget('postgresql://awda:p%40ss@db-1:5433,db-2,[::1]:5434/awda?sslmode=disable&target_session_attrs=read-write');
    expect(target.url).toBe('postgresql://awda:p%40ss@db-1:5433/awda?sslmode=disable');
    expect(target.hosts).toEqual([
      { host: 'db-1', port: 5433 },
      { host: 'db-2', port: 5432 },
      { host: '::1', port: 5434 },
    ]);
    expect(target.readWrite).toBe(true);
    expect(typeof target.Client).toBe('function');
  });

  it('refuses target_session_attrs it does not implement', () => {
    expect(() => postgresTarget('postgres://a,b/awda?target_session_attrs=read-only')).toThrow(/read-write, primary or any/);
  });

  it('a client of a host list says which hosts it tried when none answers', async () => {
    // Two ports nobody listens on (taken, then released).
    const closed = await Promise.all(
      [0, 1].map(
        () =>
          new Promise<number>((resolve) => {
            const server = createServer().listen(0, '127.0.0.1', () => {
              const { port } = server.address() as { port: number };
              server.close(() => resolve(port));
            });
          }),
      ),
    );
    const client = postgresClient(`postgres://postgres@127.0.0.1:${closed[0]},127.0.0.1:${closed[1]}/awda?target_session_attrs=read-write`);
    await expect(client.connect()).rejects.toThrow(new RegExp(`no read-write PostgreSQL host among 2 \\(127.0.0.1:${closed[0]}: .*127.0.0.1:${closed[1]}: `));
  });
});
