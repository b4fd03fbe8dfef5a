import { DomainError } from '@awda/bootstrap';
import { HOUSEHOLD_KEY_COLUMNS, householdFromRows, householdKey, type ImportRow, type RowError } from './import-rows.js';
import type { BatchItem } from './import-batches.service.js';

/** What bounds an import's memory whatever the file holds (documented in README). */
export const IMPORT_LIMITS = {
  /** Distinct households in one file (their keys are remembered to refuse a household split in two). */
  maxHouseholds: 100_000,
  /** Longest household key kept; a longer one is a row error. */
  maxKeyLength: 64,
  /** A household's rows kept (one per member); a household has at most 40 members. */
  maxRowsPerHousehold: 41,
  /** With no valid household in this many rows, the file is given up. */
  giveUpAfterRows: 1000,
};

/** An import stopped for a reason the case worker can act on (stored as the import's failure). */
export class ImportGivenUp extends DomainError {
  constructor(message: string) {
    super('REGISTRATION.IMPORT_GIVEN_UP', message, 422);
  }
}

/** Refuses a file none of whose columns can key a household (e.g. an `a,b` header): nothing in it could be imported. */
export function assertHouseholdKeyColumn(columns: readonly string[]): void {
  if (columns.some((c) => HOUSEHOLD_KEY_COLUMNS.includes(c))) return;
  // The header is not quoted back: a file without one has a family's row in its place.
  throw new ImportGivenUp(
    `None of the file's ${columns.length} column(s) is a household key: add a column household_key (or ${HOUSEHOLD_KEY_COLUMNS.slice(1).join(', ')}) ` +
      'that is the same on every row of a household. Nothing was imported.',
  );
}

/**
 * Groups a file's rows, read one at a time, into households (the rows of a household are next to each
 * other) and hands each on as soon as it is complete: a valid one to onHousehold, the errors of any row
 * to onError. Holds one household's rows and the keys seen, both bounded by IMPORT_LIMITS.
 */
export class HouseholdGrouper {
  private readonly seen = new Set<string>();
  private current: { key: string; rows: { row: number; values: ImportRow }[] } | undefined;
  /** Households that passed validation so far. */
  valid = 0;

  /** Row number of the first row of the household being read, if any. */
  get currentFirstRow(): number | undefined {
    return this.current?.rows[0]?.row;
  }

  constructor(
    private readonly campId: string,
    private readonly onHousehold: (item: BatchItem) => void,
    private readonly onError: (error: RowError) => void,
  ) {}

  row(row: number, values: ImportRow): void {
    const key = householdKey(values);
    if (key === '') return this.onError({ row, field: 'household_key', message: 'household_key (or case_number) is empty' });
    if (key.length > IMPORT_LIMITS.maxKeyLength) {
      return this.onError({ row, field: 'household_key', message: `household_key is longer than ${IMPORT_LIMITS.maxKeyLength} characters` });
    }
    if (this.current?.key !== key) {
      this.flush();
      if (this.seen.has(key)) return this.onError({ row, field: 'household_key', message: `rows of household ${key} must be next to each other` });
      if (this.seen.size >= IMPORT_LIMITS.maxHouseholds) {
        throw new ImportGivenUp(
          `The file has more than ${IMPORT_LIMITS.maxHouseholds.toLocaleString('en')} households; split it. Households before this row were imported; ` +
            'upload the rest as another file (households already imported are recognised and left unchanged).',
        );
      }
      this.seen.add(key);
      this.current = { key, rows: [] };
    }
    if (this.current.rows.length >= IMPORT_LIMITS.maxRowsPerHousehold) {
      return this.onError({ row, field: 'household_key', message: `household ${key} has more than 40 rows (members); this row was not read` });
    }
    this.current.rows.push({ row, values });
  }

  /** Hands on the household being read (at the end of the file). */
  flush(): void {
    if (this.current === undefined) return;
    const parsed = householdFromRows(this.campId, this.current.key, this.current.rows);
    this.current = undefined;
    if (parsed.household) {
      this.valid += 1;
      this.onHousehold({ firstRow: parsed.firstRow, household: parsed.household });
    } else for (const error of parsed.errors) this.onError(error);
  }
}
