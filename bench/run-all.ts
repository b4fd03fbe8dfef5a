// npm run bench [-- name ...]: runs each benchmark in its own process, one after another (the
// machine is small; parallel runs would measure each other).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.bench.js'))
  .map((f) => f.replace(/\.bench\.js$/, ''))
  .sort((a, b) => (a === 'raw' ? -1 : b === 'raw' ? 1 : a.localeCompare(b)));
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !available.includes(w));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const name of wanted.length ? wanted : available) {
  const file = join(here, `${name}.bench.js`);
  if (!existsSync(file)) continue;
  console.log(`\n### ${name}`);
  const result = spawnSync(process.execPath, ['--expose-gc', file], { stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(`benchmark ${name} failed (exit ${result.status})`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
