// A convoy manifest and its CSV and printable HTML forms. Pure: names come in from registration at
// the moment of printing and are never stored here.
import { stringify } from 'csv-stringify/sync';

export interface ManifestMember {
  memberId: string;
  fullNameAr: string | null;
  fullNameLatin: string | null;
  isHead: boolean;
  age: number;
  ambulance: boolean;
  checkedIn: boolean;
}

/** An area by its names in registration's list (null names: a code the list does not hold). */
export interface ManifestArea {
  code: string;
  nameAr: string | null;
  nameEn: string | null;
}

/**
 * A family whose travel message (scheduled or reminder) has not been sent or delivered: staff call it.
 * `status` and `reason` are those of its latest travel message (null: no message recorded yet).
 */
export interface NotInformed {
  status: string | null;
  reason: string | null;
}

export interface ManifestHousehold {
  householdId: string;
  caseNumber: string | null;
  destinationArea: string;
  /** The destination's names, for people to read (the code stays in `destinationArea`). */
  destination: ManifestArea;
  /** Seats, truck shares (thousandths) or stretcher places this family takes on this vehicle. */
  units: number;
  /** People in the family. */
  people: number;
  /** The head of the family by name (on a cargo truck's sheet, the person the belongings belong to). */
  head: { fullNameAr: string | null; fullNameLatin: string | null } | null;
  /** Null when a travel message was sent or delivered. */
  notInformed: NotInformed | null;
  /** Who rides this vehicle: everyone on a bus, those with an ambulance place on an ambulance, nobody on a cargo truck. */
  members: ManifestMember[];
}

/** What a vehicle carries on this convoy. */
export interface ManifestTotals {
  families: number;
  /** People riding (0 on a cargo truck). */
  people: number;
  /** Bus seats booked (children weighted as the planner counts them). */
  seats: number;
  /** Cargo in the unit of a truck's `cargoCapacity` (one family's belongings: 1). */
  cargo: number;
  stretcherPlaces: number;
  /** Seated ambulance places. */
  ambulanceSeats: number;
}

export interface ManifestVehicle {
  vehicleId: string;
  plate: string;
  type: string;
  operator: string;
  kind: 'seats' | 'cargo' | 'stretcher' | 'ambulance_seats';
  totals: ManifestTotals;
  households: ManifestHousehold[];
}

export interface ManifestConvoy {
  id: string;
  campId: string;
  departureDate: string;
  departureTime: string;
  assemblyPoint: string;
  /** The assembly point per SMS language, when the camp wrote them. */
  assemblyPointTexts: Partial<Record<'ar' | 'ckb' | 'kmr' | 'en', string>> | null;
  destinations: string[];
  /** `destinations` with their names. */
  destinationAreas: ManifestArea[];
  status: string;
  escortNotes: string | null;
}

export interface Manifest {
  convoy: ManifestConvoy;
  generatedAt: string;
  /** The whole convoy (families and people counted once each). */
  totals: ManifestTotals;
  vehicles: ManifestVehicle[];
  /** Families on the convoy not told by SMS: call them. */
  notInformed: { householdId: string; caseNumber: string | null; status: string | null; reason: string | null }[];
  /** Households whose names registration would not give this user: listed without names. */
  refused: string[];
}

/** Cargo is counted in thousandths of a `cargoCapacity` unit on the ledger. */
export const CARGO_UNITS_PER_TRUCK = 1000;

/** A vehicle's totals from its sheet. */
export function vehicleTotals(kind: ManifestVehicle['kind'], households: readonly ManifestHousehold[]): ManifestTotals {
  const units = households.reduce((sum, household) => sum + household.units, 0);
  return {
    families: households.length,
    people: households.reduce((sum, household) => sum + household.members.length, 0),
    seats: kind === 'seats' ? units : 0,
    cargo: kind === 'cargo' ? units / CARGO_UNITS_PER_TRUCK : 0,
    stretcherPlaces: kind === 'stretcher' ? units : 0,
    ambulanceSeats: kind === 'ambulance_seats' ? units : 0,
  };
}

