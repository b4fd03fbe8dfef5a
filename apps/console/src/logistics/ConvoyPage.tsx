// One convoy: its state, vehicles with the places used, and on each vehicle the families (names from
// the manifest, read at the moment the page is opened). A logistics officer confirms or cancels the
// convoy, moves a family to another bus or convoy or takes it off (each asked first), prints the
// manifest of the convoy or of one vehicle, downloads it as CSV, and goes to boarding.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import { transportApi, unwrap } from '../api/clients';
import { usePrefs, useFormat } from '../app/prefs';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Code, ErrorAlert, Loading, PageHeader, PersonName } from '../components/ui';
import { manifestCsvUrl, shortId, vehicleOrder, useConvoy, useConvoys, useManifest, type ConvoyVehicle, type ConvoyView, type ManifestHousehold } from './api';
import { ConvoyStatusChip, Isolated, manifestAreaName, useAreaNames, useCanPlan, useLogisticsError } from './common';

const OPEN = ['planned', 'confirmed', 'boarding'];

type Action = { kind: 'confirm' } | { kind: 'cancel' } | { kind: 'move'; household: ManifestHousehold } | { kind: 'unassign'; household: ManifestHousehold };

function UnitsText({ vehicle }: { vehicle: ConvoyVehicle }) {
  const { t } = useTranslation();
  const format = useFormat();
  const n = (value: number) => format.number(value, { maximumFractionDigits: 3 });
  const values = { used: n(vehicle.used), capacity: n(vehicle.capacity), free: n(vehicle.free) };
  if (vehicle.kind === 'seats') return <>{t('logistics.convoy.units.seats', values)}</>;
  if (vehicle.kind === 'cargo') return <>{t('logistics.convoy.units.cargo', values)}</>;
  if (vehicle.kind === 'stretcher') return <>{t('logistics.convoy.units.stretcher', values)}</>;
  return <>{t('logistics.convoy.units.ambulance_seats', values)}</>;
}

