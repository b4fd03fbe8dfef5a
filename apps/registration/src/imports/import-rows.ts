import { createReadStream } from 'node:fs';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { parse } from 'csv-parse';
import { CreateHouseholdDto } from '../households/dto/household.dto.js';

export type ImportFormat = 'csv' | 'xlsx';

/** One row of the file: column name (last path segment, lowercase) → text. */
export type ImportRow = Record<string, string>;

export interface RowError {
  row: number;
  field: string | null;
  message: string;
}

export interface ParsedHousehold {
  key: string;
  firstRow: number;
  household: CreateHouseholdDto | null;
  errors: RowError[];
}

/** Columns that key a household, by preference. */
export const HOUSEHOLD_KEY_COLUMNS: readonly string[] = ['household_key', 'case_number', 'household_id', '_parent_index', '_submission__id'];

// A CSV record longer than this is refused (one row of one member is well under 4 KB).
const MAX_RECORD_BYTES = 64 * 1024;

/** Kobo exports name columns by group path (household/member/full_name_ar); keep the last segment. */
export function columnName(header: string): string {
  return header.trim().split('/').pop()?.trim().toLowerCase() ?? '';
}

/**
 * The rows of a CSV or XLSX file, one at a time: the file is never held in memory. onHeader sees the
 * column names first and may throw to stop before any row is read.
 */
export async function* readRows(path: string, format: ImportFormat, onHeader: (columns: string[]) => void = () => undefined): AsyncGenerator<ImportRow> {
  if (format === 'csv') {
    const columns = (headers: string[]) => {
      const names = headers.map(columnName);
      onHeader(names);
      return names;
    };
    const parser = createReadStream(path).pipe(
      parse({ columns, bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, max_record_size: MAX_RECORD_BYTES }),
    );
    for await (const record of parser) yield record as ImportRow;
    return;
  }
  // Loaded on the first XLSX import only: exceljs costs the process ~25 MiB resident (7 MiB of heap)
  // from start to stop, and most imports are CSV.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', worksheets: 'emit', hyperlinks: 'ignore', styles: 'ignore' });
  for await (const worksheet of workbook) {
    let headers: string[] | undefined;
    for await (const row of worksheet) {
      const values = (row.values as unknown[]).slice(1).map(cellText);
      if (headers === undefined) {
        headers = values.map(columnName);
        onHeader(headers);
        continue;
      }
      const record: ImportRow = {};
      headers.forEach((h, i) => (record[h] = values[i] ?? ''));
      if (Object.values(record).some((v) => v !== '')) yield record;
    }
    return; // the first sheet only
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && value !== null && 'text' in value) return String((value as { text: unknown }).text).trim();
  if (typeof value === 'object' && value !== null && 'result' in value) return String((value as { result: unknown }).result).trim();
  return String(value).trim();
}

export function householdKey(row: ImportRow): string {
  for (const column of HOUSEHOLD_KEY_COLUMNS) if (row[column]) return row[column] ?? '';
  return '';
}

const optional = (value: string | undefined): string | undefined => (value === undefined || value === '' ? undefined : value);
const list = (value: string | undefined): string[] | undefined => optional(value)?.split(/[\s;,]+/).filter(Boolean);

function bool(value: string | undefined): boolean | undefined {
  const v = optional(value)?.toLowerCase();
  if (v === undefined) return undefined;
  if (['yes', 'true', '1', 'نعم'].includes(v)) return true;
  if (['no', 'false', '0', 'لا'].includes(v)) return false;
  return v as unknown as boolean; // left for the validator to name
}

function int(value: string | undefined): number | undefined {
  const v = optional(value);
  return v === undefined ? undefined : /^\d+$/.test(v) ? Number(v) : (v as unknown as number);
}

/** One household from its rows (one per member), validated like POST /households; errors name row and field. */
export function householdFromRows(campId: string, key: string, rows: { row: number; values: ImportRow }[]): ParsedHousehold {
  const first = rows[0];
  const firstRow = first?.row ?? 0;
  const head = first?.values ?? {};
  const plain = {
    campId,
    caseNumber: optional(head['case_number']) ?? key,
    shelterLocation: optional(head['shelter_location']),
    destinationArea: optional(head['destination_area']),
    language: optional(head['language']) ?? 'ar',
    phone: optional(head['phone']),
    members: rows.map(({ values: r }) => {
      const documentNumber = optional(r['document_number']);
      return {
        fullNameAr: r['full_name_ar'] ?? '',
        fullNameLatin: optional(r['full_name_latin']),
        sex: optional(r['sex'])?.toLowerCase(),
        dateOfBirth: optional(r['date_of_birth']),
        estimatedAge: int(r['estimated_age']),
        relationship: optional(r['relationship'])?.toLowerCase(),
        documents: documentNumber ? [{ type: optional(r['document_type']) ?? 'other', number: documentNumber }] : undefined,
        needs: list(r['needs'])?.map((n) => n.toUpperCase()),
        fitToTravel: bool(r['fit_to_travel']),
      };
    }),
  };
  const dto = plainToInstance(CreateHouseholdDto, plain);
  const errors = flatten(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }), rows.map((r) => r.row), firstRow);
  const heads = plain.members.filter((m) => m.relationship === 'head').length;
  if (heads !== 1) errors.push({ row: firstRow, field: 'relationship', message: `household ${key} has ${heads} heads; it needs exactly one` });
  return { key, firstRow, household: errors.length ? null : dto, errors };
}

function flatten(errors: ValidationError[], memberRows: number[], firstRow: number, parent = ''): RowError[] {
  const out: RowError[] = [];
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const member = /^members\.(\d+)\.?(.*)$/.exec(path);
    const row = member ? (memberRows[Number(member[1])] ?? firstRow) : firstRow;
    const field = member ? (member[2] || 'members') : path;
    for (const message of Object.values(error.constraints ?? {})) out.push({ row, field: columnOf(field), message: message.replace(/^[\w.]+ /, `${columnOf(field)} `) });
    if (error.children?.length) out.push(...flatten(error.children, memberRows, firstRow, path));
  }
  return out;
}

const COLUMN_OF: Record<string, string> = {
  caseNumber: 'case_number', shelterLocation: 'shelter_location', destinationArea: 'destination_area', fullNameAr: 'full_name_ar',
  fullNameLatin: 'full_name_latin', dateOfBirth: 'date_of_birth', estimatedAge: 'estimated_age', fitToTravel: 'fit_to_travel',
  'documents.0.number': 'document_number', 'documents.0.type': 'document_type',
};

function columnOf(field: string): string {
  return COLUMN_OF[field] ?? field.replace(/\.\d+$/, '');
}
