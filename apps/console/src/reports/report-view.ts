// The reporting service's tables as the page shows them: which columns, in which words, and what a
// bar of a chart stands for. No strings shown to people here: only i18n keys.
import type { components } from '../api/generated/reporting';

export type ReportTable = components['schemas']['ReportTableDto'];
export type ReportTableName = ReportTable['name'];
export type Cell = ReportTable['rows'][number][string];

export function isSuppressed(cell: Cell | undefined): boolean {
  return typeof cell === 'object' && cell !== null && cell.suppressed === true;
}

/** reports.tables.<key> of a table: returns-by-week → returnsByWeek. */
export function tableKey(name: ReportTableName): string {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * The columns shown: the area's code and two names become one "area" column in the user's script; a
 * cost is shown in its currency, so the currency column (kept in the exports) is not shown apart.
 */
export function shownColumns(table: ReportTable): string[] {
  const keys = table.columns.map((column) => column.key).filter((key) => key !== 'areaNameAr' && key !== 'areaNameEn' && key !== 'currency');
  return keys.map((key) => (key === 'areaCode' ? 'area' : key));
}

export function isCountColumn(table: ReportTable, key: string): boolean {
  const kind = table.columns.find((column) => column.key === key)?.kind;
  return kind === 'count' || kind === 'number' || kind === 'cost';
}

/** The name of a row's destination in the user's script, or null when the area list lacks it. */
export function areaName(row: ReportTable['rows'][number], rtl: boolean): string | null {
  const ar = row['areaNameAr'];
  const en = row['areaNameEn'];
  const first = rtl ? ar : en;
  const second = rtl ? en : ar;
  if (typeof first === 'string' && first) return first;
  return typeof second === 'string' && second ? second : null;
}

/** A bar of a chart: its label's row, and its length (a suppressed count is drawn as "fewer than 5"). */
export interface Bar {
  row: ReportTable['rows'][number];
  value: number | null;
}

export function barsOf(table: ReportTable | undefined, column: string): Bar[] {
  return (table?.rows ?? []).map((row) => {
    const cell = row[column];
    return { row, value: typeof cell === 'number' ? cell : null };
  });
}

/** A cost in minor units of an ISO 4217 currency, as an amount of that currency (cents → dollars). */
export function costAmount(minor: number, currency: string): number {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return minor / 10 ** digits;
}
