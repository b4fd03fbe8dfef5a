// Consent for a household with no adult: its guardian's decision (name, relationship, phone), or a
// best-interests decision by a case worker or supervisor (reference, optional contact phone). One
// Idempotency-Key per submission, so a retry records it once; each refusal is shown at its field.
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
import type { ConsentDecision, ConsentMethod, GuardianConsentBasis } from '../api/types';
import { useErrorText } from '../components/ui';
import { localToday } from './ConsentDialog';
import { checkGuardianDraft, guardianConsentBody, type GuardianDraft } from './guardian-form';
import { householdKeys } from './queries';
import { DateField } from '../components/DateField';

export function GuardianConsentDialog(props: { householdId: string; basis: GuardianConsentBasis; canWithdraw: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<GuardianDraft>({
    basis: props.basis,
    decision: 'consent',
    decidedOn: localToday(),
    method: 'signed_form',
    fullName: '',
    relationship: '',
    phone: '',
    reference: '',
    contactPhone: '',
  });
  const [problems, setProblems] = useState<Map<string, string>>(new Map());
  const submission = useRef(new SubmissionKey());
  const set = <K extends keyof GuardianDraft>(field: K, value: GuardianDraft[K]) => setDraft((d) => ({ ...d, [field]: value }));

  const record = useMutation({
    mutationFn: () =>
      unwrap(
        registrationApi.POST('/households/{id}/guardian-consents', {
          params: { path: { id: props.householdId }, header: { 'Idempotency-Key': submission.current.key() } },
          body: guardianConsentBody(draft),
        }),
      ),
    onSuccess: async () => {
      submission.current.done();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: householdKeys.one(props.householdId) }),
        queryClient.invalidateQueries({ queryKey: householdKeys.guardianConsents(props.householdId) }),
        queryClient.invalidateQueries({ queryKey: householdKeys.timeline(props.householdId) }),
      ]);
      props.onClose();
    },
    onError: (error) => {
      const byField = new Map<string, string>();
      if (error instanceof ApiError) for (const [field, messages] of fieldErrorMap(error, errorText)) byField.set(field, messages.join(' '));
      setProblems(byField);
    },
  });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (record.isPending) return;
    const found = checkGuardianDraft(draft);
    if (found.size > 0) {
      setProblems(new Map([...found].map(([field, problem]) => [field, t(problem)])));
      return;
    }
    setProblems(new Map());
    record.mutate();
  };

  const fieldError = (field: string) => problems.get(field);
  // A field's problem goes as soon as the person changes that field (the next answer says it again if need be).
  const field = (name: string, value: string, onChange: (v: string) => void) => ({
    id: `guardian-${name.replace('.', '-')}`,
    value,
    onChange: (e: { target: { value: string } }) => {
      onChange(e.target.value);
      if (problems.has(name)) setProblems((p) => new Map([...p].filter(([key]) => key !== name)));
    },
    error: !!fieldError(name),
  });
  // A refusal about a field the form shows is at that field; any other is said above the form.
  const shown = new Set(['decidedOn', 'decision', 'method', 'guardian.fullName', 'guardian.relationship', 'guardian.phone', 'bestInterests.reference', 'bestInterests.contactPhone']);
  const elsewhere = record.isError && (!(record.error instanceof ApiError) || record.error.isNetwork || ![...problems.keys()].some((k) => shown.has(k)));
  const guardian = draft.basis === 'guardian';

  return (
    <Dialog open onClose={record.isPending ? undefined : props.onClose} aria-labelledby="guardian-title" fullWidth maxWidth="sm">
      <DialogTitle id="guardian-title">{guardian ? t('guardian.recordTitle') : t('guardian.bestInterestsTitle')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }} component="form" id="guardian-form" noValidate onSubmit={submit}>
          {elsewhere ? (
            <Alert severity="error" role="alert">
              {record.error instanceof ApiError && record.error.isNetwork ? t('guardian.noAnswer') : errorText(record.error)}
            </Alert>
          ) : null}
          {guardian ? (
            <>
              <TextField
                {...field('guardian.fullName', draft.fullName, (v) => set('fullName', v))}
                label={t('guardian.fullName')}
                required
                helperText={fieldError('guardian.fullName')}
                autoComplete="off"
                slotProps={{ htmlInput: { dir: 'auto' } }}
              />
              <TextField
                {...field('guardian.relationship', draft.relationship, (v) => set('relationship', v))}
                label={t('guardian.relationship')}
                required
                helperText={fieldError('guardian.relationship') ?? t('guardian.relationshipHint')}
                slotProps={{ htmlInput: { dir: 'auto' } }}
              />
              <TextField
                {...field('guardian.phone', draft.phone, (v) => set('phone', v))}
                label={t('guardian.phone')}
                type="tel"
                required
                helperText={fieldError('guardian.phone') ?? t('guardian.phoneHint')}
                slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'tel', autoComplete: 'off' } }}
              />
            </>
          ) : (
            <>
              <TextField
                {...field('bestInterests.reference', draft.reference, (v) => set('reference', v))}
                label={t('guardian.reference')}
                required
                helperText={fieldError('bestInterests.reference')}
                slotProps={{ htmlInput: { dir: 'ltr' } }}
              />
              <TextField
                {...field('bestInterests.contactPhone', draft.contactPhone, (v) => set('contactPhone', v))}
                label={t('guardian.contactPhone')}
                type="tel"
                helperText={fieldError('bestInterests.contactPhone') ?? t('guardian.contactPhoneHint')}
                slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'tel', autoComplete: 'off' } }}
              />
            </>
          )}
          <div>
            <FormLabel id="guardian-decision-label">{t('guardian.decision')}</FormLabel>
            <RadioGroup row aria-labelledby="guardian-decision-label" value={draft.decision} onChange={(e) => set('decision', e.target.value as ConsentDecision)}>
              <FormControlLabel value="consent" control={<Radio />} label={t('consent.decisions.consent')} />
              <FormControlLabel value="decline" control={<Radio />} label={t('consent.decisions.decline')} />
              {props.canWithdraw ? <FormControlLabel value="withdraw" control={<Radio />} label={t('consent.decisions.withdraw')} /> : null}
            </RadioGroup>
          </div>
          <DateField
            {...field('decidedOn', draft.decidedOn, (v) => set('decidedOn', v))}
            label={t('guardian.decidedOn')}
            required
            helperText={fieldError('decidedOn')}
          />
          {guardian ? (
            <TextField
              select
              id="guardian-method"
              label={t('consent.method')}
              value={draft.method}
              onChange={(e) => set('method', e.target.value as ConsentMethod)}
              error={!!fieldError('method')}
              helperText={fieldError('method')}
              slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
            >
              <option value="signed_form">{t('consent.methods.signed_form')}</option>
              <option value="verbal_with_witness">{t('consent.methods.verbal_with_witness')}</option>
            </TextField>
          ) : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} disabled={record.isPending}>{t('common.cancel')}</Button>
        <Button type="submit" form="guardian-form" variant="contained" disabled={record.isPending}>{t('guardian.save')}</Button>
      </DialogActions>
    </Dialog>
  );
}
