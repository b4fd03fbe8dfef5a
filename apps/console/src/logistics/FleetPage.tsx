// The fleet of the camp (vehicles, what each carries, the dates each can serve) and the pool of
// families ready to travel, counted by destination, priority and the places their patients need.
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../app/prefs';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../components/ui';
import { usePool, useVehicles, type PoolHousehold, type Vehicle } from './api';
import { CampPicker, useAreaNames, useCamp, useCanPlan } from './common';
import { AddVehicleDialog, AvailabilityDialog } from './VehicleDialog';

function capacityOf(vehicle: Vehicle, t: (key: 'logistics.fleet.seats' | 'logistics.fleet.shares' | 'logistics.fleet.stretchers' | 'logistics.fleet.seated', options: { n: string }) => string, n: (value: number) => string): string {
  if (vehicle.type === 'cargo_truck') return t('logistics.fleet.shares', { n: n(vehicle.cargoCapacity ?? 0) });
  if (vehicle.type === 'ambulance') {
    const parts = [];
    if (vehicle.stretcherPlaces) parts.push(t('logistics.fleet.stretchers', { n: n(vehicle.stretcherPlaces) }));
    if (vehicle.seatedPlaces) parts.push(t('logistics.fleet.seated', { n: n(vehicle.seatedPlaces) }));
    return parts.join('، ');
  }
  return t('logistics.fleet.seats', { n: n(vehicle.seats ?? 0) });
}

