// `npm start`: checks the servers, then runs the four services and the gateway, one process each,
// with local defaults; Ctrl-C stops them all. Each creates its schema and runs its migrations.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstSignIn } from './first-sign-in.js';
import { preflight } from './preflight.js';

const SERVICES = [
  { name: 'registration', port: 3001 },
  { name: 'eligibility', port: 3002 },
  { name: 'transport', port: 3003 },
  { name: 'notifications', port: 3004 },
  { name: 'gateway', port: 3000 },
] as const;

const distRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const databaseUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/awda';
const natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';

async function waitHealthy(port: number, child: ChildProcess, timeoutMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

function portOf(service: { name: string; port: number }): string {
  return process.env[`${service.name.toUpperCase()}_PORT`] ?? String(service.port);
}

// The gateway reaches each service where this script starts it.
function serviceUrls(): Record<string, string> {
  return Object.fromEntries(SERVICES.filter((s) => s.name !== 'gateway').map((s) => [`${s.name.toUpperCase()}_URL`, `http://127.0.0.1:${portOf(s)}`]));
}

async function main(): Promise<void> {
  const check = await preflight(databaseUrl, natsUrl);
  if (!check.ok) {
    console.error('Awda cannot start:\n');
    for (const problem of check.problems) console.error(`${problem}\n`);
    process.exit(1);
  }
  const children: ChildProcess[] = [];
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    setTimeout(() => process.exit(code), 3000).unref();
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));

  for (const service of SERVICES) {
    const envPort = process.env[`${service.name.toUpperCase()}_PORT`];
    // The flags of deploy/Dockerfile's CMD (the heap ceiling is explained there).
    const child = spawn(process.execPath, ['--enable-source-maps', '--max-old-space-size=512', join(distRoot, 'apps', service.name, 'src', 'main.js')], {
      env: { ...process.env, ...serviceUrls(), DATABASE_URL: databaseUrl, NATS_URL: natsUrl, PORT: envPort ?? String(service.port) },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('exit', (code, signal) => {
      if (!stopping) {
        console.error(`${service.name} exited (${signal ?? code}); stopping Awda`);
        stop(1);
      }
    });
    children.push(child);
  }
  const ready = await Promise.all(
    SERVICES.map((s, i) => {
      const child = children[i];
      return child ? waitHealthy(Number(process.env[`${s.name.toUpperCase()}_PORT`] ?? s.port), child) : false;
    }),
  );
  if (ready.every(Boolean)) {
    console.log('\nAwda is running:');
    for (const s of SERVICES) console.log(`  ${s.name.padEnd(14)} http://127.0.0.1:${portOf(s)}  (API docs: /docs, health: /health)`);
    console.log('\nA token for local use: npm run token -- --role caseworker --camp mahmoudli');
    console.log(`\n${await firstSignIn(databaseUrl, `http://127.0.0.1:${portOf({ name: 'gateway', port: 3000 })}`)}`);
    console.log('Stop with Ctrl-C.\n');
  } else {
    console.error('Some services did not become healthy in time; see the logs above.');
    stop(1);
  }
}

await main();
