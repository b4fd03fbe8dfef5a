// Records one adult's decision. Withdrawal is the same dialog with its own title and a red button:
// one clear action, confirmed, and never tucked away in a menu.
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
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { registrationApi, unwrap } from '../api/clients';
import { ApiError, fieldErrorMap } from '../api/errors';
import { SubmissionKey } from '../api/submission';
import type { ConsentDecision, ConsentMethod, MemberView } from '../api/types';
import { PersonName, useErrorText } from '../components/ui';
import { householdKeys } from './queries';
import { DateField } from '../components/DateField';

/** Today in the device's time zone, YYYY-MM-DD (the date written on the consent form). */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function ConsentDialog(props: { householdId: string; member: MemberView; withdraw: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [decision, setDecision] = useState<ConsentDecision>(props.withdraw ? 'withdraw' : 'consent');
  const [decidedOn, setDecidedOn] = useState(localToday());
  const [method, setMethod] = useState<ConsentMethod>('signed_form');
  const [formReference, setFormReference] = useState('');
  const [problems, setProblems] = useState<Map<string, string[]>>(new Map());
  const submission = useRef(new SubmissionKey());

  const record = useMutation({
    mutationFn: () =>
      unwrap(
        registrationApi.POST('/households/{id}/consents', {
          params: { path: { id: props.householdId }, header: { 'Idempotency-Key': submission.current.key() } },
          body: { memberId: props.member.id, decision, decidedOn, method, ...(formReference.trim() ? { formReference: formReference.trim() } : {}) },
        }),
      ),
    onSuccess: async () => {
      submission.current.done();
      await queryClient.invalidateQueries({ queryKey: householdKeys.one(props.householdId) });
      props.onClose();
    },
    onError: (error) => setProblems(error instanceof ApiError ? fieldErrorMap(error, errorText) : new Map()),
  });

  const fieldError = (field: string) => problems.get(field)?.join(' ');
  const title = props.withdraw ? t('consent.withdrawTitle') : t('consent.recordTitle');
  return (
    <Dialog open onClose={record.isPending ? undefined : props.onClose} aria-labelledby="consent-title" fullWidth maxWidth="sm">
      <DialogTitle id="consent-title">
        {title}: <PersonName ar={props.member.fullNameAr} latin={props.member.fullNameLatin} />
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }} component="form" id="consent-form" onSubmit={(e) => { e.preventDefault(); if (!record.isPending) record.mutate(); }}>
          {props.withdraw ? <Alert severity="warning">{t('consent.withdrawWarning')}</Alert> : null}
          {record.isError ? <Alert severity="error" role="alert">{record.error instanceof ApiError && record.error.isNetwork ? t('consent.noAnswer') : errorText(record.error)}</Alert> : null}
          {props.withdraw ? null : (
            <div>
              <FormLabel id="decision-label">{t('consent.decision')}</FormLabel>
              <RadioGroup row aria-labelledby="decision-label" value={decision} onChange={(e) => setDecision(e.target.value as ConsentDecision)}>
                <FormControlLabel value="consent" control={<Radio />} label={t('consent.decisions.consent')} />
                <FormControlLabel value="decline" control={<Radio />} label={t('consent.decisions.decline')} />
              </RadioGroup>
            </div>
          )}
          <DateField id="consent-date" label={t('consent.decidedOn')} value={decidedOn} onChange={(e) => setDecidedOn(e.target.value)} required error={!!fieldError('decidedOn')} helperText={fieldError('decidedOn')} />
          <TextField select id="consent-method" label={t('consent.method')} value={method} onChange={(e) => setMethod(e.target.value as ConsentMethod)} slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}>
            <option value="signed_form">{t('consent.methods.signed_form')}</option>
            <option value="verbal_with_witness">{t('consent.methods.verbal_with_witness')}</option>
          </TextField>
          <TextField id="consent-form-reference" label={t('consent.formReference')} value={formReference} onChange={(e) => setFormReference(e.target.value)} error={!!fieldError('formReference')} helperText={fieldError('formReference')} slotProps={{ htmlInput: { dir: 'ltr' } }} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} disabled={record.isPending}>{t('common.cancel')}</Button>
        <Button type="submit" form="consent-form" variant="contained" color={props.withdraw ? 'error' : 'primary'} disabled={record.isPending}>
          {props.withdraw ? t('consent.confirmWithdraw') : t('consent.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
