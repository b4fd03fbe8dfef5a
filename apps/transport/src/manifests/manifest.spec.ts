import { describe, expect, it } from '@jest/globals';
import { manifestCsv, manifestHtml, type Manifest } from './manifest.js';

const manifest: Manifest = {
  convoy: {
    id: '0190a000-0000-7000-8000-000000000001',
    campId: 'mahmoudli',
    departureDate: '2025-06-10',
    departureTime: '07:00',
    assemblyPoint: 'Gate 2 <north>',
    destinations: ['SY1101'],
    status: 'confirmed',
    escortNotes: null,
  },
  generatedAt: '2025-06-09T10:00:00.000Z',
  refused: [],
  vehicles: [
    {
      vehicleId: '0190a000-0000-7000-8000-000000000002',
      plate: 'RAQ-1',
      type: 'bus',
      operator: 'Tabqa Co',
      kind: 'seats',
      households: [
        {
          householdId: '0190a000-0000-7000-8000-000000000003',
          caseNumber: 'MAH-25-0001',
          destinationArea: 'SY1101',
          units: 2,
          members: [
            { memberId: 'm1', fullNameAr: 'أحمد محمد علي الحسن', fullNameLatin: 'Ahmad, "Abu Ali"', isHead: true, age: 40, ambulance: false, checkedIn: true },
            { memberId: 'm2', fullNameAr: '=HYPERLINK("x")', fullNameLatin: null, isHead: false, age: 38, ambulance: false, checkedIn: false },
          ],
        },
      ],
    },
  ],
};

describe(manifestCsv.name, () => {
  it('should write one line per member with a byte-order mark, quoting commas and defusing formulas', () => {
    const csv = manifestCsv(manifest);
    expect(csv.startsWith('\uFEFFvehicle_plate,')).toBe(true);
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('أحمد محمد علي الحسن');
    expect(lines[1]).toContain('"Ahmad, ""Abu Ali"""');
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"")"`);
  });
});

describe(manifestHtml.name, () => {
  it('should render a right-to-left Arabic page and escape every value', () => {
    const html = manifestHtml(manifest);
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('أحمد محمد علي الحسن');
    expect(html).toContain('Gate 2 &lt;north&gt;');
    expect(html).not.toContain('<north>');
  });
});
