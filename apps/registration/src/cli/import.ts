// Uploads a CSV or XLSX to the registration service and shows the import's progress on stderr.
// Usage: node dist/apps/registration/src/cli/import.js <file> --camp X [--dry-run] [--url http://host:3001]
// The bearer token comes from AWDA_TOKEN.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ImportView } from '../imports/imports.service.js';

/** The import as the service reports it (GET /imports/:id). */
type ImportProgress = ImportView;

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: import <file.csv|file.xlsx> --camp <campId> [--dry-run] [--url http://127.0.0.1:3001]\n`);
  process.exit(64);
}

function bar(progress: ImportProgress): string {
  const total = progress.rowsTotal ?? 0;
  const share = total > 0 ? Math.min(1, progress.rowsRead / total) : 0;
  const filled = Math.round(share * 30);
  const counts = `${progress.rowsRead}${total ? `/${total}` : ''} rows, ${progress.householdsCreated} new, ${progress.householdsUpdated} updated, ${progress.householdsUnchanged} unchanged, ${progress.rowsFailed} failed`;
  return `\r[${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${Math.round(share * 100)}% ${counts}`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--camp' && args[args.indexOf(a) - 1] !== '--url');
  const camp = args[args.indexOf('--camp') + 1];
  const url = (args.includes('--url') ? args[args.indexOf('--url') + 1] : undefined) ?? process.env['AWDA_REGISTRATION_URL'] ?? 'http://127.0.0.1:3001';
  const dryRun = args.includes('--dry-run');
  const token = process.env['AWDA_TOKEN'];
  if (!file) usage('a file is required');
  if (!args.includes('--camp') || !camp) usage('--camp is required');
  if (!token) usage('AWDA_TOKEN must hold a bearer token');
  const format = extname(file).toLowerCase() === '.xlsx' ? 'xlsx' : 'csv';
  await stat(file).catch(() => usage(`cannot read ${file}`));
  // The same file, camp and mode give the same key: re-running after a dropped connection never imports twice.
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  const key = `import-${camp}-${dryRun ? 'dry' : 'real'}-${hash.digest('hex').slice(0, 48)}`;
  const query = new URLSearchParams({ campId: camp, format, dryRun: String(dryRun), fileName: basename(file) });
  const headers = { Authorization: `Bearer ${token}` };
  const upload = await fetch(`${url}/imports?${query.toString()}`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/octet-stream', 'Idempotency-Key': key },
    body: Readable.toWeb(createReadStream(file)) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  if (!upload.ok) {
    process.stderr.write(`upload refused (${upload.status}): ${await upload.text()}\n`);
    process.exit(1);
  }
  let progress = (await upload.json()) as ImportProgress;
  while (progress.status === 'queued' || progress.status === 'running') {
    process.stderr.write(bar(progress));
    await new Promise((r) => setTimeout(r, 500));
    const res = await fetch(`${url}/imports/${progress.id}`, { headers });
    if (!res.ok) throw new Error(`progress request failed with ${res.status}`);
    progress = (await res.json()) as ImportProgress;
  }
  process.stderr.write(`${bar(progress)}\n`);
  for (const error of progress.errors) process.stdout.write(`row ${error.row}\t${error.field ?? ''}\t${error.message}\n`);
  if (progress.status === 'failed') {
    process.stderr.write(`import failed: ${progress.failure ?? 'unknown error'}\n`);
    process.exit(1);
  }
  process.exit(progress.rowsFailed > 0 ? 2 : 0);
}

await main();
