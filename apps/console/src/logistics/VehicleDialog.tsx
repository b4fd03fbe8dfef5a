// Adding a vehicle to the camp's fleet, or changing the dates it can serve. Each refusal is shown at
// its field; the dates are a list the officer builds one date at a time.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { transportApi, unwrap } from '../api/clients';
import { ApiError, fieldErrorMap } from '../api/errors';
import { useFormat } from '../app/prefs';
import { logisticsKeys, type Vehicle, type VehicleType } from './api';
import { useLogisticsError } from './common';

const TYPES: VehicleType[] = ['bus', 'minibus', 'cargo_truck', 'ambulance'];

function DatesField({ dates, onChange, error }: { dates: string[]; onChange: (dates: string[]) => void; error?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [date, setDate] = useState('');
  const add = () => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(date) && !dates.includes(date)) onChange([...dates, date].sort());
    setDate('');
  };
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <TextField id="vehicle-date" type="date" size="small" label={t('logistics.fleet.date')} value={date} onChange={(e) => setDate(e.target.value)} error={!!error} helperText={error} slotProps={{ inputLabel: { shrink: true } }} />
        <Button onClick={add} disabled={date === ''} sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}>{t('logistics.fleet.addDate')}</Button>
      </Stack>
      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }} aria-label={t('logistics.fleet.available')} role="list">
        {dates.length === 0 ? <span>{t('logistics.fleet.noDates')}</span> : null}
        {dates.map((d) => (
          <Chip key={d} role="listitem" label={format.date(d)} onDelete={() => onChange(dates.filter((x) => x !== d))} />
        ))}
      </Stack>
    </Stack>
  );
}

export function AddVehicleDialog({ campId, open, onClose }: { campId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useLogisticsError();
  const queryClient = useQueryClient();
  const [type, setType] = useState<VehicleType>('bus');
  const [plate, setPlate] = useState('');
  const [operator, setOperator] = useState('');
  const [capacity, setCapacity] = useState('');
  const [seated, setSeated] = useState('');
  const [dates, setDates] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: () => {
      const amount = capacity.trim() === '' ? undefined : Number(capacity);
      const body = {
        campId,
        type,
        plate: plate.trim(),
        operator: operator.trim(),
        availableDates: dates,
        ...(type === 'bus' || type === 'minibus' ? { seats: amount } : {}),
        ...(type === 'cargo_truck' ? { cargoCapacity: amount } : {}),
        ...(type === 'ambulance' ? { stretcherPlaces: amount, seatedPlaces: seated.trim() === '' ? undefined : Number(seated) } : {}),
      };
      return unwrap<Vehicle>(transportApi.POST('/vehicles', { body: body as never }));
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: logisticsKeys.vehicles(campId) });
      setPlate('');
      setOperator('');
      setCapacity('');
      setSeated('');
      setDates([]);
      onClose();
    },
  });
  const fields = save.error instanceof ApiError ? fieldErrorMap(save.error) : new Map<string, string[]>();
  const fieldError = (name: string) => fields.get(name)?.join(' ');
  const generalError = save.isError && fields.size === 0 ? errorText(save.error) : null;
  const capacityName = type === 'cargo_truck' ? 'cargoCapacity' : type === 'ambulance' ? 'stretcherPlaces' : 'seats';
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="vehicle-title" fullWidth maxWidth="sm">
      <DialogTitle id="vehicle-title">{t('logistics.fleet.addTitle')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {generalError ? <Alert severity="error" role="alert">{generalError}</Alert> : null}
          <TextField select id="vehicle-type" label={t('logistics.fleet.type')} value={type} onChange={(e) => setType(e.target.value as VehicleType)} slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}>
            {TYPES.map((value) => <option key={value} value={value}>{t(`logistics.vehicleTypes.${value}`)}</option>)}
          </TextField>
          <TextField id="vehicle-plate" label={t('logistics.fleet.plate')} value={plate} onChange={(e) => setPlate(e.target.value)} required error={!!fieldError('plate')} helperText={fieldError('plate')} slotProps={{ htmlInput: { dir: 'ltr' } }} />
          <TextField id="vehicle-operator" label={t('logistics.fleet.operator')} value={operator} onChange={(e) => setOperator(e.target.value)} required error={!!fieldError('operator')} helperText={fieldError('operator')} />
          <TextField
            id="vehicle-capacity"
            type="number"
            label={t(`logistics.fleet.capacity.${type}`)}
            value={capacity}
            onChange={(e) => setCapacity(e.target.value)}
            required={type !== 'ambulance'}
            error={!!fieldError(capacityName)}
            helperText={fieldError(capacityName) ?? t(`logistics.fleet.capacityHint.${type}`)}
            slotProps={{ htmlInput: { min: 0, step: type === 'cargo_truck' ? 0.1 : 1 } }}
          />
          {type === 'ambulance' ? (
            <TextField id="vehicle-seated" type="number" label={t('logistics.fleet.seatedPlaces')} value={seated} onChange={(e) => setSeated(e.target.value)} error={!!fieldError('seatedPlaces')} helperText={fieldError('seatedPlaces')} slotProps={{ htmlInput: { min: 0, step: 1 } }} />
          ) : null}
          <DatesField dates={dates} onChange={setDates} error={fieldError('availableDates')} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" onClick={() => save.mutate()} disabled={save.isPending || plate.trim() === '' || operator.trim() === ''}>
          {t('logistics.fleet.add')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function AvailabilityDialog({ vehicle, onClose }: { vehicle: Vehicle; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useLogisticsError();
  const queryClient = useQueryClient();
  const [dates, setDates] = useState<string[]>(vehicle.availableDates);
  const save = useMutation({
    mutationFn: () => unwrap<Vehicle>(transportApi.PUT('/vehicles/{vehicleId}/availability', { params: { path: { vehicleId: vehicle.id } }, body: { dates } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: logisticsKeys.vehicles(vehicle.campId) });
      onClose();
    },
  });
  return (
    <Dialog open onClose={onClose} aria-labelledby="availability-title" fullWidth maxWidth="sm">
      <DialogTitle id="availability-title">
        {t('logistics.fleet.availabilityTitle')} <bdi dir="ltr">{vehicle.plate}</bdi>
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {save.isError ? <Alert severity="error" role="alert">{errorText(save.error)}</Alert> : null}
          <DatesField dates={dates} onChange={setDates} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" onClick={() => save.mutate()} disabled={save.isPending}>{t('common.save')}</Button>
      </DialogActions>
    </Dialog>
  );
}
