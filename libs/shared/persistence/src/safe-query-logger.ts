import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { describeError } from '@awda/observability';

/** Where the query logger writes; a Nest logger (the service's redacting pino logger) by default. */
export interface QueryLogSink {
  debug(message: string): void;
  log(message: string): void;
  warn(message: string): void;
}

const MAX_STATEMENT = 200;

/** The statement's text, one line and cut short: its placeholders ($1…), never the values bound to them. */
export function statementText(query: string): string {
  const line = query.replace(/\s+/g, ' ').trim();
  return line.length > MAX_STATEMENT ? `${line.slice(0, MAX_STATEMENT)}…` : line;
}

/**
 * TypeORM's logger, replacing its console logger, which prints every failed query with
 * `PARAMETERS: [...]` (names, dates of birth, phone hashes) to stdout outside the redacting logger.
 * This one never looks at the parameters: a failed query is logged as its statement and a safe
 * description of the error (SQLSTATE, table, constraint, message with the values masked).
 */
export class SafeQueryLogger implements TypeOrmLogger {
  constructor(
    private readonly sink: QueryLogSink = new NestLogger('Database'),
    private readonly logQueries = false,
  ) {}

  // The parameters are taken and never read.
  logQuery(query: string, _parameters?: unknown): void {
    if (this.logQueries) this.sink.debug(`query: ${statementText(query)}`);
  }

  logQueryError(error: string | Error, query: string, _parameters?: unknown): void {
    const description = typeof error === 'string' ? 'query error' : describeError(error);
    this.sink.warn(`query failed: ${statementText(query)} — ${description}`);
  }

  logQuerySlow(time: number, query: string, _parameters?: unknown): void {
    this.sink.warn(`slow query (${time} ms): ${statementText(query)}`);
  }

  logSchemaBuild(message: string): void {
    this.sink.debug(message);
  }

  logMigration(message: string): void {
    this.sink.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    const text = typeof message === 'string' ? message : describeError(message);
    if (level === 'warn') this.sink.warn(text);
    else this.sink.log(text);
  }
}
