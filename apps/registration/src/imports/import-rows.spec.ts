import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { columnName, householdFromRows, readRows } from './import-rows.js';

const head = {
  household_key: 'K1', destination_area: 'SY110000', language: 'ar', phone: '0944 123 456',
  full_name_ar: 'أحمد محمد الحسن', sex: 'male', date_of_birth: '1980-01-01', relationship: 'head',
  document_type: 'national_id', document_number: '02010012345', needs: 'SMC', fit_to_travel: 'yes',
};

describe(householdFromRows.name, () => {
  it('should make one household from its member rows', () => {
    const parsed = householdFromRows('mahmoudli', 'K1', [
      { row: 2, values: head },
      { row: 3, values: { household_key: 'K1', full_name_ar: 'فاطمة علي', sex: 'female', estimated_age: '40', relationship: 'spouse' } },
    ]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.household?.members).toHaveLength(2);
    expect(parsed.household?.members[0]?.documents?.[0]?.number).toBe('02010012345');
  });

  it('should name the row and the column of each error', () => {
    const parsed = householdFromRows('mahmoudli', 'K1', [
      { row: 2, values: head },
      { row: 3, values: { household_key: 'K1', full_name_ar: 'Fatima', sex: 'x', relationship: 'spouse', estimated_age: '40' } },
    ]);
    expect(parsed.household).toBeNull();
    expect(parsed.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, field: 'full_name_ar' }),
        expect.objectContaining({ row: 3, field: 'sex' }),
      ]),
    );
  });

  it('should read Kobo group paths as plain column names', () => {
    expect(columnName('household/member/Full_Name_Ar')).toBe('full_name_ar');
  });
});

describe(readRows.name, () => {
  it('should read the rows of the first sheet of an XLSX file by column name', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'awda-import-rows-'));
    try {
      const path = join(dir, 'export.xlsx');
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('households');
      sheet.addRow(['household/household_key', 'household/member/full_name_ar', 'sex']);
      sheet.addRow(['K1', 'أحمد محمد الحسن', 'male']);
      sheet.addRow(['K1', 'فاطمة علي', 'female']);
      await workbook.xlsx.writeFile(path);
      const rows = [];
      for await (const row of readRows(path, 'xlsx')) rows.push(row);
      expect(rows).toEqual([
        { household_key: 'K1', full_name_ar: 'أحمد محمد الحسن', sex: 'male' },
        { household_key: 'K1', full_name_ar: 'فاطمة علي', sex: 'female' },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
