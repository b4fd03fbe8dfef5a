// A convoy manifest and its CSV and printable HTML forms. Pure: names come in from registration at
// the moment of printing and are never stored here.

export interface ManifestMember {
  memberId: string;
  fullNameAr: string | null;
  fullNameLatin: string | null;
  isHead: boolean;
  age: number;
  ambulance: boolean;
  checkedIn: boolean;
}

export interface ManifestHousehold {
  householdId: string;
  caseNumber: string | null;
  destinationArea: string;
  /** Seats, truck shares (thousandths) or stretcher places this family takes on this vehicle. */
  units: number;
  members: ManifestMember[];
}

export interface ManifestVehicle {
  vehicleId: string;
  plate: string;
  type: string;
  operator: string;
  kind: 'seats' | 'cargo' | 'stretcher' | 'ambulance_seats';
  households: ManifestHousehold[];
}

export interface Manifest {
  convoy: {
    id: string;
    campId: string;
    departureDate: string;
    departureTime: string;
    assemblyPoint: string;
    destinations: string[];
    status: string;
    escortNotes: string | null;
  };
  generatedAt: string;
  vehicles: ManifestVehicle[];
  /** Households whose names registration would not give this user: listed without names. */
  refused: string[];
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
] as const;

function csvCell(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value);
  // A cell starting with = + - @ would run as a formula in a spreadsheet.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line per member per vehicle, UTF-8 with a byte-order mark so spreadsheets show Arabic. */
export function manifestCsv(manifest: Manifest): string {
  const lines: string[] = [CSV_COLUMNS.join(',')];
  for (const vehicle of manifest.vehicles) {
    for (const household of vehicle.households) {
      for (const member of household.members) {
        lines.push(
          [
            vehicle.plate,
            vehicle.type,
            household.caseNumber,
            household.householdId,
            household.destinationArea,
            member.memberId,
            member.fullNameAr,
            member.fullNameLatin,
            member.isHead,
            member.age,
            member.ambulance,
            member.checkedIn,
          ]
            .map(csvCell)
            .join(','),
        );
      }
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function escapeHtml(text: string | number | null): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const VEHICLE_TYPE_AR: Record<string, string> = { bus: 'حافلة', minibus: 'حافلة صغيرة', cargo_truck: 'شاحنة أمتعة', ambulance: 'سيارة إسعاف' };

function vehicleSection(vehicle: ManifestVehicle): string {
  const rows = vehicle.households.flatMap((household) =>
    household.members.map(
      (member, index) => `<tr>
        <td>${index === 0 ? escapeHtml(household.caseNumber) : ''}</td>
        <td>${escapeHtml(member.fullNameAr ?? '—')}</td>
        <td dir="ltr">${escapeHtml(member.fullNameLatin)}</td>
        <td>${escapeHtml(member.age)}</td>
        <td>${member.isHead ? '✓' : ''}</td>
        <td>${member.ambulance ? '✚' : ''}</td>
        <td>${member.checkedIn ? '✓' : '☐'}</td>
      </tr>`,
    ),
  );
  return `<section class="vehicle">
    <h2>${escapeHtml(VEHICLE_TYPE_AR[vehicle.type] ?? vehicle.type)} — <span dir="ltr">${escapeHtml(vehicle.plate)}</span> — ${escapeHtml(vehicle.operator)}</h2>
    <table>
      <thead><tr><th>رقم الحالة</th><th>الاسم الكامل</th><th>الاسم باللاتينية</th><th>العمر</th><th>رب الأسرة</th><th>إسعاف</th><th>صعد</th></tr></thead>
      <tbody>${rows.join('')}</tbody>
    </table>
    <p class="signature">توقيع السائق: ____________ &nbsp; توقيع مسؤول الإمداد: ____________</p>
  </section>`;
}

/** A printable page in Arabic, right to left, one table per vehicle. Every value is escaped. */
export function manifestHtml(manifest: Manifest): string {
  const { convoy } = manifest;
  return `<!doctype html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>قائمة الركاب — ${escapeHtml(convoy.departureDate)}</title>
<style>
  body { font-family: "Noto Naskh Arabic", "Amiri", "Arial", sans-serif; margin: 1.5cm; }
  table { width: 100%; border-collapse: collapse; margin-bottom: 1em; }
  th, td { border: 1px solid #444; padding: 4px 6px; text-align: right; }
  .vehicle { page-break-after: always; }
  @media print { .vehicle:last-child { page-break-after: auto; } }
</style>
</head>
<body>
<h1>قائمة الركاب</h1>
<dl>
  <dt>التاريخ</dt><dd>${escapeHtml(convoy.departureDate)}</dd>
  <dt>وقت المغادرة</dt><dd>${escapeHtml(convoy.departureTime)}</dd>
  <dt>نقطة التجمع</dt><dd>${escapeHtml(convoy.assemblyPoint)}</dd>
  <dt>الوجهات</dt><dd dir="ltr">${escapeHtml(convoy.destinations.join(', '))}</dd>
  <dt>ملاحظات المرافقة</dt><dd>${escapeHtml(convoy.escortNotes ?? '')}</dd>
</dl>
${manifest.vehicles.map(vehicleSection).join('\n')}
</body>
</html>
`;
}
