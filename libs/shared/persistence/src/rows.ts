import { z } from 'zod';
import { returnedRows } from './returned-rows.js';

/** Anything that runs SQL the way TypeORM's DataSource, EntityManager and QueryRunner do. */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** A row that does not have the shape its repository expects: a renamed or retyped column. */
export class RowShapeError extends Error {
  constructor(
    readonly source: string,
    readonly rowIndex: number,
    readonly column: string,
    problem: string,
  ) {
    // The value itself is never in the message: a row can hold personal data.
    super(`${source}: row ${rowIndex}, column "${column}": ${problem}`);
    this.name = 'RowShapeError';
  }
}

/** A row schema: one zod schema per column, named as the SELECT names them. */
export type RowSchema = z.ZodObject<z.ZodRawShape>;
export type Row<S extends RowSchema> = z.output<S>;

/**
 * Checks rows already fetched (or returned by INSERT/UPDATE/DELETE … RETURNING, in either of TypeORM's
 * shapes) against a row schema; throws RowShapeError naming the source, the row and the column.
 */
export function checkRows<S extends RowSchema>(source: string, schema: S, result: unknown): Row<S>[] {
  const rows = returnedRows<unknown>(result);
  if (!Array.isArray(rows)) throw new RowShapeError(source, 0, '*', 'the query returned no row list');
  return rows.map((row, index) => {
    const parsed = schema.safeParse(row);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const column = issue?.path.length ? issue.path.map(String).join('.') : '*';
    throw new RowShapeError(source, index, column, describe(issue));
  });
}

function describe(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'does not match its schema';
  // zod's messages name the expected and received types, never the value.
  return issue.code === 'invalid_type' && issue.input === undefined ? `missing (${issue.message})` : issue.message;
}

/** Runs a query and checks every row it returns; `source` names the repository and query in errors. */
export async function queryRows<S extends RowSchema>(
  runner: SqlRunner,
  source: string,
  schema: S,
  sql: string,
  parameters: unknown[] = [],
): Promise<Row<S>[]> {
  return checkRows(source, schema, await runner.query(sql, parameters));
}

/** Runs a query expected to return at most one row; undefined when it returns none. */
export async function queryRow<S extends RowSchema>(
  runner: SqlRunner,
  source: string,
  schema: S,
  sql: string,
  parameters: unknown[] = [],
): Promise<Row<S> | undefined> {
  const rows = await queryRows(runner, source, schema, sql, parameters);
  if (rows.length > 1) throw new RowShapeError(source, 1, '*', `expected at most one row, got ${rows.length}`);
  return rows[0];
}

/**
 * Runs a statement whose rows are not read (INSERT, UPDATE, DELETE, locks); answers how many rows it
 * changed when PostgreSQL says so (UPDATE and DELETE through TypeORM), otherwise undefined.
 */
export async function execute(runner: SqlRunner, sql: string, parameters: unknown[] = []): Promise<number | undefined> {
  const result = await runner.query(sql, parameters);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[1];
  return undefined;
}

/**
 * Column schemas for what node-postgres hands back: int8 (bigint, count(*)) and numeric arrive as
 * strings, timestamptz/timestamp/date as Date, int4/int2/float as number, json/jsonb parsed, uuid as string.
 */
export const pg = {
  uuid: () => z.string(),
  text: () => z.string(),
  int: () => z.number().int(),
  float: () => z.number(),
  bool: () => z.boolean(),
  /** timestamptz / timestamp / date: node-postgres parses them into Date. */
  timestamp: () => z.date(),
  /** int8 and count(*): a string of digits, answered as a number (refused beyond 2^53). */
  bigint: () =>
    z
      .union([z.string().regex(/^-?\d+$/, 'expected an integer in a string (int8)'), z.number().int()])
      .transform((value, ctx) => {
        const n = Number(value);
        if (!Number.isSafeInteger(n)) {
          ctx.addIssue({ code: 'custom', message: 'int8 beyond the safe integer range' });
          return z.NEVER;
        }
        return n;
      }),
  /** numeric / decimal: kept as the exact string PostgreSQL sends. */
  numeric: () => z.string().regex(/^-?(\d+(\.\d*)?|\.\d+|NaN|-?Infinity)$/, 'expected a numeric in a string'),
  /** numeric when a float is precise enough (averages, ratios). */
  numericAsNumber: () => z.string().regex(/^-?\d+(\.\d*)?$/, 'expected a numeric in a string').transform(Number),
  /** json / jsonb of any shape; give the shape with a zod schema where the code reads into it. */
  json: () => z.unknown(),
  textArray: () => z.array(z.string()),
} as const;

export { z };
