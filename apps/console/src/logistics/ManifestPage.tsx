// A convoy's manifest as a printable A4 page (or one vehicle's sheet with ?vehicle=): a summary page,
// then each vehicle on a page of its own with the convoy's facts repeated, so each driver's sheet
// stands alone. In the user's language and direction; every name, plate and free text in a <bdi>,
// and the facts are a two-column grid (label, value) so that a value never drifts to the far edge.
// Outside the console's frame: nothing but the sheet is printed.
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams, useSearchParams } from 'react-router';
import { transportApi, unwrap } from '../api/clients';
import { useFormat, usePrefs } from '../app/prefs';
import { directionOf } from '../i18n/locales';
import { manifestCsvUrl, vehicleOrder, type Manifest, type ManifestHousehold, type ManifestTotals, type ManifestVehicle } from './api';
import { Isolated, manifestAreaName, useLogisticsError } from './common';

const PRINT_CSS = `
@page { size: A4; margin: 12mm; }
.manifest-page { font-family: "Noto Sans Arabic", "Noto Sans", "Segoe UI", Tahoma, Arial, sans-serif; color: #000; background: #fff; font-size: 11pt; line-height: 1.45; }
.manifest-toolbar { display: flex; gap: 12px; align-items: center; padding: 12px 16px; border-block-end: 1px solid #ccc; background: #f5f5f5; }
.manifest-toolbar button, .manifest-toolbar a { font: inherit; padding: 6px 14px; border: 1px solid #1565c0; border-radius: 4px; background: #fff; color: #0d47a1; text-decoration: none; cursor: pointer; }
.manifest-toolbar button.primary { background: #1565c0; color: #fff; }
.manifest { max-width: 186mm; margin: 0 auto; padding: 8mm 0; }
.manifest h1 { font-size: 18pt; margin: 0 0 4mm; }
.manifest h2 { font-size: 14pt; margin: 0 0 3mm; }
.manifest-facts { display: grid; grid-template-columns: max-content 1fr; column-gap: 6mm; row-gap: 1.5mm; margin: 0 0 4mm; align-items: start; }
.manifest-facts dt { font-weight: 700; margin: 0; text-align: start; }
.manifest-facts dd { margin: 0; text-align: start; }
.manifest-facts ul { margin: 0; padding-inline-start: 5mm; }
.manifest-totals { margin: 0 0 4mm; padding: 2mm 3mm; border: 1px solid #000; }
.manifest table { width: 100%; border-collapse: collapse; margin-block-end: 4mm; }
.manifest th, .manifest td { border: 1px solid #444; padding: 1.5mm 2mm; text-align: start; vertical-align: top; }
.manifest th { background: #eee; }
.manifest tr { break-inside: avoid; }
.manifest .box { font-size: 14pt; text-align: center; }
.manifest .case { white-space: nowrap; }
.manifest .latin { display: block; color: #333; font-size: 10pt; }
.manifest-page[dir="rtl"] .latin { text-align: right; }
.manifest-page[dir="ltr"] .latin { text-align: left; }
.manifest .not-informed { color: #a00; font-weight: 700; }
.manifest-sheet { break-before: page; page-break-before: always; }
.manifest-signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 10mm; margin-block-start: 8mm; }
.manifest-signatures div { border-block-start: 1px solid #000; padding-block-start: 1mm; }
@media screen { .manifest { padding: 8mm; } .manifest-sheet { border-block-start: 2px dashed #999; margin-block-start: 10mm; padding-block-start: 8mm; } }
@media print { .manifest-toolbar { display: none; } .manifest { max-width: none; padding: 0; } }
`;

function useNumber() {
  const format = useFormat();
  return (value: number) => format.number(value, { maximumFractionDigits: 3 });
}