/** The convoy's totals: families and people once each, whatever number of vehicles they use. */
export function convoyTotals(vehicles: readonly ManifestVehicle[]): ManifestTotals {
  const families = new Map<string, number>();
  for (const vehicle of vehicles) for (const household of vehicle.households) families.set(household.householdId, household.people);
  return {
    families: families.size,
    people: [...families.values()].reduce((sum, people) => sum + people, 0),
    seats: vehicles.reduce((sum, vehicle) => sum + vehicle.totals.seats, 0),
    cargo: vehicles.reduce((sum, vehicle) => sum + vehicle.totals.cargo, 0),
    stretcherPlaces: vehicles.reduce((sum, vehicle) => sum + vehicle.totals.stretcherPlaces, 0),
    ambulanceSeats: vehicles.reduce((sum, vehicle) => sum + vehicle.totals.ambulanceSeats, 0),
  };
}

const CSV_COLUMNS = [
  'vehicle_plate',
  'vehicle_type',
  'case_number',
  'household_id',
  'destination',
  'member_id',
  'full_name_ar',
  'full_name_latin',
  'is_head',
  'age',
  'ambulance',
  'checked_in',
  'destination_name_ar',
  'destination_name_en',
  'family_size',
  'cargo_share',
  'not_informed',
  'not_informed_reason',
] as const;