function MoveFields({ convoy, household, target, onTarget }: { convoy: ConvoyView; household: ManifestHousehold; target: string; onTarget: (value: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const convoys = useConvoys();
  const others = (convoys.data ?? []).filter((c) => c.id !== convoy.id && c.campId === convoy.campId && OPEN.includes(c.status) && c.destinations.includes(household.destinationArea));
  return (
    <TextField select id="move-target" fullWidth label={t('logistics.convoy.moveTo')} value={target} onChange={(e) => onTarget(e.target.value)} slotProps={{ select: { native: true }, inputLabel: { shrink: true } }} sx={{ mt: 2 }}>
      <option value="">{t('common.choose')}</option>
      {convoy.vehicles.filter((v) => v.kind === 'seats').map((vehicle) => (
        <option key={vehicle.vehicleId} value={`${convoy.id}/${vehicle.vehicleId}`}>
          {t('logistics.convoy.moveToBus', { plate: vehicle.plate, free: format.number(vehicle.free) })}
        </option>
      ))}
      {others.map((other) => (
        <option key={other.id} value={other.id}>
          {t('logistics.convoy.moveToConvoy', { date: format.date(other.departureDate), time: other.departureTime })}
        </option>
      ))}
    </TextField>
  );
}

function VehicleCard({ convoy, vehicle, households, onAction }: { convoy: ConvoyView; vehicle: ConvoyVehicle; households: ManifestHousehold[]; onAction: (action: Action) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { locale } = usePrefs();
  const canPlan = useCanPlan();
  const open = OPEN.includes(convoy.status);
  const title = `${t(`logistics.vehicleTypes.${vehicle.type}`)} `;
  return (
    <Card variant="outlined" component="section" aria-label={`${title}${vehicle.plate}`}>
      <CardContent>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline', flexWrap: 'wrap' }}>
          <Typography variant="h6" component="h3">{title}<bdi dir="ltr">{vehicle.plate}</bdi></Typography>
          <Typography color="text.secondary"><bdi>{vehicle.operator}</bdi></Typography>
          <Typography><UnitsText vehicle={vehicle} /></Typography>
          <Box sx={{ flexGrow: 1 }} />
          <Link component={RouterLink} to={`/convoys/${convoy.id}/manifest?vehicle=${vehicle.vehicleId}`}>
            <Isolated text={t('logistics.convoy.vehicleManifest', { plate: '{{plate}}' })} values={{ plate: vehicle.plate }} />
          </Link>
        </Stack>
        {households.length === 0 ? <Typography color="text.secondary">{t('logistics.convoy.empty')}</Typography> : (
          <Table size="small" aria-label={t('logistics.convoy.familiesOf', { plate: vehicle.plate })}>
            <TableHead>
              <TableRow>
                <TableCell>{t('logistics.manifest.caseNumber')}</TableCell>
                <TableCell>{t('logistics.manifest.head')}</TableCell>
                <TableCell>{t('logistics.manifest.people')}</TableCell>
                <TableCell>{t('logistics.manifest.destination')}</TableCell>
                {canPlan && open && vehicle.kind === 'seats' ? <TableCell /> : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {households.map((household) => (
                <TableRow key={household.householdId}>
                  <TableCell><Code>{household.caseNumber ?? shortId(household.householdId)}</Code></TableCell>
                  <TableCell>{household.head ? <PersonName ar={household.head.fullNameAr} latin={household.head.fullNameLatin} /> : '—'}</TableCell>
                  <TableCell>{format.number(household.people)}</TableCell>
                  <TableCell><bdi>{manifestAreaName(household.destination, locale)}</bdi></TableCell>
                  {canPlan && open && vehicle.kind === 'seats' ? (
                    <TableCell>
                      <Stack direction="row" spacing={1}>
                        <Button size="small" onClick={() => onAction({ kind: 'move', household })} aria-label={t('logistics.convoy.moveOf', { caseNumber: household.caseNumber ?? '' })}>{t('logistics.convoy.move')}</Button>
                        <Button size="small" color="error" onClick={() => onAction({ kind: 'unassign', household })} aria-label={t('logistics.convoy.unassignOf', { caseNumber: household.caseNumber ?? '' })}>{t('logistics.convoy.unassign')}</Button>
                      </Stack>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

export default function ConvoyPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useLogisticsError();
  const areaName = useAreaNames();
  const canPlan = useCanPlan();
  const queryClient = useQueryClient();
  const convoy = useConvoy(id);
  const manifest = useManifest(id);
  const [action, setAction] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const [target, setTarget] = useState('');
  const act = useMutation({
    mutationFn: (current: Action) => {
      const convoyId = id;
      switch (current.kind) {
        case 'confirm':
          return unwrap(transportApi.POST('/convoys/{convoyId}/confirm', { params: { path: { convoyId } } }));
        case 'cancel':
          return unwrap(transportApi.POST('/convoys/{convoyId}/cancel', { params: { path: { convoyId } }, body: { reason: reason.trim() } }));
        case 'move': {
          const [toConvoy = '', vehicleId] = target.split('/');
          return unwrap(transportApi.POST('/households/{householdId}/move', { params: { path: { householdId: current.household.householdId } }, body: { convoyId: toConvoy, ...(vehicleId ? { vehicleId } : {}) } }));
        }
        case 'unassign':
          return unwrap(transportApi.POST('/households/{householdId}/unassign', { params: { path: { householdId: current.household.householdId } } }));
      }
    },
    onSuccess: async () => {
      setAction(null);
      setReason('');
      setTarget('');
      await queryClient.invalidateQueries({ queryKey: ['logistics'] });
    },
  });
  const close = () => {
    setAction(null);
    act.reset();
  };
  if (convoy.isPending) return <Loading />;
  if (convoy.isError) return <ErrorAlert error={convoy.error} onRetry={() => void convoy.refetch()} />;
  const view = convoy.data;
  const open = OPEN.includes(view.status);
  const sheets = new Map((manifest.data?.vehicles ?? []).map((vehicle) => [`${vehicle.vehicleId}-${vehicle.kind}`, vehicle.households]));
  const title = t('logistics.convoy.title', { date: format.date(view.departureDate) });
  return (
    <>
      <PageHeader
        title={<>{title} <bdi dir="ltr">{view.departureTime}</bdi></>}
        subtitle={<>{view.destinations.map(areaName).join(t('common.listSeparator'))} · <bdi>{view.assemblyPoint}</bdi></>}
        actions={
          <>
            <Button variant="outlined" component={RouterLink} to={`/convoys/${id}/manifest`}>{t('logistics.convoy.manifest')}</Button>
            <Button variant="outlined" component="a" href={manifestCsvUrl(id)} download>{t('logistics.convoy.csv')}</Button>
            <Button variant="outlined" component={RouterLink} to={`/boarding/${id}`}>{t('logistics.convoy.boarding')}</Button>
            {canPlan && view.status === 'planned' ? <Button variant="contained" onClick={() => setAction({ kind: 'confirm' })}>{t('logistics.convoy.confirm')}</Button> : null}
            {canPlan && open ? <Button variant="contained" color="error" onClick={() => setAction({ kind: 'cancel' })}>{t('logistics.convoy.cancel')}</Button> : null}
          </>
        }
      />
      <Stack direction="row" spacing={2} sx={{ mb: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography component="span">{t('logistics.board.state')}:</Typography>
        <ConvoyStatusChip status={view.status} />
        <Typography>{t('logistics.convoy.familyCount', { n: format.number(view.households.filter((h) => h.status !== 'released').length) })}</Typography>
        {view.cancelReason ? <Typography color="error"><Isolated text={t('logistics.convoy.cancelledBecause', { reason: '{{reason}}' })} values={{ reason: view.cancelReason }} /></Typography> : null}
      </Stack>
      {act.isSuccess ? <Alert severity="success" sx={{ mb: 2 }}>{t('logistics.convoy.done')}</Alert> : null}
      {manifest.isError ? <Box sx={{ mb: 2 }}><ErrorAlert error={manifest.error} onRetry={() => void manifest.refetch()} /></Box> : null}
      {manifest.isPending ? <Loading /> : null}
      <Stack spacing={2}>
        {[...view.vehicles].sort(vehicleOrder).map((vehicle) => (
          <VehicleCard key={`${vehicle.vehicleId}-${vehicle.kind}`} convoy={view} vehicle={vehicle} households={sheets.get(`${vehicle.vehicleId}-${vehicle.kind}`) ?? []} onAction={setAction} />
        ))}
      </Stack>
      <ConfirmDialog
        open={action !== null}
        title={action ? t(`logistics.convoy.ask.${action.kind}.title`) : ''}
        confirmLabel={action ? t(`logistics.convoy.ask.${action.kind}.button`) : ''}
        danger={action?.kind === 'cancel' || action?.kind === 'unassign'}
        busy={act.isPending || (action?.kind === 'cancel' && reason.trim().length < 3) || (action?.kind === 'move' && target === '')}
        onClose={close}
        onConfirm={() => action && act.mutate(action)}
      >
        {action ? (
          <>
            <Typography>
              {action.kind === 'move' || action.kind === 'unassign' ? (
                <Isolated text={t(`logistics.convoy.ask.${action.kind}.text`, { caseNumber: '{{caseNumber}}' })} values={{ caseNumber: action.household.caseNumber ?? '' }} />
              ) : (
                t(`logistics.convoy.ask.${action.kind}.text`)
              )}
            </Typography>
            {act.isError ? <Alert severity="error" role="alert" sx={{ mt: 2 }}>{errorText(act.error)}</Alert> : null}
            {action.kind === 'cancel' ? (
              <TextField id="cancel-reason" fullWidth sx={{ mt: 2 }} label={t('logistics.convoy.cancelReason')} value={reason} onChange={(e) => setReason(e.target.value)} required multiline minRows={2} />
            ) : null}
            {action.kind === 'move' ? <MoveFields convoy={view} household={action.household} target={target} onTarget={setTarget} /> : null}
          </>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
