// Planning a date: the officer chooses the date, time, assembly point and corridors; transport
// proposes convoys (a dry run, nothing booked); the proposal is read here — buses next to the
// planner's lower bound, seats, cargo, ambulance places, families left out and why — edited (a family
// moved to another bus of its convoy, or taken out) and committed; transport checks the edits.
// A proposal overtaken by events (409 TRANSPORT.PLAN_STALE) is explained and proposed again in one click.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Checkbox from '@mui/material/Checkbox';
import FormHelperText from '@mui/material/FormHelperText';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormLabel from '@mui/material/FormLabel';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { transportApi, unwrap } from '../api/clients';
import { ApiError, fieldErrorMap } from '../api/errors';
import { useFormat } from '../app/prefs';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Code, PageHeader } from '../components/ui';
import { shortId, useCorridors, type CommittedPlan, type PlanProposal, type PlanRequest, type PlannedConvoy } from './api';
import { CampPicker, useAreaNames, useCamp, useLogisticsError, useUnplacedText } from './common';
import { editedBusLoads, editsBody, familyLabel, NO_EDITS, type PlanEditsState } from './plan-edits';

function tomorrow(): string {
  const date = new Date(Date.now() + 24 * 3600_000);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

interface EditProps {
  edits: PlanEditsState;
  onEdits: (edits: PlanEditsState) => void;
  /** A refusal of the last commit placed on a family (by its household id). */
  familyErrors: ReadonlyMap<string, string>;
}

function ConvoyCard({ convoy, proposal, index, edits, onEdits, familyErrors }: { convoy: PlannedConvoy; proposal: PlanProposal; index: number } & EditProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const areaName = useAreaNames();
  const corridors = useCorridors();
  const plates = new Map(proposal.vehicles.map((vehicle) => [vehicle.id, vehicle.plate]));
  const households = new Map(proposal.households.map((household) => [household.householdId, household]));
  const corridor = corridors.data?.find((c) => c.id === convoy.corridorId)?.name ?? convoy.corridorId;
  const stretchers = convoy.ambulances.reduce((sum, a) => sum + a.places, 0);
  const ambulanceSeats = convoy.ambulances.reduce((sum, a) => sum + a.seats, 0);
  const stretcherCapacity = convoy.ambulances.reduce((sum, a) => sum + a.stretcherPlaces, 0);
  const seatedCapacity = convoy.ambulances.reduce((sum, a) => sum + a.seatedPlaces, 0);
  const title = t('logistics.plan.convoyTitle', { n: format.number(index + 1) });
  const loads = editedBusLoads(convoy, edits);
  const busesOf = (id: string) => convoy.buses.filter((bus) => bus.households.some((part) => part.householdId === id)).map((bus) => bus.vehicleId);
  const onBoard = convoy.householdIds.filter((id) => !edits.takenOut.has(id));
  // Stays open while the officer edits (an undo must not fold it); opens by itself on a refused edit.
  const [listOpen, setListOpen] = useState(false);
  return (
    <Card component="section" aria-label={title} variant="outlined">
      <CardContent>
        <Typography variant="h6" component="h3">{title}</Typography>
        <Typography color="text.secondary">
          <bdi>{corridor}</bdi> · {convoy.destinations.map((code) => areaName(code)).join(t('common.listSeparator'))}
        </Typography>
        <Typography sx={{ mt: 1 }}>
          {t('logistics.plan.convoyFacts', {
            families: format.number(onBoard.length),
            seats: format.number([...loads.values()].reduce((sum, load) => sum + load.seatUnits, 0)),
            // A bus emptied by the moves is left out at commit.
            buses: format.number([...loads.values()].filter((load) => load.families > 0).length),
            trucks: format.number(convoy.cargoTrucks.length),
            ambulances: format.number(convoy.ambulances.length),
          })}
        </Typography>
        {convoy.ambulances.length > 0 ? (
          <Typography>
            {t('logistics.plan.ambulancePlaces', { stretchers: format.number(stretchers), stretcherCapacity: format.number(stretcherCapacity), seats: format.number(ambulanceSeats), seatedCapacity: format.number(seatedCapacity) })}
          </Typography>
        ) : null}
        <Table size="small" aria-label={t('logistics.plan.vehiclesOf', { convoy: title })} sx={{ mt: 1 }}>
          <TableHead>
            <TableRow>
              <TableCell>{t('logistics.fleet.plate')}</TableCell>
              <TableCell>{t('logistics.fleet.type')}</TableCell>
              <TableCell>{t('logistics.plan.load')}</TableCell>
              <TableCell>{t('logistics.plan.familiesOnIt')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {convoy.buses.map((bus) => (
              <TableRow key={bus.vehicleId}>
                <TableCell><bdi dir="ltr">{plates.get(bus.vehicleId) ?? shortId(bus.vehicleId)}</bdi></TableCell>
                <TableCell>{t(`logistics.vehicleTypes.${bus.type === 'minibus' ? 'minibus' : 'bus'}`)}</TableCell>
                <TableCell sx={(loads.get(bus.vehicleId)?.seatUnits ?? 0) > bus.capacity ? { color: 'error.main', fontWeight: 700 } : undefined}>
                  {t('logistics.plan.seatsUsed', { used: format.number(loads.get(bus.vehicleId)?.seatUnits ?? bus.seatUnits), capacity: format.number(bus.capacity), seats: format.number(bus.seats) })}
                  {(loads.get(bus.vehicleId)?.seatUnits ?? 0) > bus.capacity ? ` — ${t('logisticsEdit.overCapacity')}` : ''}
                </TableCell>
                <TableCell>{format.number(loads.get(bus.vehicleId)?.families ?? bus.households.length)}</TableCell>
              </TableRow>
            ))}
            {convoy.cargoTrucks.map((truck) => (
              <TableRow key={truck.vehicleId}>
                <TableCell><bdi dir="ltr">{plates.get(truck.vehicleId) ?? shortId(truck.vehicleId)}</bdi></TableCell>
                <TableCell>{t('logistics.vehicleTypes.cargo_truck')}</TableCell>
                <TableCell>{t('logistics.plan.sharesUsed', { used: format.number(truck.cargoUnits, { maximumFractionDigits: 3 }), capacity: format.number(truck.cargoCapacity) })}</TableCell>
                <TableCell>{format.number(truck.households.length)}</TableCell>
              </TableRow>
            ))}
            {convoy.ambulances.map((ambulance) => (
              <TableRow key={ambulance.vehicleId}>
                <TableCell><bdi dir="ltr">{plates.get(ambulance.vehicleId) ?? shortId(ambulance.vehicleId)}</bdi></TableCell>
                <TableCell>{t('logistics.vehicleTypes.ambulance')}</TableCell>
                <TableCell>{t('logistics.plan.ambulanceUsed', { stretchers: format.number(ambulance.places), seats: format.number(ambulance.seats) })}</TableCell>
                <TableCell>{format.number(ambulance.households.length)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {/* Every family once, under its one convoy, whatever number of buses it rides; each can move to another bus of this convoy or be taken out. */}
        <details style={{ marginTop: 8 }} open={listOpen || convoy.householdIds.some((id) => familyErrors.has(id))} onToggle={(e) => setListOpen(e.currentTarget.open)}>
          <summary>{t('logistics.plan.familyList', { n: format.number(onBoard.length) })}</summary>
          <Table size="small" aria-label={t('logisticsEdit.familiesOf', { convoy: title })}>
            <TableHead>
              <TableRow>
                <TableCell>{t('logistics.manifest.caseNumber')}</TableCell>
                <TableCell>{t('logistics.manifest.destination')}</TableCell>
                <TableCell>{t('logisticsEdit.seats')}</TableCell>
                <TableCell>{t('logisticsEdit.bus')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {convoy.householdIds.map((id) => {
                const household = households.get(id);
                const label = familyLabel(id, household?.caseNumber);
                const out = edits.takenOut.has(id);
                const current = edits.moves.get(id) ?? (busesOf(id).length === 1 ? busesOf(id)[0] ?? '' : '');
                const seated = (household?.seatUnits ?? 0) > 0 && busesOf(id).length > 0;
                const error = familyErrors.get(id);
                const toggle = () => {
                  const takenOut = new Set(edits.takenOut);
                  const moves = new Map(edits.moves);
                  if (out) takenOut.delete(id);
                  else {
                    takenOut.add(id);
                    moves.delete(id);
                  }
                  onEdits({ moves, takenOut });
                };
                const move = (vehicleId: string) => {
                  const moves = new Map(edits.moves);
                  if (vehicleId === '' || (busesOf(id).length === 1 && busesOf(id)[0] === vehicleId)) moves.delete(id);
                  else moves.set(id, vehicleId);
                  onEdits({ moves, takenOut: edits.takenOut });
                };
                return (
                  <TableRow key={id} sx={out ? { opacity: 0.6 } : undefined}>
                    <TableCell><Code>{label}</Code></TableCell>
                    <TableCell>{household ? areaName(household.destinationArea) : ''}</TableCell>
                    <TableCell>{t('logistics.plan.familySeats', { n: format.number(household?.seatUnits ?? 0) })}</TableCell>
                    <TableCell>
                      {out ? t('logisticsEdit.takenOut') : seated ? (
                        <TextField
                          select
                          size="small"
                          value={current}
                          onChange={(e) => move(e.target.value)}
                          error={error !== undefined}
                          slotProps={{ select: { native: true }, htmlInput: { 'aria-label': t('logisticsEdit.busOf', { family: label }) } }}
                        >
                          {current === '' ? <option value="">{t('logisticsEdit.severalBuses')}</option> : null}
                          {convoy.buses.map((bus) => (
                            <option key={bus.vehicleId} value={bus.vehicleId}>{plates.get(bus.vehicleId) ?? shortId(bus.vehicleId)}</option>
                          ))}
                        </TextField>
                      ) : t('logisticsEdit.noBusSeat')}
                      {error ? <FormHelperText error role="alert">{error}</FormHelperText> : null}
                    </TableCell>
                    <TableCell>
                      <Button size="small" color={out ? 'primary' : 'error'} onClick={toggle} aria-label={t(out ? 'logisticsEdit.putBackOf' : 'logisticsEdit.takeOutOf', { family: label })}>
                        {t(out ? 'logisticsEdit.putBack' : 'logisticsEdit.takeOut')}
                      </Button>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </details>
      </CardContent>
    </Card>
  );
}

function Proposal({ proposal, edits, onEdits, familyErrors }: { proposal: PlanProposal } & EditProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const areaName = useAreaNames();
  const unplacedText = useUnplacedText();
  const caseNumbers = new Map(proposal.households.map((household) => [household.householdId, household.caseNumber]));
  const { quality, convoys, unplaced } = proposal.plan;
  const destinations = new Map(proposal.households.map((household) => [household.householdId, household.destinationArea]));
  return (
    <Stack spacing={2} component="section" aria-label={t('logistics.plan.proposal')}>
      <Typography variant="h6" component="h2">{t('logistics.plan.proposal')}</Typography>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography data-testid="plan-quality">
          {t('logistics.plan.busesVsBound', { used: format.number(quality.busesUsed), bound: format.number(quality.lpBound ?? quality.lowerBound) })}
        </Typography>
        <Typography color="text.secondary">
          {quality.busesUsed <= (quality.lpBound ?? quality.lowerBound) ? t('logistics.plan.optimal') : t('logistics.plan.aboveBound')}
          {' '}
          {t('logistics.plan.utilisation', { percent: format.number(quality.seatUtilisation, { style: 'percent', maximumFractionDigits: 0 }) })}
        </Typography>
      </Paper>
      {convoys.length === 0 ? <Alert severity="info">{t('logistics.plan.noConvoy')}</Alert> : null}
      {convoys.map((convoy, index) => <ConvoyCard key={convoy.id} convoy={convoy} proposal={proposal} index={index} edits={edits} onEdits={onEdits} familyErrors={familyErrors} />)}
      {unplaced.length > 0 ? (
        <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-label={t('logistics.plan.unplacedTitle')}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700 }}>
            {t('logistics.plan.unplacedTitle')} ({format.number(unplaced.length)})
          </Typography>
          <Box component="ul" sx={{ m: 0, paddingInlineStart: 3 }}>
            {unplaced.map((family) => (
              <li key={family.householdId}>
                <Code>{familyLabel(family.householdId, caseNumbers.get(family.householdId))}</Code> — {areaName(destinations.get(family.householdId) ?? '')}: {unplacedText(family.reason.code)}
              </li>
            ))}
          </Box>
        </Paper>
      ) : null}
    </Stack>
  );
}

export default function PlanningPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useLogisticsError();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [campId, setCampId] = useCamp();
  const corridors = useCorridors();
  const [date, setDate] = useState(tomorrow);
  const [time, setTime] = useState('07:00');
  const [assemblyPoint, setAssemblyPoint] = useState('');
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [edits, setEdits] = useState<PlanEditsState>(NO_EDITS);
  const selected = chosen ?? (corridors.data ?? []).map((c) => c.id);

  const propose = useMutation({
    mutationFn: (request: PlanRequest) => unwrap<PlanProposal>(transportApi.POST('/plans', { body: request })),
    onMutate: () => setEdits(NO_EDITS),
  });
  const commit = useMutation({
    mutationFn: ({ planId, body }: { planId: string; body: ReturnType<typeof editsBody> }) =>
      unwrap<CommittedPlan>(transportApi.POST('/plans/{planId}/commit', { params: { path: { planId } }, body })),
    onSuccess: async (committed) => {
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: ['logistics'] });
      void navigate('/convoys', { state: { committed: committed.convoys.length } });
    },
    onError: () => setConfirming(false),
  });
  const request = (): PlanRequest => ({ campId, departureDate: date, departureTime: time, assemblyPoint: assemblyPoint.trim(), corridorIds: selected });
  const run = () => {
    commit.reset();
    propose.mutate(request());
  };
  const proposal = propose.data;
  const fields = propose.error instanceof ApiError ? fieldErrorMap(propose.error) : new Map<string, string[]>();
  const fieldError = (name: string) => fields.get(name)?.join(' ');
  const stale = commit.error instanceof ApiError && commit.error.code === 'TRANSPORT.PLAN_STALE';
  const sent = commit.variables?.body;
  // A refused edit names its field (moves[i].toVehicleId, takenOut[i]): shown on that family's row.
  const familyErrors = useMemo(() => {
    const map = new Map<string, string>();
    if (!(commit.error instanceof ApiError) || !commit.error.code.startsWith('TRANSPORT.PLAN_EDIT_') || !sent) return map;
    for (const { field } of commit.error.fieldErrors) {
      const match = /^(moves|takenOut)\[(\d+)\]/.exec(field);
      const householdId = match?.[1] === 'moves' ? sent.moves?.[Number(match[2])]?.householdId : match ? sent.takenOut?.[Number(match[2])] : undefined;
      if (householdId) map.set(householdId, errorText(commit.error));
    }
    return map;
  }, [commit.error, sent, errorText]);
  const editCount = edits.moves.size + edits.takenOut.size;
  const onEdits = (next: PlanEditsState) => {
    setEdits(next);
    if (!stale) commit.reset();
  };
  const toggle = (id: string) => setChosen(selected.includes(id) ? selected.filter((c) => c !== id) : [...selected, id]);

  return (
    <>
      <PageHeader title={t('logistics.plan.title')} subtitle={t('logistics.plan.subtitle')} />
      <Paper variant="outlined" sx={{ p: 2, mb: 3 }} component="form" aria-label={t('logistics.plan.formLabel')} onSubmit={(e) => { e.preventDefault(); run(); }}>
        <Stack spacing={2}>
          <CampPicker value={campId} onChange={setCampId} />
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            <TextField id="plan-date" type="date" label={t('logistics.plan.date')} value={date} onChange={(e) => setDate(e.target.value)} required error={!!fieldError('departureDate')} helperText={fieldError('departureDate')} slotProps={{ inputLabel: { shrink: true } }} />
            <TextField id="plan-time" type="time" label={t('logistics.plan.time')} value={time} onChange={(e) => setTime(e.target.value)} required error={!!fieldError('departureTime')} helperText={fieldError('departureTime')} slotProps={{ inputLabel: { shrink: true } }} />
            <TextField id="plan-assembly" label={t('logistics.plan.assemblyPoint')} value={assemblyPoint} onChange={(e) => setAssemblyPoint(e.target.value)} required error={!!fieldError('assemblyPoint')} helperText={fieldError('assemblyPoint')} sx={{ flexGrow: 1 }} />
          </Stack>
          <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
            <FormLabel component="legend">{t('logistics.plan.corridors')}</FormLabel>
            <FormGroup row>
              {(corridors.data ?? []).map((corridor) => (
                <FormControlLabel key={corridor.id} control={<Checkbox checked={selected.includes(corridor.id)} onChange={() => toggle(corridor.id)} />} label={<bdi>{corridor.name}</bdi>} />
              ))}
            </FormGroup>
          </Box>
          <Box>
            <Button type="submit" variant="contained" disabled={propose.isPending || campId === '' || assemblyPoint.trim() === '' || selected.length === 0}>
              {propose.isPending ? t('logistics.plan.proposing') : t('logistics.plan.propose')}
            </Button>
          </Box>
          {propose.isError && fields.size === 0 ? <Alert severity="error" role="alert">{errorText(propose.error)}</Alert> : null}
        </Stack>
      </Paper>
      {stale ? (
        <Alert
          severity="warning"
          role="alert"
          sx={{ mb: 2 }}
          action={<Button color="inherit" onClick={run} disabled={propose.isPending} sx={{ whiteSpace: 'nowrap' }}>{t('logistics.plan.proposeAgain')}</Button>}
        >
          {t('logistics.plan.stale')}
        </Alert>
      ) : commit.isError ? (
        <Alert severity="error" role="alert" sx={{ mb: 2 }}>{errorText(commit.error)}</Alert>
      ) : null}
      {proposal && !propose.isPending ? (
        <>
          <Proposal proposal={proposal} edits={edits} onEdits={onEdits} familyErrors={familyErrors} />
          {editCount > 0 ? (
            <Alert
              severity="info"
              sx={{ mt: 2 }}
              action={<Button color="inherit" onClick={() => onEdits(NO_EDITS)} sx={{ whiteSpace: 'nowrap' }}>{t('logisticsEdit.undo')}</Button>}
            >
              {t('logisticsEdit.edited', { moved: format.number(edits.moves.size), out: format.number(edits.takenOut.size) })}
            </Alert>
          ) : null}
          <Box sx={{ mt: 2 }}>
            <Button variant="contained" color="success" onClick={() => setConfirming(true)} disabled={proposal.plan.convoys.length === 0 || commit.isPending || stale}>
              {t('logistics.plan.commit')}
            </Button>
          </Box>
        </>
      ) : null}
      <ConfirmDialog
        open={confirming && proposal !== undefined}
        title={t('logistics.plan.commitTitle')}
        confirmLabel={t('logistics.plan.commit')}
        busy={commit.isPending}
        onClose={() => setConfirming(false)}
        onConfirm={() => proposal && commit.mutate({ planId: proposal.planId, body: editsBody(edits) })}
      >
        {t('logistics.plan.commitText', { families: proposal ? proposal.plan.convoys.reduce((sum, c) => sum + c.householdIds.filter((id) => !edits.takenOut.has(id)).length, 0) : 0 })}
      </ConfirmDialog>
    </>
  );
}
