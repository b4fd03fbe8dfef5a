import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { canAccessCamp, type AuthUser } from '@awda/auth';
import { DomainError, NotFoundError, SERVICE_CONFIG } from '@awda/bootstrap';
import { describeError, runWithContext } from '@awda/observability';
import type { RegistrationConfig } from '../config.js';
import {
  claimIdempotencyKey,
  hashUploadedBody,
  storeIdempotentAnswerParams,
  storeIdempotentAnswerSql,
  type IdempotencyClaim,
} from '../common/idempotency.interceptor.js';
import { campNotAllowed } from '../common/registration.errors.js';
import { HouseholdGrouper, IMPORT_LIMITS, ImportGivenUp, assertHouseholdKeyColumn } from './household-grouper.js';
import { readRows, type ImportFormat, type RowError } from './import-rows.js';
import { makeUploadDir, removeAbandonedUploads } from './upload-dirs.js';
import { ImportWriter, type BatchItem, type BatchOutcome } from './import.writer.js';

const BATCH_HOUSEHOLDS = 250;
/** Row errors kept per import (GET /imports/:id lists them); more are counted in rows_failed only. */
export const MAX_STORED_ERRORS = 10_000;
// Row errors are written out once this many are waiting, whether or not a batch of households is full.
const ERROR_CHUNK = 2000;

/** The failure of an import whose process stopped before it finished. */
export const INTERRUPTED_IMPORT =
  'interrupted: the service stopped during the import; upload the same file again — households already imported are recognised and left unchanged';

// The process running an import holds this session lock for its whole life: a queued or running
// import whose lock is free belongs to a process that is gone (any replica can tell, no clock needed).
const IMPORT_LOCK = 'hashtextextended($1::text, 0)';

const VIEW_COLUMNS = `id, camp_id AS "campId", file_name AS "fileName", format, dry_run AS "dryRun", status, rows_total AS "rowsTotal",
  rows_read AS "rowsRead", households_created AS "householdsCreated", households_updated AS "householdsUpdated",
  households_unchanged AS "householdsUnchanged", rows_failed AS "rowsFailed", failure`;

export interface ImportView {
  id: string;
  campId: string;
  fileName: string;
  format: ImportFormat;
  dryRun: boolean;
  status: 'queued' | 'running' | 'completed' | 'failed';
  rowsTotal: number | null;
  rowsRead: number;
  householdsCreated: number;
  householdsUpdated: number;
  householdsUnchanged: number;
  rowsFailed: number;
  failure: string | null;
  errors: RowError[];
}

class DryRunRollback extends Error {
  constructor(readonly outcome: BatchOutcome) {
    super('dry run');
  }
}

/**
 * Bulk import of CSV/XLSX (one row per member, a household key per row). The upload is streamed to
 * a temporary file and processed in the background in batches; progress is kept in the imports row.
 */
