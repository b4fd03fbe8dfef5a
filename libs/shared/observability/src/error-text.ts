/** The fields PostgreSQL (pg's DatabaseError, TypeORM's QueryFailedError) puts on an error. */
interface DatabaseErrorFields {
  code?: unknown;
  table?: unknown;
  column?: unknown;
  constraint?: unknown;
  schema?: unknown;
  dataType?: unknown;
  routine?: unknown;
  driverError?: unknown;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

function fieldsOf(error: unknown): DatabaseErrorFields | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const e = error as DatabaseErrorFields;
  // TypeORM wraps pg's error: its own fields are copied onto the wrapper, the original kept as driverError.
  if (typeof e.code === 'string' && SQLSTATE.test(e.code) && (typeof e.routine === 'string' || e.driverError !== undefined)) return e;
  if (e.driverError !== undefined) return fieldsOf(e.driverError);
  return undefined;
}

/** True for an error raised by PostgreSQL (directly or wrapped by TypeORM). */
export function isDatabaseError(error: unknown): boolean {
  return fieldsOf(error) !== undefined;
}

/**
 * PostgreSQL's message with every quoted value masked: `invalid input syntax for type date:
 * "1984-02-30"` and `value "…" is out of range` carry what was sent (a date of birth, a name);
 * only the identifiers the error names itself (table, column, constraint) stay readable.
 */
export function maskDatabaseMessage(message: string, identifiers: readonly unknown[]): string {
  const keep = new Set(identifiers.filter((i): i is string => typeof i === 'string' && i.length > 0));
  return message.replace(/"([^"]*)"/g, (quoted, inner: string) => (keep.has(inner) ? quoted : '"…"'));
}

/**
 * A description of an error that is safe to log: a database error is told by its SQLSTATE, table,
 * column, constraint and masked message (never the query's parameters nor the values it quotes);
 * any other error by its class and message.
 */
export function describeError(error: unknown): string {
  const db = fieldsOf(error);
  if (db !== undefined) {
    const message = error instanceof Error ? error.message : '';
    const where = [
      typeof db.table === 'string' ? `table ${db.table}` : '',
      typeof db.column === 'string' ? `column ${db.column}` : '',
      typeof db.constraint === 'string' ? `constraint ${db.constraint}` : '',
    ].filter(Boolean);
    const masked = maskDatabaseMessage(message, [db.table, db.column, db.constraint, db.schema, db.dataType]);
    return `database error ${String(db.code)}${where.length ? ` (${where.join(', ')})` : ''}: ${masked}`;
  }
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
