/** Rows of an INSERT/UPDATE/DELETE … RETURNING run with manager.query: TypeORM's postgres driver answers those with [rows, rowCount]. */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}
