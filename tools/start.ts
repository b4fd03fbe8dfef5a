// `npm start`: checks the servers, then runs the five services and the gateway, one process each,
// with local defaults, under a supervisor that restarts a service that crashes. Ctrl-C (or killing npm)
// stops them all. Each creates its schema and runs its migrations. To add a service, add it to SERVICES.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstSignIn } from './first-sign-in.js';
import { preflight } from './preflight.js';
import { Supervisor } from './supervisor.js';

/** Each service runs dist/apps/<name>/src/main.js on <NAME>_PORT (default: port). */
const SERVICES = [
  { name: 'registration', port: 3001 },
  { name: 'eligibility', port: 3002 },
  { name: 'transport', port: 3003 },
  { name: 'notifications', port: 3004 },
  { name: 'reporting', port: 3005 },
  { name: 'gateway', port: 3000 },
] as const;

const distRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const databaseUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/awda';
const natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const portOf = (s: { name: string; port: number }) => Number(process.env[`${s.name.toUpperCase()}_PORT`] ?? s.port);

async function healthy(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health`)).status === 200;
  } catch {
    return false; // not listening yet
  }
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
  const supervisor = new Supervisor();
  let exiting = false;
  const exit = (code: number) => {
    if (exiting) return;
    exiting = true;
    void supervisor.stop().then(() => process.exit(code));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => exit(0));
  // npm does not pass a signal on through the shell it runs this in; killing npm must still stop everything.
  supervisor.stopWhenOrphaned(() => process.exit(0)).unref();

  supervisor.start(
    SERVICES.map((s) => ({
      name: s.name,
      command: process.execPath,
      // The flags of deploy/Dockerfile's CMD (the heap ceiling is explained there).
      args: ['--enable-source-maps', '--max-old-space-size=512', join(distRoot, 'apps', s.name, 'src', 'main.js')],
      env: { ...process.env, ...serviceUrls(), DATABASE_URL: databaseUrl, NATS_URL: natsUrl, PORT: String(portOf(s)) },
    })),
  );
  const deadline = Date.now() + 60_000;
  const pending = new Set<(typeof SERVICES)[number]>(SERVICES);
  while (pending.size > 0 && Date.now() < deadline && !exiting) {
    for (const s of [...pending]) if (await healthy(portOf(s))) pending.delete(s);
    if (pending.size > 0) await new Promise((r) => setTimeout(r, 300));
  }
  if (pending.size === 0) {
    console.log('\nAwda is running:');
    for (const s of SERVICES) console.log(`  ${s.name.padEnd(14)} http://127.0.0.1:${portOf(s)}  (API docs: /docs, health: /health)`);
    console.log('\nA token for local use: TOKEN=$(npm run -s token -- --role caseworker --camp mahmoudli)');
    console.log(`\n${await firstSignIn(databaseUrl, `http://127.0.0.1:${portOf({ name: 'gateway', port: 3000 })}`)}`);
    console.log('Stop with Ctrl-C.\n');
  } else if (!exiting) {
    console.error(`Not healthy after 60 s: ${[...pending].map((s) => s.name).join(', ')}; see the logs above (a crashed service is restarted).`);
  }
}

await main();
