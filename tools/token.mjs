// `npm run -s token -- --role caseworker --camp mahmoudli` (or `node tools/token.mjs …`): prints a
// development token and nothing else, so TOKEN=$(…) works. Runs the compiled tool in dist/ (built by
// `npm start` or `npm run build`); only when dist/ has none does it build first, its output on stderr.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'dist', 'tools', 'token.js');
if (!existsSync(compiled)) {
  process.stderr.write('dist/ has no token tool yet: building it once (npm run build)…\n');
  execFileSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
}
await import(pathToFileURL(compiled).href);
