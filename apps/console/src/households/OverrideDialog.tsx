// A supervisor sets the household eligible or not regardless of the rules: with a reason the
// case file keeps, and optionally until a date after which the rules decide again.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { eligibilityApi, unwrap } from '../api/clients';
import { ApiError, fieldErrorMap } from '../api/errors';
import { useErrorText } from '../components/ui';
import { householdKeys } from './queries';
import { DateField } from '../components/DateField';

/** The end of the chosen day in the device's time zone, as ISO 8601. */
export function endOfLocalDay(date: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59).toISOString();
}

export function OverrideDialog({ householdId, onClose }: { householdId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<'eligible' | 'ineligible'>('eligible');
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const create = useMutation({
    mutationFn: () => {
      const expiresAt = until ? endOfLocalDay(until) : undefined;
      return unwrap(
        eligibilityApi.POST('/households/{householdId}/overrides', {
          params: { path: { householdId } },
          body: { outcome, reason: reason.trim(), ...(expiresAt ? { expiresAt } : {}) },
        }),
      );
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: householdKeys.one(householdId) });
      await queryClient.invalidateQueries({ queryKey: ['overrides'] });
      onClose();
    },
  });
  const fields = create.error instanceof ApiError ? fieldErrorMap(create.error, errorText) : new Map<string, string[]>();
  return (
    <Dialog open onClose={onClose} aria-labelledby="override-title" fullWidth maxWidth="sm">
      <DialogTitle id="override-title">{t('override.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }} component="form" id="override-form" onSubmit={(e) => { e.preventDefault(); if (!create.isPending) create.mutate(); }}>
          <Alert severity="info">{t('override.explain')}</Alert>
          {create.isError && fields.size === 0 ? <Alert severity="error" role="alert">{errorText(create.error)}</Alert> : null}
          <div>
            <FormLabel id="override-outcome">{t('override.outcome')}</FormLabel>
            <RadioGroup row aria-labelledby="override-outcome" value={outcome} onChange={(e) => setOutcome(e.target.value as 'eligible' | 'ineligible')}>
              <FormControlLabel value="eligible" control={<Radio />} label={t('status.assessment.eligible')} />
              <FormControlLabel value="ineligible" control={<Radio />} label={t('status.assessment.ineligible')} />
            </RadioGroup>
          </div>
          <TextField id="override-reason" label={t('override.reason')} value={reason} onChange={(e) => setReason(e.target.value)} required multiline minRows={2} error={!!fields.get('reason')} helperText={fields.get('reason')?.join(' ') ?? t('override.reasonHint')} />
          <DateField id="override-until" label={t('override.until')} value={until} onChange={(e) => setUntil(e.target.value)} helperText={fields.get('expiresAt')?.join(' ') ?? t('override.untilHint')} error={!!fields.get('expiresAt')} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="submit" form="override-form" variant="contained" disabled={create.isPending}>{t('override.save')}</Button>
      </DialogActions>
    </Dialog>
  );
}
