// Register a household: the household's details, then each member. Checked before sending (no
// round trip for a missing name), sent once with an Idempotency-Key kept across retries, and each
// refusal of the service shown next to the field it is about.
import AddIcon from '@mui/icons-material/PersonAddAlt';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { registrationApi, unwrap } from '../api/clients';
import { ApiError, fieldErrorMap } from '../api/errors';
import { SubmissionKey } from '../api/submission';
import type { HouseholdView, Language } from '../api/types';
import { useUser } from '../auth/session';
import { PageHeader, useErrorText } from '../components/ui';
import { AreaField } from './AreaField';
import { CampField, defaultCamp } from './CampField';
import { MemberFields } from './MemberFields';
import { householdKeys } from './queries';
import { FIELD_OF_CODE, LANGUAGES, checkHousehold, emptyHousehold, emptyMember, householdBody, type HouseholdDraft } from './register-form';

export default function RegisterPage() {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [draft, setDraft] = useState<HouseholdDraft>(() => emptyHousehold(defaultCamp(user.camps)));
  const [problems, setProblems] = useState<Map<string, string>>(new Map());
  const [summary, setSummary] = useState<string | null>(null);
  const submission = useRef(new SubmissionKey());
  const formRef = useRef<HTMLFormElement>(null);

  const register = useMutation({
    mutationFn: (body: ReturnType<typeof householdBody>) =>
      unwrap<HouseholdView>(registrationApi.POST('/households', { body, params: { header: { 'Idempotency-Key': submission.current.key() } } })),
    onSuccess: (household) => {
      submission.current.done();
      queryClient.setQueryData(householdKeys.one(household.id), household);
      void queryClient.invalidateQueries({ queryKey: ['households'] });
      navigate(`/households/${household.id}`, { state: { registered: true, warnings: (household.warnings ?? []).map((w) => w.code) } });
    },
    onError: (error) => {
      if (error instanceof ApiError && !error.isNetwork) {
        const byField = new Map<string, string>();
        for (const [field, messages] of fieldErrorMap(error, errorText)) byField.set(field, messages.join(' '));
        const field = FIELD_OF_CODE[error.code];
        if (field && !byField.has(field)) byField.set(field, errorText(error));
        setProblems(byField);
        focusFirstProblem(byField);
        setSummary(error.code === 'VALIDATION_FAILED' ? t('register.fixFields') : errorText(error));
      } else {
        // No answer: the household may be saved. The same key goes with the next try, so it cannot be saved twice.
        setSummary(t('register.noAnswer'));
      }
    },
  });

  const focusFirstProblem = (byField: Map<string, string>) => {
    const first = [...byField.keys()][0];
    if (!first) return;
    const match = /^members\.(\d+)\.(\w+)/.exec(first);
    const elementId = match ? `member-${match[1]}-${match[2]}` : `household-${first}`;
    requestAnimationFrame(() => document.getElementById(elementId)?.focus());
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (register.isPending) return;
    const found = checkHousehold(draft);
    if (found.size > 0) {
      const texts = new Map([...found].map(([field, problem]) => [field, t(problem)]));
      setProblems(texts);
      setSummary(t('register.fixFields'));
      focusFirstProblem(texts);
      return;
    }
    setProblems(new Map());
    setSummary(null);
    register.mutate(householdBody(draft));
  };

  const set = <K extends keyof HouseholdDraft>(field: K, value: HouseholdDraft[K]) => setDraft((d) => ({ ...d, [field]: value }));
  const errorOf = (field: string) => problems.get(field);

  return (
    <>
      <PageHeader title={t('register.title')} subtitle={t('register.subtitle')} />
      <Box component="form" ref={formRef} onSubmit={submit} noValidate aria-label={t('register.title')}>
        <Stack spacing={3}>
          {summary ? <Alert severity={register.isError && !(register.error instanceof ApiError && !register.error.isNetwork) ? 'warning' : 'error'} role="alert">{summary}</Alert> : null}
          <Paper sx={{ p: 2 }}>
            <Typography component="h2" variant="h6" sx={{ mb: 2 }}>{t('register.householdSection')}</Typography>
            <Grid container spacing={2}>
              <Grid size={{ xs: 12, sm: 6 }}>
                <CampField id="household-campId" value={draft.campId} onChange={(v) => set('campId', v)} error={errorOf('campId')} />
              </Grid>
              <Grid size={{ xs: 12, sm: 6 }}>
                <TextField id="household-caseNumber" label={t('household.caseNumber')} value={draft.caseNumber} onChange={(e) => set('caseNumber', e.target.value)} required error={!!errorOf('caseNumber')} helperText={errorOf('caseNumber')} slotProps={{ htmlInput: { dir: 'ltr' } }} />
              </Grid>
              <Grid size={{ xs: 12, sm: 6 }}>
                <AreaField id="household-destinationArea" value={draft.destinationArea} onChange={(v) => set('destinationArea', v)} error={errorOf('destinationArea')} required />
              </Grid>
              <Grid size={{ xs: 12, sm: 6 }}>
                <TextField id="household-shelterLocation" label={t('household.shelter')} value={draft.shelterLocation} onChange={(e) => set('shelterLocation', e.target.value)} error={!!errorOf('shelterLocation')} helperText={errorOf('shelterLocation')} />
              </Grid>
              <Grid size={{ xs: 12, sm: 6 }}>
                <TextField id="household-phone" label={t('household.phone')} type="tel" value={draft.phone} onChange={(e) => set('phone', e.target.value)} error={!!errorOf('phone')} helperText={errorOf('phone') ?? t('register.phoneHint')} slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'tel', autoComplete: 'off' } }} />
              </Grid>
              <Grid size={{ xs: 12, sm: 6 }}>
                <TextField
                  select
                  id="household-language"
                  label={t('household.language')}
                  value={draft.language}
                  onChange={(e) => set('language', e.target.value as Language)}
                  helperText={t('register.languageHint')}
                  slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
                >
                  {LANGUAGES.map((l) => <option key={l} value={l}>{t(`languages.${l}`)}</option>)}
                </TextField>
              </Grid>
            </Grid>
          </Paper>
          <Typography component="h2" variant="h6">{t('register.membersSection')}</Typography>
          {errorOf('members') ? <Alert severity="error">{errorOf('members')}</Alert> : null}
          {draft.members.map((member, index) => (
            <MemberFields
              key={member.key}
              index={index}
              member={member}
              onChange={(changed) => set('members', draft.members.map((m, i) => (i === index ? changed : m)))}
              onRemove={draft.members.length > 1 ? () => set('members', draft.members.filter((_, i) => i !== index)) : undefined}
              errorOf={(field) => errorOf(`members.${index}.${field}`)}
            />
          ))}
          <Box>
            <Button startIcon={<AddIcon />} onClick={() => set('members', [...draft.members, emptyMember()])}>{t('register.addMember')}</Button>
          </Box>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Button type="submit" variant="contained" size="large" disabled={register.isPending}>
              {register.isPending ? t('register.saving') : t('register.submit')}
            </Button>
            <Typography color="text.secondary" variant="body2">{t('register.onceOnly')}</Typography>
          </Stack>
        </Stack>
      </Box>
    </>
  );
}
