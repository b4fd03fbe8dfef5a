import { describe, expect, it } from '@jest/globals';
import { convoyTotals, manifestCsv, manifestHtml, vehicleTotals, type Manifest, type ManifestHousehold, type ManifestVehicle } from './manifest.js';

const RAQQA = { code: 'SY110100', nameAr: 'مركز الرقة', nameEn: 'Ar-Raqqa' };
const TABQA_CITY = { code: 'C5901', nameAr: 'مدينة الطبقة', nameEn: 'Tabqa city' };

const family: ManifestHousehold = {
  householdId: '0190a000-0000-7000-8000-000000000003',
  caseNumber: 'MAH-25-0001',
  destinationArea: RAQQA.code,
  destination: RAQQA,
  units: 2,
  people: 2,
  head: { fullNameAr: 'أحمد محمد علي الحسن', fullNameLatin: 'Ahmad, "Abu Ali"' },
  notInformed: null,
  members: [
    { memberId: 'm1', fullNameAr: 'أحمد محمد علي الحسن', fullNameLatin: 'Ahmad, "Abu Ali"', isHead: true, age: 40, ambulance: false, checkedIn: true },
    { memberId: 'm2', fullNameAr: '=HYPERLINK("x")', fullNameLatin: null, isHead: false, age: 38, ambulance: false, checkedIn: false },
  ],
};

const untold: ManifestHousehold = {
  householdId: '0190a000-0000-7000-8000-000000000004',
  caseNumber: 'MAH-25-0002',
  destinationArea: TABQA_CITY.code,
  destination: TABQA_CITY,
  units: 3,
  people: 3,
  head: { fullNameAr: 'خديجة العلي', fullNameLatin: 'Khadija Al-Ali' },
  notInformed: { status: 'expired', reason: 'no_phone' },
  members: [
    { memberId: 'm3', fullNameAr: 'خديجة العلي', fullNameLatin: 'Khadija Al-Ali', isHead: true, age: 35, ambulance: false, checkedIn: false },
    { memberId: 'm4', fullNameAr: 'نور العلي', fullNameLatin: 'Nour Al-Ali', isHead: false, age: 9, ambulance: false, checkedIn: false },
    { memberId: 'm5', fullNameAr: 'علي العلي', fullNameLatin: 'Ali Al-Ali', isHead: false, age: 4, ambulance: false, checkedIn: false },
  ],
};

function vehicle(kind: ManifestVehicle['kind'], type: string, plate: string, households: ManifestHousehold[]): ManifestVehicle {
  return { vehicleId: `0190a000-0000-7000-8000-00000000001${plate.length}`, plate, type, operator: 'Tabqa Co', kind, totals: vehicleTotals(kind, households), households };
}

const bus = vehicle('seats', 'bus', 'RAQ-1', [family, untold]);
// A truck's sheet: the families whose belongings it carries, nobody to board.
const truck = vehicle('cargo', 'cargo_truck', 'RAQ-22', [
  { ...family, units: 1000, members: [] },
  { ...untold, units: 500, members: [] },
]);

const manifest: Manifest = {
  convoy: {
    id: '0190a000-0000-7000-8000-000000000001',
    campId: 'mahmoudli',
    departureDate: '2025-06-10',
    departureTime: '07:00',
    assemblyPoint: 'Gate 2 <north>',
    assemblyPointTexts: { ar: 'البوابة 2', ckb: 'دەروازەی 2', en: 'Gate 2 <north>' },
    destinations: [RAQQA.code, 'SY1102'],
    destinationAreas: [RAQQA, { code: 'SY1102', nameAr: null, nameEn: null }],
    status: 'confirmed',
    escortNotes: null,
  },
  generatedAt: '2025-06-09T10:00:00.000Z',
  totals: convoyTotals([bus, truck]),
  refused: [],
  notInformed: [{ householdId: untold.householdId, caseNumber: untold.caseNumber, status: 'expired', reason: 'no_phone' }],
  vehicles: [bus, truck],
};

describe(vehicleTotals.name, () => {
  it('should count families, people and seats on a bus, and cargo shares on a truck', () => {
    expect(bus.totals).toEqual({ families: 2, people: 5, seats: 5, cargo: 0, stretcherPlaces: 0, ambulanceSeats: 0 });
    expect(truck.totals).toEqual({ families: 2, people: 0, seats: 0, cargo: 1.5, stretcherPlaces: 0, ambulanceSeats: 0 });
  });

  it('should count each family and person of the convoy once, whatever vehicles they use', () => {
    expect(manifest.totals).toEqual({ families: 2, people: 5, seats: 5, cargo: 1.5, stretcherPlaces: 0, ambulanceSeats: 0 });
  });
});

