// `npm run api:generate`: rewrites the console's typed API clients from the services' OpenAPI.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_CLIENT_DIR, generateApiClients } from './api-clients.js';

// Run from dist/tools/: the repository root is two folders up.
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const files = await generateApiClients();
mkdirSync(join(repoRoot, API_CLIENT_DIR), { recursive: true });
for (const [name, contents] of files) {
  writeFileSync(join(repoRoot, API_CLIENT_DIR, name), contents);
  process.stdout.write(`wrote ${join(API_CLIENT_DIR, name)}\n`);
}
