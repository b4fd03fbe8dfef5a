// The console's typed clients must be what the services' OpenAPI documents produce now: a DTO
// changed in a service without `npm run api:generate` fails here, so console and services cannot
// drift apart unnoticed.
import { describe, expect, it } from '@jest/globals';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_CLIENT_DIR, generateApiClients } from './api-clients.js';

describe('generateApiClients', () => {
  it('should match the checked-in clients of apps/console (run `npm run api:generate` after changing a DTO)', async () => {
    const files = await generateApiClients();
    expect([...files.keys()].sort()).toEqual(['eligibility.ts', 'notifications.ts', 'registration.ts', 'reporting.ts', 'transport.ts']);
    for (const [name, contents] of files) {
      const checkedIn = readFileSync(join(process.cwd(), API_CLIENT_DIR, name), 'utf8');
      if (checkedIn !== contents) {
        // What the service produces now, to diff against the checked-in file.
        mkdirSync(join(process.cwd(), 'test-output', 'api-clients'), { recursive: true });
        writeFileSync(join(process.cwd(), 'test-output', 'api-clients', name), contents);
      }
      // One assertion per file, so the failure names the service that changed.
      expect({ file: name, upToDate: checkedIn === contents }).toEqual({ file: name, upToDate: true });
    }
    // Four Nest applications started one after another, each with its migrations: on a loaded shared
    // machine that took more than the default two minutes (a bound, not a timed assertion).
  }, 600_000);
});