function Fleet({ campId }: { campId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const canPlan = useCanPlan();
  const vehicles = useVehicles(campId);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Vehicle | null>(null);
  return (
    <section aria-labelledby="fleet-title">
      <PageHeader
        title={<span id="fleet-title">{t('logistics.fleet.title')}</span>}
        subtitle={t('logistics.fleet.subtitle')}
        actions={canPlan ? <Button variant="contained" onClick={() => setAdding(true)}>{t('logistics.fleet.add')}</Button> : undefined}
      />
      {vehicles.isPending ? <Loading /> : vehicles.isError ? <ErrorAlert error={vehicles.error} onRetry={() => void vehicles.refetch()} /> : vehicles.data.length === 0 ? (
        <EmptyState>{t('logistics.fleet.none')}</EmptyState>
      ) : (
        <TableContainer component={Paper}>
          <Table size="small" aria-label={t('logistics.fleet.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('logistics.fleet.plate')}</TableCell>
                <TableCell>{t('logistics.fleet.type')}</TableCell>
                <TableCell>{t('logistics.fleet.operator')}</TableCell>
                <TableCell>{t('logistics.fleet.carries')}</TableCell>
                <TableCell>{t('logistics.fleet.available')}</TableCell>
                {canPlan ? <TableCell /> : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {vehicles.data.map((vehicle) => (
                <TableRow key={vehicle.id}>
                  <TableCell><bdi dir="ltr">{vehicle.plate}</bdi></TableCell>
                  <TableCell>{t(`logistics.vehicleTypes.${vehicle.type}`)}</TableCell>
                  <TableCell><bdi>{vehicle.operator}</bdi></TableCell>
                  <TableCell>{capacityOf(vehicle, t, (n) => format.number(n))}</TableCell>
                  <TableCell>{vehicle.availableDates.length === 0 ? t('logistics.fleet.noDates') : vehicle.availableDates.map((d) => format.date(d)).join(t('common.listSeparator'))}</TableCell>
                  {canPlan ? (
                    <TableCell>
                      <Button size="small" onClick={() => setEditing(vehicle)} aria-label={t('logistics.fleet.setDatesOf', { plate: vehicle.plate })}>{t('logistics.fleet.setDates')}</Button>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {adding ? <AddVehicleDialog campId={campId} open onClose={() => setAdding(false)} /> : null}
      {editing ? <AvailabilityDialog vehicle={editing} onClose={() => setEditing(null)} /> : null}
    </section>
  );
}

interface Count {
  key: string;
  label: string;
  families: number;
  people: number;
}

function countBy(pool: readonly PoolHousehold[], keyOf: (household: PoolHousehold) => string[], labelOf: (key: string) => string): Count[] {
  const counts = new Map<string, Count>();
  for (const household of pool) {
    for (const key of keyOf(household)) {
      const count = counts.get(key) ?? { key, label: labelOf(key), families: 0, people: 0 };
      count.families += 1;
      count.people += household.members;
      counts.set(key, count);
    }
  }
  return [...counts.values()];
}

function CountTable({ title, counts }: { title: string; counts: Count[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <TableContainer component={Paper}>
      <Table size="small" aria-label={title}>
        <TableHead>
          <TableRow>
            <TableCell>{title}</TableCell>
            <TableCell align="right">{t('logistics.pool.families')}</TableCell>
            <TableCell align="right">{t('logistics.pool.people')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {counts.map((count) => (
            <TableRow key={count.key}>
              <TableCell><bdi>{count.label}</bdi></TableCell>
              <TableCell align="right">{format.number(count.families)}</TableCell>
              <TableCell align="right">{format.number(count.people)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

// Priority is a score (need plus waiting time); bands of ten read better than the exact figures.
const BAND = 10;

function Pool({ campId }: { campId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const pool = usePool(campId);
  const areaName = useAreaNames();
  if (pool.isPending) return <Loading />;
  if (pool.isError) return <ErrorAlert error={pool.error} onRetry={() => void pool.refetch()} />;
  const households = pool.data;
  const people = households.reduce((sum, household) => sum + household.members, 0);
  const byDestination = countBy(households, (h) => [h.destinationArea], areaName).sort((a, b) => b.families - a.families || a.label.localeCompare(b.label));
  const byPriority = countBy(
    households,
    (h) => [String(Math.floor(h.priority / BAND) * BAND)],
    (key) => t('logistics.pool.priorityBand', { from: format.number(Number(key)), to: format.number(Number(key) + BAND - 1) }),
  ).sort((a, b) => Number(b.key) - Number(a.key));
  const byNeed = countBy(
    households,
    (h) => {
      const needs = [];
      if (h.ambulancePlaces > 0) needs.push('stretcher');
      if (h.ambulanceSeats > 0) needs.push('ambulanceSeat');
      if (h.cargoShares >= 2) needs.push('largeCargo');
      return needs.length > 0 ? needs : ['none'];
    },
    (key) => t(`logistics.pool.needs.${key as 'stretcher' | 'ambulanceSeat' | 'largeCargo' | 'none'}`),
  );
  return (
    <section aria-labelledby="pool-title">
      <Typography variant="h6" component="h2" id="pool-title" sx={{ mt: 4, mb: 1 }}>{t('logistics.pool.title')}</Typography>
      <Typography sx={{ mb: 2 }} data-testid="pool-total">
        {t('logistics.pool.total', { families: format.number(households.length), people: format.number(people) })}
      </Typography>
      {households.length === 0 ? <EmptyState>{t('logistics.pool.none')}</EmptyState> : (
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 4 }}><CountTable title={t('logistics.pool.byDestination')} counts={byDestination} /></Grid>
          <Grid size={{ xs: 12, md: 4 }}><CountTable title={t('logistics.pool.byPriority')} counts={byPriority} /></Grid>
          <Grid size={{ xs: 12, md: 4 }}><CountTable title={t('logistics.pool.byNeed')} counts={byNeed} /></Grid>
        </Grid>
      )}
    </section>
  );
}

export default function FleetPage() {
  const [campId, setCampId] = useCamp();
  return (
    <>
      <CampPicker value={campId} onChange={setCampId} />
      {campId === '' ? null : (
        <>
          <Fleet campId={campId} />
          <Pool campId={campId} />
        </>
      )}
    </>
  );
}
