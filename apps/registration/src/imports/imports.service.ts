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
  type IdempotencyClaim,
} from '../common/idempotency.interceptor.js';
import { campNotAllowed } from '../common/registration.errors.js';
import { HouseholdGrouper, IMPORT_LIMITS, ImportGivenUp, assertHouseholdKeyColumn } from './household-grouper.js';
import { readRows, type ImportFormat, type RowError } from './import-rows.js';
import { makeUploadDir, removeAbandonedUploads } from './upload-dirs.js';
import { ImportBatches, type BatchItem, type BatchOutcome } from './import-batches.service.js';
import { ImportsRepository, type ImportRow } from './imports.repository.js';
import { IdempotencyKeysRepository } from '../common/idempotency-keys.repository.js';

const BATCH_HOUSEHOLDS = 250;
/** Rows read between two turns of the event loop while a batch is being written. */
const YIELD_EVERY_ROWS = 50;
/** Row errors kept per import (GET /imports/:id lists them); more are counted in rows_failed only. */
export const MAX_STORED_ERRORS = 10_000;
// Row errors are written out once this many are waiting, whether or not a batch of households is full.
const ERROR_CHUNK = 2000;

/** The failure of an import whose process stopped before it finished. */
export const INTERRUPTED_IMPORT =
  'interrupted: the service stopped during the import; upload the same file again — households already imported are recognised and left unchanged';

export interface ImportView extends ImportRow {
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
    private readonly writer: ImportBatches,
    private readonly imports: ImportsRepository,
    private readonly idempotencyKeys: IdempotencyKeysRepository,
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
    const marked: string[] = [];
    for (const id of await this.imports.unfinished(this.dataSource)) {
      if (await this.imports.failIfAbandoned(this.dataSource, id, INTERRUPTED_IMPORT)) marked.push(id);
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
        const inserted = await this.imports.insert(manager, { id, campId, fileName, format, dryRun, rowsTotal, startedBy: user.sub });
        const answer: ImportView = { ...inserted, errors: [] };
        if (idempotency) await this.idempotencyKeys.storeAnswer(manager, storeIdempotentAnswerParams(idempotency, answer));
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
    const row = await this.imports.find(this.dataSource, id);
    if (row === undefined || !canAccessCamp(user, row.campId)) throw new NotFoundError('REGISTRATION.IMPORT_NOT_FOUND', 'No such import in your camps');
    const errors = await this.imports.errors(this.dataSource, id, errorLimit);
    return { ...row, errors };
  }

  private async run(id: string, campId: string, format: ImportFormat, dryRun: boolean, path: string, actor: string): Promise<void> {
    await this.imports.markRunning(this.dataSource, id);
    // Memory is bounded whatever the file holds: households leave in batches, errors in chunks
    // (stored up to MAX_STORED_ERRORS, counted beyond), one household's rows and the keys seen are capped.
    let batch: BatchItem[] = [];
    let failed: RowError[] = [];
    const grouper = new HouseholdGrouper(campId, (item) => batch.push(item), (error) => failed.push(error));
    let rowsRead = 0;
    let rowNumber = 1;
    let batches = 0;
    // One batch is written while the next is read, parsed and validated: the database's work and
    // the main thread's overlap. Batches are still written one after the other, in file order.
    let writing: Promise<void> = Promise.resolve();
    const write = async (items: BatchItem[], rowErrors: RowError[], read: number) => {
      const outcome = await this.writeBatch(id, campId, actor, dryRun, items);
      await this.progress(id, read, outcome, [...rowErrors, ...outcome.errors]);
      if (outcome.created + outcome.updated + outcome.unchanged === 0) return;
      batches += 1;
      // Fresh statistics each time the import has doubled what it wrote: without them (autovacuum
      // off, or not yet run) the planner keeps the empty-table plans and every duplicate check
      // scans all members, so an import slowed down with the square of its size.
      if (!dryRun && (batches & (batches - 1)) === 0) {
        await this.imports.analyzeGrownTables(this.dataSource);
      }
    };
    const flushBatch = async () => {
      const [items, rowErrors] = [batch, failed];
      batch = [];
      failed = [];
      await writing;
      writing = write(items, rowErrors, rowsRead);
      // Its failure is met by the next await of it; until then it is not unhandled.
      writing.catch(() => undefined);
    };
    try {
      for await (const values of readRows(path, format, assertHouseholdKeyColumn)) {
        rowNumber += 1;
        rowsRead += 1;
        // Reading ahead must not starve the batch being written: its replies (and a new connection's
        // handshake) are handled only when the event loop turns, which a buffered file chunk delays.
        if (rowsRead % YIELD_EVERY_ROWS === 0) await new Promise((resolve) => setImmediate(resolve));
        grouper.row(rowNumber, values);
        if (batch.length >= BATCH_HOUSEHOLDS || failed.length >= ERROR_CHUNK) await flushBatch();
        // Judged once every row up to the limit belongs to a household already read (row numbers count the header).
        const limit = IMPORT_LIMITS.giveUpAfterRows;
        if (rowsRead >= limit && grouper.valid === 0 && (grouper.currentFirstRow ?? Infinity) > limit + 1) {
          await flushBatch();
          await writing;
          throw new ImportGivenUp(
            `No valid household in the first ${IMPORT_LIMITS.giveUpAfterRows.toLocaleString('en')} rows, so the import stopped there: ` +
              'see the errors by row, correct the file and upload it again.',
          );
        }
      }
      grouper.flush();
      await flushBatch();
      await writing;
    } finally {
      // An import that stopped for another reason never leaves a batch being written behind it.
      await writing.catch(() => undefined);
    }
    await this.imports.complete(this.dataSource, id, rowsRead);
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
      await this.imports.addProgress(manager, id, {
        rowsRead, created: outcome.created, updated: outcome.updated, unchanged: outcome.unchanged,
        rowsFailed: new Set(errors.map((e) => e.row)).size,
      });
      const room = Math.max(0, MAX_STORED_ERRORS - (this.storedErrors.get(id) ?? 0));
      const keep = errors.slice(0, room);
      this.storedErrors.set(id, (this.storedErrors.get(id) ?? 0) + keep.length);
      await this.imports.addErrors(manager, id, keep);
    });
  }

  /** A connection of its own holding the import's session lock until unlock. */
  private async lock(id: string): Promise<QueryRunner> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await this.imports.lockSession(runner, id);
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
    await this.imports.unlockSession(runner, id).catch(() => undefined);
    await runner.release().catch(() => undefined);
  }

  private async fail(id: string, error: unknown): Promise<void> {
    const message = error instanceof DomainError ? error.message : describeError(error);
    this.logger.error(`import ${id} failed: ${message}`);
    await this.imports.fail(this.dataSource, id, message.slice(0, 500)).catch(() => undefined);
  }
}

/** sha256 of a file, for the CLI's idempotency key: the same file gives the same key. */
export async function fileDigest(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}