function Facts({ manifest, vehicle }: { manifest: Manifest; vehicle?: ManifestVehicle }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { locale } = usePrefs();
  const { convoy } = manifest;
  const written = convoy.assemblyPointTexts?.[locale as 'ar' | 'ckb' | 'kmr' | 'en'];
  const rows: [string, ReactNode][] = [
    [t('logistics.manifest.date'), <bdi key="d">{format.date(convoy.departureDate)}</bdi>],
    [t('logistics.manifest.time'), <bdi key="t" dir="ltr">{convoy.departureTime}</bdi>],
    [t('logistics.manifest.assemblyPoint'), <bdi key="a">{written ?? convoy.assemblyPoint}</bdi>],
    [
      t('logistics.manifest.destinations'),
      <span key="dest">
        {convoy.destinationAreas.map((area, index) => (
          <span key={area.code}>
            {index > 0 ? t('common.listSeparator') : null}
            <bdi>{manifestAreaName(area, locale)}</bdi>
          </span>
        ))}
      </span>,
    ],
  ];
  if (vehicle) {
    rows.push([t('logistics.manifest.vehicle'), <span key="v">{t(`logistics.vehicleTypes.${vehicle.type}`)} <bdi dir="ltr">{vehicle.plate}</bdi></span>]);
    rows.push([t('logistics.manifest.operator'), <bdi key="o">{vehicle.operator}</bdi>]);
  }
  if (convoy.escortNotes) rows.push([t('logistics.manifest.escortNotes'), <bdi key="e">{convoy.escortNotes}</bdi>]);
  return (
    <dl className="manifest-facts">
      {rows.map(([label, value]) => (
        <div key={label} style={{ display: 'contents' }}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Totals({ totals, kind }: { totals: ManifestTotals; kind: ManifestVehicle['kind'] | 'convoy' }) {
  const { t } = useTranslation();
  const n = useNumber();
  const parts = [t('logistics.manifest.totals.families', { n: n(totals.families) })];
  if (kind !== 'cargo') parts.push(t('logistics.manifest.totals.people', { n: n(totals.people) }));
  if (kind === 'seats' || kind === 'convoy') parts.push(t('logistics.manifest.totals.seats', { n: n(totals.seats) }));
  if (kind === 'cargo' || kind === 'convoy') parts.push(t('logistics.manifest.totals.cargo', { n: n(totals.cargo) }));
  if (kind === 'stretcher' || (kind === 'convoy' && totals.stretcherPlaces > 0)) parts.push(t('logistics.manifest.totals.stretchers', { n: n(totals.stretcherPlaces) }));
  if (kind === 'ambulance_seats' || (kind === 'convoy' && totals.ambulanceSeats > 0)) parts.push(t('logistics.manifest.totals.ambulanceSeats', { n: n(totals.ambulanceSeats) }));
  return <p className="manifest-totals">{parts.join(' · ')}</p>;
}

function NotInformed({ household }: { household: ManifestHousehold }) {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  if (!household.notInformed) return null;
  const code = household.notInformed.reason ?? household.notInformed.status ?? 'no_message';
  return <span className="not-informed">{t('logistics.manifest.notInformedShort')}: {reasonText(code)}</span>;
}

const REASONS = ['no_phone', 'opted_out', 'withdrawn', 'expired', 'superseded', 'provider_failed', 'queued', 'no_message'] as const;

/** Why a family was not told, for the person who calls it. */
function useReasonText(): (code: string) => string {
  const { t } = useTranslation();
  return (code: string) => ((REASONS as readonly string[]).includes(code) ? t(`logistics.manifest.reasons.${code as (typeof REASONS)[number]}`) : code);
}

function Sheet({ manifest, vehicle }: { manifest: Manifest; vehicle: ManifestVehicle }) {
  const { t } = useTranslation();
  const { locale } = usePrefs();
  const n = useNumber();
  const cargo = vehicle.kind === 'cargo';
  return (
    <section className="manifest-sheet" aria-label={`${t(`logistics.vehicleTypes.${vehicle.type}`)} ${vehicle.plate}`} data-vehicle={vehicle.vehicleId}>
      <h2>
        <Isolated text={t('logistics.manifest.sheetTitle', { type: t(`logistics.vehicleTypes.${vehicle.type}`), plate: '{{plate}}' })} values={{ plate: vehicle.plate }} />
      </h2>
      <Facts manifest={manifest} vehicle={vehicle} />
      <Totals totals={vehicle.totals} kind={vehicle.kind} />
      <table>
        <thead>
          {cargo ? (
            <tr>
              <th>{t('logistics.manifest.caseNumber')}</th>
              <th>{t('logistics.manifest.head')}</th>
              <th>{t('logistics.manifest.people')}</th>
              <th>{t('logistics.manifest.destination')}</th>
              <th>{t('logistics.manifest.cargoShare')}</th>
              <th>{t('logistics.manifest.informed')}</th>
            </tr>
          ) : (
            <tr>
              <th>{t('logistics.manifest.caseNumber')}</th>
              <th>{t('logistics.manifest.name')}</th>
              <th>{t('logistics.manifest.age')}</th>
              <th>{t('logistics.manifest.isHead')}</th>
              <th>{t('logistics.manifest.ambulance')}</th>
              <th>{t('logistics.manifest.destination')}</th>
              <th>{t('logistics.manifest.informed')}</th>
              <th>{t('logistics.manifest.boarded')}</th>
            </tr>
          )}
        </thead>
        <tbody>
          {cargo
            ? vehicle.households.map((household) => (
                <tr key={household.householdId}>
                  <td className="case"><bdi dir="ltr">{household.caseNumber ?? ''}</bdi></td>
                  <td>{household.head ? <Names ar={household.head.fullNameAr} latin={household.head.fullNameLatin} /> : '—'}</td>
                  <td>{n(household.people)}</td>
                  <td><bdi>{manifestAreaName(household.destination, locale)}</bdi></td>
                  <td>{n(household.units / 1000)}</td>
                  <td><NotInformed household={household} /></td>
                </tr>
              ))
            : vehicle.households.flatMap((household) =>
                household.members.map((member, index) => (
                  <tr key={`${household.householdId}-${member.memberId}`}>
                    <td className="case">{index === 0 ? <bdi dir="ltr">{household.caseNumber ?? ''}</bdi> : null}</td>
                    <td><Names ar={member.fullNameAr} latin={member.fullNameLatin} /></td>
                    <td>{n(member.age)}</td>
                    <td>{member.isHead ? '✓' : ''}</td>
                    <td>{member.ambulance ? '✚' : ''}</td>
                    <td>{index === 0 ? <bdi>{manifestAreaName(household.destination, locale)}</bdi> : null}</td>
                    <td>{index === 0 ? <NotInformed household={household} /> : null}</td>
                    <td className="box" aria-label={member.checkedIn ? t('logistics.manifest.boardedYes') : t('logistics.manifest.boardedNo')}>{member.checkedIn ? '☑' : '☐'}</td>
                  </tr>
                )),
              )}
        </tbody>
      </table>
      {cargo ? null : (
        <p>
          <Isolated text={t('logistics.manifest.sheetNote', { plate: '{{plate}}', place: '{{place}}' })} values={{ plate: vehicle.plate, place: manifest.convoy.assemblyPoint }} />
        </p>
      )}
      <div className="manifest-signatures">
        <div>{t('logistics.manifest.driverSignature')}</div>
        <div>{t('logistics.manifest.officerSignature')}</div>
      </div>
    </section>
  );
}

/** The Arabic name, and under it the Latin one, each isolated. */
function Names({ ar, latin }: { ar: string | null; latin: string | null }) {
  return (
    <>
      <bdi>{ar ?? '—'}</bdi>
      {/* On a line of its own: a long Latin name broken inside an Arabic line reads in the wrong order. */}
      {latin ? <bdi dir="ltr" className="latin">{latin}</bdi> : null}
    </>
  );
}

function Summary({ manifest }: { manifest: Manifest }) {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  const n = useNumber();
  return (
    <section className="manifest-summary" aria-label={t('logistics.manifest.title')}>
      <h1>{t('logistics.manifest.title')}</h1>
      <Facts manifest={manifest} />
      <Totals totals={manifest.totals} kind="convoy" />
      {manifest.notInformed.length > 0 ? (
        <>
          <h2>{t('logistics.manifest.notInformedTitle', { n: n(manifest.notInformed.length) })}</h2>
          <ul>
            {manifest.notInformed.map((family) => (
              <li key={family.householdId}>
                <bdi dir="ltr">{family.caseNumber ?? family.householdId}</bdi>: {reasonText(family.reason ?? family.status ?? 'no_message')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {manifest.refused.length > 0 ? <p>{t('logistics.manifest.refused', { n: n(manifest.refused.length) })}</p> : null}
    </section>
  );
}

export default function ManifestPage() {
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const vehicleId = search.get('vehicle') ?? undefined;
  const { t } = useTranslation();
  const { locale } = usePrefs();
  const errorText = useLogisticsError();
  const [manifest, setManifest] = useState<Manifest | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const controller = new AbortController();
    setManifest(null);
    setError(null);
    unwrap<Manifest>(
      transportApi.GET('/convoys/{convoyId}/manifest', {
        params: { path: { convoyId: id }, query: { format: 'json', ...(vehicleId ? { vehicleId } : {}) } },
        signal: controller.signal,
      }),
    ).then(setManifest, (failure: unknown) => {
      if (!controller.signal.aborted) setError(failure);
    });
    return () => controller.abort();
  }, [id, vehicleId]);
  useEffect(() => {
    if (manifest) document.title = `${t('logistics.manifest.title')} — ${manifest.convoy.departureDate}`;
  }, [manifest, t]);
  return (
    <div className="manifest-page" lang={locale} dir={directionOf(locale)}>
      <style>{PRINT_CSS}</style>
      <nav className="manifest-toolbar" aria-label={t('logistics.manifest.tools')}>
        <RouterLink to={`/convoys/${id}`}>{t('logistics.manifest.back')}</RouterLink>
        <button type="button" className="primary" onClick={() => window.print()} disabled={!manifest}>{t('logistics.manifest.print')}</button>
        <a href={manifestCsvUrl(id, vehicleId)} download>{t('logistics.convoy.csv')}</a>
      </nav>
      <article className="manifest">
        {error ? <p role="alert">{errorText(error)}</p> : null}
        {!manifest && !error ? <p>{t('common.loading')}</p> : null}
        {manifest ? (
          <>
            {vehicleId ? null : <Summary manifest={manifest} />}
            {[...manifest.vehicles].sort(vehicleOrder).map((vehicle) => <Sheet key={`${vehicle.vehicleId}-${vehicle.kind}`} manifest={manifest} vehicle={vehicle} />)}
          </>
        ) : null}
      </article>
    </div>
  );
}