function csvCell(value: string | number | boolean | null): string {
  const text = value === null ? '' : String(value);
  // A cell starting with = + - @ would run as a formula in a spreadsheet.
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function notInformedCode(household: ManifestHousehold): string {
  if (!household.notInformed) return '';
  return household.notInformed.reason ?? household.notInformed.status ?? 'no_message';
}

/**
 * One line per member per bus or ambulance, one line per family on a cargo truck (its head's name, no
 * member columns), UTF-8 with a byte-order mark so spreadsheets show Arabic.
 */
export function manifestCsv(manifest: Manifest): string {
  const lines: string[][] = [[...CSV_COLUMNS]];
  for (const vehicle of manifest.vehicles) {
    for (const household of vehicle.households) {
      const familyColumns = [
        household.destination.nameAr,
        household.destination.nameEn,
        household.people,
        vehicle.kind === 'cargo' ? household.units / CARGO_UNITS_PER_TRUCK : null,
        household.notInformed !== null,
        notInformedCode(household),
      ];
      const start = [vehicle.plate, vehicle.type, household.caseNumber, household.householdId, household.destinationArea];
      if (vehicle.kind === 'cargo') {
        lines.push([...start, null, household.head?.fullNameAr ?? null, household.head?.fullNameLatin ?? null, null, null, null, null, ...familyColumns].map(csvCell));
        continue;
      }
      for (const member of household.members) {
        lines.push(
          [
            ...start,
            member.memberId,
            member.fullNameAr,
            member.fullNameLatin,
            member.isHead,
            member.age,
            member.ambulance,
            member.checkedIn,
            ...familyColumns,
          ].map(csvCell),
        );
      }
    }
  }
  // csv-stringify quotes a cell holding a comma, a quote or a line break, as RFC 4180 says.
  return `\uFEFF${stringify(lines, { record_delimiter: 'windows' })}`;
}

function escapeHtml(text: string | number | null): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** A value whose direction is its own (a Latin name in an Arabic page, a plate, an Arabic name in a Latin one). */
function isolated(text: string | number | null): string {
  return `<bdi dir="auto">${escapeHtml(text)}</bdi>`;
}

const VEHICLE_TYPE_AR: Record<string, string> = { bus: 'حافلة', minibus: 'حافلة صغيرة', cargo_truck: 'شاحنة أمتعة', ambulance: 'سيارة إسعاف' };

const LANGUAGE_AR: Record<string, string> = { ar: 'العربية', ckb: 'الكردية (سوراني)', kmr: 'الكردية (كرمانجي)', en: 'الإنجليزية' };

/** Why a family was not told, for the person who calls it. */
const NOT_INFORMED_AR: Record<string, string> = {
  no_phone: 'لا يوجد رقم هاتف',
  opted_out: 'أوقفت الأسرة الرسائل',
  withdrawn: 'سحبت الأسرة موافقتها',
  expired: 'انتهت صلاحية الرسالة قبل إرسالها',
  superseded: 'حلّت محلها رسالة أحدث',
  provider_failed: 'فشل الإرسال',
  queued: 'لم تُرسل الرسالة بعد',
  no_message: 'لم تُسجَّل أي رسالة',
};

function notInformedText(notInformed: NotInformed): string {
  const code = notInformed.reason ?? notInformed.status ?? 'no_message';
  return NOT_INFORMED_AR[code] ?? code;
}

function areaName(area: ManifestArea): string {
  if (area.nameAr && area.nameEn) return `${isolated(area.nameAr)} (${isolated(area.nameEn)})`;
  return isolated(area.nameAr ?? area.nameEn ?? area.code);
}

function number(value: number): string {
  return escapeHtml(Number.isInteger(value) ? value : Number(value.toFixed(3)));
}

function totalsLine(kind: ManifestVehicle['kind'] | 'convoy', totals: ManifestTotals): string {
  const parts = [`العائلات: ${number(totals.families)}`];
  if (kind !== 'cargo') parts.push(`الأشخاص: ${number(totals.people)}`);
  if (kind === 'seats' || kind === 'convoy') parts.push(`المقاعد: ${number(totals.seats)}`);
  if (kind === 'cargo' || kind === 'convoy') parts.push(`الأمتعة (حصص): ${number(totals.cargo)}`);
  if (kind === 'stretcher' || (kind === 'convoy' && totals.stretcherPlaces > 0)) parts.push(`أماكن الإسعاف: ${number(totals.stretcherPlaces)}`);
  if (kind === 'ambulance_seats' || (kind === 'convoy' && totals.ambulanceSeats > 0)) parts.push(`مقاعد الإسعاف: ${number(totals.ambulanceSeats)}`);
  return `<p class="totals">${parts.join(' — ')}</p>`;
}

function notInformedMark(household: ManifestHousehold): string {
  return household.notInformed ? `<strong class="not-informed">لم تُبلَّغ: ${escapeHtml(notInformedText(household.notInformed))}</strong>` : '';
}

function passengerRows(household: ManifestHousehold): string[] {
  return household.members.map(
    (member, index) => `<tr>
        <td>${index === 0 ? isolated(household.caseNumber) : ''}</td>
        <td>${isolated(member.fullNameAr ?? '—')}</td>
        <td>${isolated(member.fullNameLatin)}</td>
        <td>${escapeHtml(member.age)}</td>
        <td>${member.isHead ? '✓' : ''}</td>
        <td>${member.ambulance ? '✚' : ''}</td>
        <td>${index === 0 ? areaName(household.destination) : ''}</td>
        <td>${index === 0 ? notInformedMark(household) : ''}</td>
        <td>${member.checkedIn ? '✓' : '☐'}</td>
      </tr>`,
  );
}

function cargoRow(household: ManifestHousehold): string {
  return `<tr>
        <td>${isolated(household.caseNumber)}</td>
        <td>${isolated(household.head?.fullNameAr ?? '—')}</td>
        <td>${isolated(household.head?.fullNameLatin ?? null)}</td>
        <td>${escapeHtml(household.people)}</td>
        <td>${areaName(household.destination)}</td>
        <td>${number(household.units / CARGO_UNITS_PER_TRUCK)}</td>
        <td>${notInformedMark(household)}</td>
      </tr>`;
}

function vehicleSection(vehicle: ManifestVehicle): string {
  const heading = `<h2>${escapeHtml(VEHICLE_TYPE_AR[vehicle.type] ?? vehicle.type)} — ${isolated(vehicle.plate)} — ${isolated(vehicle.operator)}</h2>`;
  // A cargo truck carries belongings: the families they belong to, no passengers to board.
  const table =
    vehicle.kind === 'cargo'
      ? `<table>
      <thead><tr><th>رقم الحالة</th><th>رب الأسرة</th><th>الاسم باللاتينية</th><th>عدد الأفراد</th><th>الوجهة</th><th>حصة الأمتعة</th><th>الإبلاغ</th></tr></thead>
      <tbody>${vehicle.households.map(cargoRow).join('')}</tbody>
    </table>`
      : `<table>
      <thead><tr><th>رقم الحالة</th><th>الاسم الكامل</th><th>الاسم باللاتينية</th><th>العمر</th><th>رب الأسرة</th><th>إسعاف</th><th>الوجهة</th><th>الإبلاغ</th><th>صعد</th></tr></thead>
      <tbody>${vehicle.households.flatMap(passengerRows).join('')}</tbody>
    </table>`;
  return `<section class="vehicle vehicle-${escapeHtml(vehicle.kind)}">
    ${heading}
    ${totalsLine(vehicle.kind, vehicle.totals)}
    ${table}
    <p class="signature">توقيع السائق: ____________ &nbsp; توقيع مسؤول الإمداد: ____________</p>
  </section>`;
}

function assemblyPointTexts(convoy: ManifestConvoy): string {
  const written = convoy.assemblyPointTexts ?? {};
  const texts = (['ar', 'ckb', 'kmr', 'en'] as const).flatMap((language) => (written[language] ? [[language, written[language]] as const] : []));
  if (texts.length === 0) return '';
  return `<ul class="assembly-texts">${texts.map(([language, text]) => `<li>${escapeHtml(LANGUAGE_AR[language] ?? language)}: ${isolated(text)}</li>`).join('')}</ul>`;
}

function notInformedSection(manifest: Manifest): string {
  if (manifest.notInformed.length === 0) return '';
  const rows = manifest.notInformed
    .map((family) => `<li>${isolated(family.caseNumber ?? family.householdId)}: ${escapeHtml(notInformedText(family))}</li>`)
    .join('');
  return `<section class="not-informed-list">
  <h2>عائلات لم تُبلَّغ بموعد السفر — اتصلوا بها (${manifest.notInformed.length})</h2>
  <ul>${rows}</ul>
</section>`;
}

/** A printable page in Arabic, right to left, one table per vehicle. Every value is escaped; names are isolated. */
export function manifestHtml(manifest: Manifest): string {
  const { convoy } = manifest;
  return `<!doctype html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>قائمة الركاب — ${escapeHtml(convoy.departureDate)}</title>
<style>
  @page { size: A4; margin: 12mm; }
  body { font-family: "Noto Sans Arabic", "Noto Naskh Arabic", "Amiri", "Arial", sans-serif; margin: 1.5cm; }
  @media print { body { margin: 0; } }
  /* Each label on the line of its value, every value starting at the same edge: a grid, not a bare dl. */
  dl { display: grid; grid-template-columns: max-content 1fr; column-gap: 1.5em; row-gap: 0.25em; align-items: start; }
  dt { font-weight: bold; }
  dt, dd { margin: 0; text-align: start; }
  dd ul { margin: 0; padding-inline-start: 1.2em; }
  table { width: 100%; border-collapse: collapse; margin-bottom: 1em; }
  th, td { border: 1px solid #444; padding: 4px 6px; text-align: start; vertical-align: top; }
  tr { break-inside: avoid; }
  .not-informed { color: #a00; }
  /* Each vehicle's sheet starts a page of its own. */
  .vehicle { break-before: page; page-break-before: always; }
</style>
</head>
<body>
<h1>قائمة الركاب</h1>
<dl>
  <dt>التاريخ</dt><dd><bdi dir="ltr">${escapeHtml(convoy.departureDate)}</bdi></dd>
  <dt>وقت المغادرة</dt><dd><bdi dir="ltr">${escapeHtml(convoy.departureTime)}</bdi></dd>
  <dt>نقطة التجمع</dt><dd>${isolated(convoy.assemblyPoint)}${assemblyPointTexts(convoy)}</dd>
  <dt>الوجهات</dt><dd>${convoy.destinationAreas.map(areaName).join('، ')}</dd>
  <dt>ملاحظات المرافقة</dt><dd>${isolated(convoy.escortNotes ?? '')}</dd>
</dl>
${totalsLine('convoy', manifest.totals)}
${notInformedSection(manifest)}
${manifest.vehicles.map(vehicleSection).join('\n')}
</body>
</html>
`;
}
