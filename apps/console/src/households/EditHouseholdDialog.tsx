// Changes the household's details with If-Match: the version the case worker saw. If someone else
// changed it in between, nothing is overwritten: the dialog says so and offers to reload.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { registrationApi, unwrap } from '../api/clients';
import { ApiError, fieldErrorMap } from '../api/errors';
import type { HouseholdView, Language } from '../api/types';
import { useErrorText } from '../components/ui';
import { toLatinDigits } from '../i18n/format';
import { AreaField } from './AreaField';
import { householdKeys } from './queries';
import { LANGUAGES } from './register-form';

export function isVersionConflict(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 412 || error.status === 409) && error.code.endsWith('VERSION_CONFLICT');
}

export function EditHouseholdDialog({ household, onClose, onSaved }: { household: HouseholdView; onClose: () => void; onSaved?: (warnings: string[]) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [caseNumber, setCaseNumber] = useState(household.caseNumber);
  const [destinationArea, setDestinationArea] = useState(household.destinationArea);
  const [phone, setPhone] = useState(household.phone ?? '');
  const [language, setLanguage] = useState<Language>(household.language);
  const [shelterLocation, setShelterLocation] = useState(household.shelterLocation ?? '');

  const save = useMutation({
    mutationFn: () => {
      const body: Record<string, unknown> = {};
      if (caseNumber.trim() !== household.caseNumber) body['caseNumber'] = toLatinDigits(caseNumber.trim());
      if (destinationArea !== household.destinationArea) body['destinationArea'] = destinationArea;
      const typedPhone = toLatinDigits(phone.trim());
      if (typedPhone !== (household.phone ?? '')) body['phone'] = typedPhone === '' ? null : typedPhone;
      if (language !== household.language) body['language'] = language;
      if (shelterLocation.trim() !== (household.shelterLocation ?? '')) body['shelterLocation'] = shelterLocation.trim() === '' ? null : shelterLocation.trim();
      return unwrap<HouseholdView>(
        registrationApi.PATCH('/households/{id}', {
          params: { path: { id: household.id }, header: { 'If-Match': `"${household.version}"` } },
          // The generated type says `Record<string, never> | null` for nullable strings (no schema type yet).
          body: body as never,
        }),
      );
    },
    onSuccess: async (updated) => {
      queryClient.setQueryData(householdKeys.one(household.id), updated);
      await queryClient.invalidateQueries({ queryKey: householdKeys.timeline(household.id) });
      onSaved?.((updated.warnings ?? []).map((w) => w.code));
      onClose();
    },
  });

  const conflict = isVersionConflict(save.error);
  const fields = save.error instanceof ApiError ? fieldErrorMap(save.error, errorText) : new Map<string, string[]>();
  const fieldError = (field: string) => fields.get(field)?.join(' ');
  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: householdKeys.one(household.id) });
    onClose();
  };

  return (
    <Dialog open onClose={save.isPending ? undefined : onClose} aria-labelledby="edit-title" fullWidth maxWidth="sm">
      <DialogTitle id="edit-title">{t('edit.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }} component="form" id="edit-form" onSubmit={(e) => { e.preventDefault(); if (!save.isPending) save.mutate(); }}>
          {conflict ? (
            <Alert severity="warning" role="alert" action={<Button color="inherit" onClick={() => void reload()}>{t('edit.reload')}</Button>}>
              {t('edit.conflict')}
            </Alert>
          ) : save.isError && fields.size === 0 ? (
            <Alert severity="error" role="alert">{errorText(save.error)}</Alert>
          ) : null}
          <TextField id="edit-caseNumber" label={t('household.caseNumber')} value={caseNumber} onChange={(e) => setCaseNumber(e.target.value)} error={!!fieldError('caseNumber')} helperText={fieldError('caseNumber')} slotProps={{ htmlInput: { dir: 'ltr' } }} />
          <AreaField id="edit-destinationArea" value={destinationArea} onChange={setDestinationArea} error={fieldError('destinationArea')} />
          <TextField id="edit-phone" type="tel" label={t('household.phone')} value={phone} onChange={(e) => setPhone(e.target.value)} error={!!fieldError('phone')} helperText={fieldError('phone')} slotProps={{ htmlInput: { dir: 'ltr' } }} />
          <TextField select id="edit-language" label={t('household.language')} value={language} onChange={(e) => setLanguage(e.target.value as Language)} slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}>
            {LANGUAGES.map((l) => <option key={l} value={l}>{t(`languages.${l}`)}</option>)}
          </TextField>
          <TextField id="edit-shelterLocation" label={t('household.shelter')} value={shelterLocation} onChange={(e) => setShelterLocation(e.target.value)} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={save.isPending}>{t('common.cancel')}</Button>
        <Button type="submit" form="edit-form" variant="contained" disabled={save.isPending || conflict}>{t('common.save')}</Button>
      </DialogActions>
    </Dialog>
  );
}