@Injectable()
export class ImportsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ImportsService.name);
  /** Errors stored so far per running import (only the process running an import writes its errors). */
  private readonly storedErrors = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: ImportWriter,
    @Inject(SERVICE_CONFIG) private readonly config: RegistrationConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.failInterrupted().catch((error: unknown) => this.logger.error(`could not check for interrupted imports: ${describeError(error)}`));
    // A process that died mid-import (or mid-upload) left its temporary copy of the file behind.
    const removed = await removeAbandonedUploads().catch((error: unknown) => {
      this.logger.error(`could not remove abandoned uploads: ${describeError(error)}`);
      return [];
    });
    if (removed.length > 0) this.logger.warn(`${removed.length} temporary upload(s) of stopped processes removed`);
  }

  /**
   * Marks failed the imports left queued or running by a process that died (its temporary copy of
   * the upload died with it, so they cannot be resumed); an import another live replica is running
   * holds its lock and is left alone. Returns the ids marked.
   */
  async failInterrupted(): Promise<string[]> {
    const open: { id: string }[] = await this.dataSource.query(`SELECT id FROM imports WHERE status IN ('queued', 'running')`);
    const marked: string[] = [];
    for (const { id } of open) {
      // The lock is taken for this statement's transaction only; the status is checked again on the latest row.
      const rows: { id: string }[] = await this.dataSource.query(
        `UPDATE imports SET status = 'failed', failure = $2, finished_at = now()
         WHERE id = $1 AND status IN ('queued', 'running') AND pg_try_advisory_xact_lock(${IMPORT_LOCK}) RETURNING id`,
        [id, INTERRUPTED_IMPORT],
      );
      if (rows.length > 0) marked.push(id);
    }
    if (marked.length > 0) this.logger.warn(`${marked.length} interrupted import(s) marked failed: ${marked.join(', ')}`);
    return marked;
  }

  /**
   * Streams the upload to a temporary file (hashing it), then in one transaction claims the
   * Idempotency-Key with a hash of the file, inserts the queued import and stores its answer: a key
   * is never seen claimed while its upload is still arriving, and a retry of a committed upload
   * replays it instead of importing the file twice. The import runs in the background after commit.
   */
  async start(
    user: AuthUser,
    campId: string,
    format: ImportFormat,
    dryRun: boolean,
    fileName: string,
    body: Readable,
    idempotency?: IdempotencyClaim,
  ): Promise<ImportView> {
    if (!canAccessCamp(user, campId)) throw campNotAllowed();
    const id = uuidv7();
    const dir = await makeUploadDir(id);
    const path = join(dir, `upload.${format}`);
    const limit = this.config.IMPORT_MAX_MB * 1024 * 1024;
    const digest = createHash('sha256');
    let size = 0;
    let newlines = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > limit) return done(new DomainError('PAYLOAD_TOO_LARGE', `The file is larger than ${limit / 1024 / 1024} MB`, 413));
        digest.update(chunk);
        for (const byte of chunk) if (byte === 10) newlines += 1;
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, meter, createWriteStream(path));
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    if (size === 0) {
      await rm(dir, { recursive: true, force: true });
      throw new DomainError('VALIDATION_FAILED', 'The file is empty', 400, { field: 'file' });
    }
    if (idempotency) hashUploadedBody(idempotency, digest.digest('hex'));
    // Lines minus the header; CSV only (an XLSX does not tell its row count before it is read).
    const rowsTotal = format === 'csv' ? Math.max(0, newlines - 1) : null;
    let lock: QueryRunner | undefined;
    let view: ImportView;
    try {
      // The transaction runs on the connection that holds the import's lock, taken before it: no
      // replica can see the row queued without its owner's lock.
      lock = await this.lock(id);
      view = await this.inTransaction(lock, async (manager) => {
        // A concurrent upload with this key waits here for the first to commit, then replays it.
        if (idempotency) await claimIdempotencyKey(manager, idempotency);
        const rows: Omit<ImportView, 'errors'>[] = await manager.query(
          `INSERT INTO imports (id, camp_id, file_name, format, dry_run, status, rows_total, started_by)
           VALUES ($1, $2, $3, $4, $5, 'queued', $6, $7) RETURNING ${VIEW_COLUMNS}`,
          [id, campId, fileName, format, dryRun, rowsTotal, user.sub],
        );
        const inserted = rows[0];
        if (inserted === undefined) throw new Error(`import ${id} was not inserted`);
        const answer: ImportView = { ...inserted, errors: [] };
        if (idempotency) await manager.query(storeIdempotentAnswerSql(1), storeIdempotentAnswerParams(idempotency, answer));
        return answer;
      });
    } catch (error) {
      if (lock !== undefined) await this.unlock(lock, id);
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    const owner = lock;
    void runWithContext({ correlationId: id, userId: user.sub }, () => this.run(id, campId, format, dryRun, path, user.sub))
      .catch((error: unknown) => this.fail(id, error))
      .finally(async () => {
        this.storedErrors.delete(id);
        await rm(dir, { recursive: true, force: true });
        await this.unlock(owner, id);
      });
    return view;
  }

  async view(user: AuthUser, id: string, errorLimit = 1000): Promise<ImportView> {
    const rows: Omit<ImportView, 'errors'>[] = await this.dataSource.query(`SELECT ${VIEW_COLUMNS} FROM imports WHERE id = $1`, [id]);
    const row = rows[0];
    if (row === undefined || !canAccessCamp(user, row.campId)) throw new NotFoundError('REGISTRATION.IMPORT_NOT_FOUND', 'No such import in your camps');
    const errors: RowError[] = await this.dataSource.query(
      `SELECT row_number AS row, field, message FROM import_errors WHERE import_id = $1 ORDER BY row_number LIMIT $2`,
      [id, errorLimit],
    );
    return { ...row, errors };
  }

  private async run(id: string, campId: string, format: ImportFormat, dryRun: boolean, path: string, actor: string): Promise<void> {
    await this.dataSource.query(`UPDATE imports SET status = 'running' WHERE id = $1`, [id]);
    // Memory is bounded whatever the file holds: households leave in batches, errors in chunks
    // (stored up to MAX_STORED_ERRORS, counted beyond), one household's rows and the keys seen are capped.
    let batch: BatchItem[] = [];
    let failed: RowError[] = [];
    const grouper = new HouseholdGrouper(campId, (item) => batch.push(item), (error) => failed.push(error));
    let rowsRead = 0;
    let rowNumber = 1;
    let batches = 0;
    const flushBatch = async () => {
      const outcome = await this.writeBatch(id, campId, actor, dryRun, batch);
      const errors = [...failed, ...outcome.errors];
      batch = [];
      failed = [];
      await this.progress(id, rowsRead, outcome, errors);
      if (outcome.created + outcome.updated + outcome.unchanged === 0) return;
      batches += 1;
      // Fresh statistics each time the import has doubled what it wrote: without them (autovacuum
      // off, or not yet run) the planner keeps the empty-table plans and every duplicate check
      // scans all members, so an import slowed down with the square of its size.
      if (!dryRun && (batches & (batches - 1)) === 0) {
        await this.dataSource.query(`ANALYZE households, members, identity_documents, duplicate_candidates`);
      }
    };
    for await (const values of readRows(path, format, assertHouseholdKeyColumn)) {
      rowNumber += 1;
      rowsRead += 1;
      grouper.row(rowNumber, values);
      if (batch.length >= BATCH_HOUSEHOLDS || failed.length >= ERROR_CHUNK) await flushBatch();
      // Judged once every row up to the limit belongs to a household already read (row numbers count the header).
      const limit = IMPORT_LIMITS.giveUpAfterRows;
      if (rowsRead >= limit && grouper.valid === 0 && (grouper.currentFirstRow ?? Infinity) > limit + 1) {
        await flushBatch();
        throw new ImportGivenUp(
          `No valid household in the first ${IMPORT_LIMITS.giveUpAfterRows.toLocaleString('en')} rows, so the import stopped there: ` +
            'see the errors by row, correct the file and upload it again.',
        );
      }
    }
    grouper.flush();
    await flushBatch();
    await this.dataSource.query(`UPDATE imports SET status = 'completed', rows_total = $2, finished_at = now() WHERE id = $1`, [id, rowsRead]);
  }

  private async writeBatch(id: string, campId: string, actor: string, dryRun: boolean, batch: BatchItem[]): Promise<BatchOutcome> {
    if (batch.length === 0) return { created: 0, updated: 0, unchanged: 0, errors: [] };
    try {
      return await this.dataSource.transaction(async (manager) => {
        const outcome = await this.writer.apply(manager, campId, id, actor, batch);
        // A dry run goes through exactly the same checks, then rolls everything back.
        if (dryRun) throw new DryRunRollback(outcome);
        return outcome;
      });
    } catch (error) {
      if (error instanceof DryRunRollback) return error.outcome;
      throw error;
    }
  }

  private async progress(id: string, rowsRead: number, outcome: BatchOutcome, errors: RowError[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE imports SET rows_read = $2, households_created = households_created + $3, households_updated = households_updated + $4,
           households_unchanged = households_unchanged + $5, rows_failed = rows_failed + $6 WHERE id = $1`,
        [id, rowsRead, outcome.created, outcome.updated, outcome.unchanged, new Set(errors.map((e) => e.row)).size],
      );
      const room = Math.max(0, MAX_STORED_ERRORS - (this.storedErrors.get(id) ?? 0));
      const keep = errors.slice(0, room);
      this.storedErrors.set(id, (this.storedErrors.get(id) ?? 0) + keep.length);
      for (let i = 0; i < keep.length; i += 500) {
        const chunk = keep.slice(i, i + 500);
        const params: unknown[] = [id];
        const rows = chunk.map((e) => {
          params.push(e.row, e.field, e.message);
          const n = params.length;
          return `($1, $${n - 2}, $${n - 1}, $${n})`;
        });
        await manager.query(`INSERT INTO import_errors (import_id, row_number, field, message) VALUES ${rows.join(', ')}`, params);
      }
    });
  }

  /** A connection of its own holding the import's session lock until unlock. */
  private async lock(id: string): Promise<QueryRunner> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.query(`SELECT pg_advisory_lock(${IMPORT_LOCK})`, [id]);
      return runner;
    } catch (error) {
      await runner.release();
      throw error;
    }
  }

  /** A transaction on the lock's connection; the session lock outlives it. */
  private async inTransaction<T>(runner: QueryRunner, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    await runner.startTransaction();
    try {
      const result = await work(runner.manager);
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    }
  }

  private async unlock(runner: QueryRunner, id: string): Promise<void> {
    await runner.query(`SELECT pg_advisory_unlock(${IMPORT_LOCK})`, [id]).catch(() => undefined);
    await runner.release().catch(() => undefined);
  }

  private async fail(id: string, error: unknown): Promise<void> {
    const message = error instanceof DomainError ? error.message : describeError(error);
    this.logger.error(`import ${id} failed: ${message}`);
    await this.dataSource
      .query(`UPDATE imports SET status = 'failed', failure = $2, finished_at = now() WHERE id = $1`, [id, message.slice(0, 500)])
      .catch(() => undefined);
  }
}

/** sha256 of a file, for the CLI's idempotency key: the same file gives the same key. */
export async function fileDigest(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}
