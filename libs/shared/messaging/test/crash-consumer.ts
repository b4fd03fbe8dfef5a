// The consumer of the crash test, as a process of its own: the fixture's consumer with batches, which
// kills itself (SIGKILL: no shutdown, no acknowledgement) right after the first COMMIT of a batch of
// several events. Usage: node --import ./ts-register.mjs crash-consumer.ts <databaseUrl> <natsUrl> <namespace>
import { startFixture } from './fixture.js';

const [databaseUrl, natsUrl, namespace] = process.argv.slice(2);
if (!databaseUrl || !natsUrl || namespace === undefined) throw new Error('usage: crash-consumer <databaseUrl> <natsUrl> <namespace>');
const fixture = await startFixture(databaseUrl, {
  service: 'crash',
  schema: 'crash',
  natsUrl,
  namespace,
  startRelay: false,
  batch: 32,
  retryBaseMs: 50,
  retryMaxMs: 200,
  maxDeliver: 4,
});
fixture.server.failpoint = (committed) => {
  if (committed < 2) return;
  // stdout is a pipe: written synchronously on Linux, before the kill.
  process.stdout.write(`committed ${committed}\n`);
  process.kill(process.pid, 'SIGKILL');
};
process.stdout.write('ready\n');