/** The cells of one CSV line (quoted cells may hold commas and doubled quotes). */
function cellsOf(line: string | undefined): string[] {
  return [...(line ?? '').matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((match) => match[1] ?? '').slice(0, CSV_WIDTH);
}
const CSV_WIDTH = 18;

describe(manifestCsv.name, () => {
  const lines = manifestCsv(manifest).trim().split('\r\n');

  it('should write one line per passenger with a byte-order mark, quoting commas and defusing formulas', () => {
    expect(manifestCsv(manifest).startsWith('\uFEFFvehicle_plate,')).toBe(true);
    expect(lines.filter((line) => line.startsWith('RAQ-1,'))).toHaveLength(5);
    expect(lines[1]).toContain('أحمد محمد علي الحسن');
    expect(lines[1]).toContain('"Ahmad, ""Abu Ali"""');
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('should name destinations and mark families not told, with the reason', () => {
    const header = cellsOf(lines[0]);
    const cells = cellsOf;
    const khadija = cells(lines.find((line) => line.includes('m3')));
    expect(khadija[header.indexOf('destination_name_ar')]).toBe('مدينة الطبقة');
    expect(khadija[header.indexOf('destination_name_en')]).toBe('Tabqa city');
    expect(khadija[header.indexOf('not_informed')]).toBe('true');
    expect(khadija[header.indexOf('not_informed_reason')]).toBe('no_phone');
    expect(cells(lines[1])[header.indexOf('not_informed')]).toBe('false');
  });

  it('should list a cargo truck by family (its head, its share of the truck), with no passengers', () => {
    const header = cellsOf(lines[0]);
    const onTruck = lines.filter((line) => line.startsWith('RAQ-22,')).map(cellsOf);
    expect(onTruck).toHaveLength(2);
    expect(onTruck.map((cells) => cells[header.indexOf('member_id')])).toEqual(['', '']);
    expect(onTruck.map((cells) => cells[header.indexOf('checked_in')])).toEqual(['', '']);
    expect(onTruck.map((cells) => cells[header.indexOf('cargo_share')])).toEqual(['1', '0.5']);
    expect(onTruck[1]?.[header.indexOf('full_name_ar')]).toBe('خديجة العلي');
  });
});

describe(manifestHtml.name, () => {
  const html = manifestHtml(manifest);
  const section = (plate: string) => html.slice(html.indexOf(plate), html.indexOf('</section>', html.indexOf(plate)));

  it('should render a right-to-left Arabic page and escape every value', () => {
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('أحمد محمد علي الحسن');
    expect(html).toContain('Gate 2 &lt;north&gt;');
    expect(html).not.toContain('<north>');
  });

  it('should print destinations by name, not by code', () => {
    expect(html).toContain('مركز الرقة');
    expect(html).toContain('مدينة الطبقة');
    expect(html).not.toContain('>SY110100<');
    expect(html).not.toContain('>C5901<');
  });

  it('should isolate every name so that a Latin name does not scramble the Arabic line', () => {
    expect(html).toContain('<bdi dir="auto">Ahmad, &quot;Abu Ali&quot;</bdi>');
    expect(html).toContain('<bdi dir="auto">أحمد محمد علي الحسن</bdi>');
    expect(html).toContain('<bdi dir="auto">RAQ-1</bdi>');
  });

  it('should print totals per vehicle and for the convoy', () => {
    expect(section('RAQ-1')).toContain('العائلات: 2 — الأشخاص: 5 — المقاعد: 5');
    expect(section('RAQ-22')).toContain('العائلات: 2 — الأمتعة (حصص): 1.5');
    expect(html).toContain('العائلات: 2 — الأشخاص: 5 — المقاعد: 5 — الأمتعة (حصص): 1.5');
  });

  it('should give a cargo truck the families whose belongings it carries, without boarding boxes', () => {
    const sheet = section('RAQ-22');
    expect(sheet).toContain('MAH-25-0002');
    expect(sheet).toContain('خديجة العلي');
    expect(sheet).not.toContain('نور العلي');
    expect(sheet).not.toContain('☐');
    expect(sheet).not.toContain('صعد');
    expect(section('RAQ-1')).toContain('☐');
  });

  it('should print the assembly point in each language written', () => {
    expect(html).toContain('العربية: <bdi dir="auto">البوابة 2</bdi>');
    expect(html).toContain('الكردية (سوراني): <bdi dir="auto">دەروازەی 2</bdi>');
    expect(html).not.toContain('كرمانجي');
  });

  it('should list the families not told by SMS, with why, so that staff call them', () => {
    expect(html).toContain('عائلات لم تُبلَّغ بموعد السفر — اتصلوا بها (1)');
    expect(html).toContain('<bdi dir="auto">MAH-25-0002</bdi>: لا يوجد رقم هاتف');
    expect(section('RAQ-1')).toContain('لم تُبلَّغ: لا يوجد رقم هاتف');
  });
});
