// What bounds an import whatever the file holds: a file no household can come from is given up early
// with a reason, row errors are written out as they come and capped, a dead process's upload is removed.
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { waitFor } from '@awda/testing';
import { IMPORT_LIMITS } from '../src/imports/household-grouper.js';
import { MAX_STORED_ERRORS, type ImportView } from '../src/imports/imports.service.js';
import { removeAbandonedUploads } from '../src/imports/upload-dirs.js';
import { bearer, startHarness, token, type Harness } from './harness.js';

const HEADER = 'household_key,destination_area,language,full_name_ar,sex,date_of_birth,relationship';
const validHousehold = (key: string) => `${key},SY110000,ar,أحمد خالد العلي,male,1980-01-02,head`;

describe('import limits', () => {
  let h: Harness;
  let caseworker: string;

  beforeAll(async () => {
    h = await startHarness();
    caseworker = await token(['caseworker'], ['mahmoudli']);
  });

  afterAll(async () => {
    await h?.close();
  });

  async function importOf(csv: string): Promise<ImportView> {
    const res = await h.http().post('/imports').query({ campId: 'mahmoudli', format: 'csv' }).set(bearer(caseworker))
      .set('Content-Type', 'application/octet-stream').send(Buffer.from(csv)).expect(202);
    const id = (res.body as ImportView).id;
    return waitFor(`import ${id} to end`, async () => {
      const view = (await h.http().get(`/imports/${id}`).set(bearer(caseworker)).expect(200)).body as ImportView;
      return view.status === 'completed' || view.status === 'failed' ? view : undefined;
    }, { timeoutMs: 100_000 });
  }

  it('should give up a file without a household key column at once, saying which column it needs', async () => {
    const view = await importOf(`a,b\n${'x,y\n'.repeat(20_000)}`);
    expect(view.status).toBe('failed');
    expect(view.failure).toContain('household_key');
    expect(view.rowsRead).toBe(0);
  });

  it(`should give up a file whose first ${IMPORT_LIMITS.giveUpAfterRows} rows hold no valid household, keeping their errors`, async () => {
    const rows = Array.from({ length: IMPORT_LIMITS.giveUpAfterRows + 500 }, (_, i) => `K${i},SY110000,ar,,male,1980-01-02,head`);
    const view = await importOf(`${HEADER}\n${rows.join('\n')}\n${validHousehold('LATE-1')}\n`);
    expect(view.status).toBe('failed');
    expect(view.failure).toContain(`No valid household in the first ${IMPORT_LIMITS.giveUpAfterRows.toLocaleString('en')} rows`);
    expect(view.rowsFailed).toBe(IMPORT_LIMITS.giveUpAfterRows);
    expect(view.errors[0]).toMatchObject({ row: 2, field: 'full_name_ar' });
  });

  it('should write row errors out as they come and keep at most MAX_STORED_ERRORS, counting every failed row', async () => {
    const keyless = 25_000;
    const view = await importOf(`${HEADER}\n${validHousehold('LIM-1')}\n${',SY110000,ar,x,male,1980-01-02,head\n'.repeat(keyless)}`);
    expect(view.status).toBe('completed');
    expect(view.householdsCreated).toBe(1);
    expect(view.rowsFailed).toBe(keyless);
    const stored: { n: number }[] = await h.service.app.get(DataSource).query(`SELECT count(*)::int AS n FROM import_errors WHERE import_id = $1`, [view.id]);
    expect(stored[0]?.n).toBe(MAX_STORED_ERRORS);
  });

  it("should remove the temporary upload a dead process left behind, and keep a live process's", async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    expect(dead).toBeGreaterThan(0);
    const abandoned = join(tmpdir(), `awda-import-${dead}-${uuidv7()}`);
    const live = join(tmpdir(), `awda-import-${process.pid}-${uuidv7()}`);
    for (const dir of [abandoned, live]) {
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'upload.csv'), 'household_key\n');
    }
    const removed = await removeAbandonedUploads();
    expect(removed).toContain(abandoned.split('/').pop());
    const left = await readdir(tmpdir());
    expect(left).not.toContain(abandoned.split('/').pop());
    expect(left).toContain(live.split('/').pop());
    await removeAbandonedUploads(join(tmpdir(), 'no-such-dir'));
    await rm(live, { recursive: true, force: true });
  });
});
