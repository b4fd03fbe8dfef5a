import { stringify } from 'csv-stringify/sync';
import { isSuppressed, type Cell } from '../projection/suppression.js';
import type { ReportTable } from '../projection/tables.js';

/** How a suppressed count reads in a file: "fewer than 5". */
export const SUPPRESSED_TEXT = '<5';

function exportCell(cell: Cell | undefined): string | number {
  if (cell === undefined || cell === null) return '';
  if (isSuppressed(cell)) return SUPPRESSED_TEXT;
  if (typeof cell === 'number') return cell;
  // A cell starting with = + - @ would run as a formula in a spreadsheet.
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function records(table: ReportTable): (string | number)[][] {
  return table.rows.map((row) => table.columns.map((column) => exportCell(row[column.key])));
}

/** The table as CSV, UTF-8 with a byte-order mark so spreadsheets show Arabic area names. */
export function tableCsv(table: ReportTable): string {
  return `\uFEFF${stringify([table.columns.map((c) => c.key), ...records(table)])}`;
}

/** The table as one XLSX sheet; exceljs is loaded on the first export only (it is heavy). */
export async function tableXlsx(table: ReportTable): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(table.name);
  sheet.addRow(table.columns.map((c) => c.key)).font = { bold: true };
  for (const record of records(table)) sheet.addRow(record);
  return Buffer.from(await book.xlsx.writeBuffer());
}
