import { describe, expect, it } from '@jest/globals';
import { areaName, barsOf, costAmount, isSuppressed, shownColumns, tableKey, type ReportTable } from './report-view';

const byArea: ReportTable = {
  name: 'returns-by-area',
  columns: [
    { key: 'areaCode', kind: 'key' },
    { key: 'areaNameAr', kind: 'key' },
    { key: 'areaNameEn', kind: 'key' },
    { key: 'families', kind: 'count' },
    { key: 'people', kind: 'count' },
  ],
  rows: [
    { areaCode: 'C1001', areaNameAr: 'الطبقة', areaNameEn: 'Tabqa', families: 12, people: 48 },
    { areaCode: 'C2002', areaNameAr: null, areaNameEn: 'Raqqa', families: { suppressed: true }, people: { suppressed: true } },
  ],
};

describe('report view', () => {
  it('should name a table by its locale key and show one destination column', () => {
    expect(tableKey('returns-by-area')).toBe('returnsByArea');
    expect(tableKey('sms')).toBe('sms');
    expect(shownColumns(byArea)).toEqual(['area', 'families', 'people']);
  });

  it('should name a destination in the page’s script, falling back to the other', () => {
    expect(areaName(byArea.rows[0]!, true)).toBe('الطبقة');
    expect(areaName(byArea.rows[0]!, false)).toBe('Tabqa');
    expect(areaName(byArea.rows[1]!, true)).toBe('Raqqa');
  });

  it('should draw a suppressed count as a bar without a value', () => {
    expect(barsOf(byArea, 'families').map((bar) => bar.value)).toEqual([12, null]);
    expect(isSuppressed(byArea.rows[1]!['families'])).toBe(true);
    expect(isSuppressed(0)).toBe(false);
  });
});

describe(costAmount.name, () => {
  it('should turn minor units into an amount of the currency, with that currency’s decimals', () => {
    expect(costAmount(144, 'USD')).toBe(1.44);
    expect(costAmount(7, 'JPY')).toBe(7);
    expect(costAmount(1250, 'JOD')).toBe(1.25);
  });
});
