// Records one adult's decision. Withdrawal is the same dialog with its own title and a red button:
// one clear action, confirmed, and never tucked away in a menu.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { registrationApi, unwrap } from '../api/clients';
import { ApiError, fieldErrorMap } from '../api/errors';
import { SubmissionKey } from '../api/submission';
import type { ConsentDecision, ConsentMethod, MemberView } from '../api/types';
import { hasRole } from '../auth/api';
import { useUser } from '../auth/session';
import { PersonName, useErrorText } from '../components/ui';
import { translateOr } from '../i18n/dynamic';
import { householdKeys, useConsents } from './queries';
import { DateField } from '../components/DateField';

/** Today in the device's time zone, YYYY-MM-DD (the date written on the consent form). */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function ConsentDialog(props: { householdId: string; campId?: string; member: MemberView; withdraw: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const user = useUser();
  // Whose consent the camp asks for (registration GET /camps/{campId}/consent-policy), said above the form.
  const policy = useQuery({
    queryKey: ['consent-policy', props.campId],
    queryFn: () => unwrap<{ campId: string; policy: string }>(registrationApi.GET('/camps/{campId}/consent-policy', { params: { path: { campId: props.campId ?? '' } } })),
    enabled: props.campId !== undefined,
    staleTime: 5 * 60_000,
    retry: false,
  });
  // A supervisor may correct a recorded decision (a data-entry mistake): the new one replaces it.
  const canCorrect = !props.withdraw && props.member.consent !== null && hasRole(user, 'supervisor', 'admin');
  const consents = useConsents(props.householdId, canCorrect);
  const corrected = (consents.data ?? []).filter((c) => c.memberId === props.member.id && !c.superseded).at(-1);
  const [correcting, setCorrecting] = useState(false);
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
          body: {
            memberId: props.member.id,
            decision,
            decidedOn,
            method,
            ...(formReference.trim() ? { formReference: formReference.trim() } : {}),
            ...(correcting && corrected ? { correctsConsentId: corrected.id } : {}),
          },
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
          {policy.data ? <Alert severity="info">{translateOr(t, `care2.policy.${policy.data.policy}`, policy.data.policy)}</Alert> : null}
          {canCorrect && corrected ? (
            <FormControlLabel
              control={<Checkbox checked={correcting} onChange={(e) => setCorrecting(e.target.checked)} />}
              label={t('care2.correct.label', { decision: translateOr(t, `consent.decisions.${corrected.decision}`, corrected.decision) })}
            />
          ) : null}
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
