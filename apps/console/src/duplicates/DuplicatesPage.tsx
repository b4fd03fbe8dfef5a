// Possible duplicate registrations: the two households side by side, why they were flagged, and
// the supervisor's decision (the same family: close one case; or two different families).
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Grid from '@mui/material/Grid';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { registrationApi, unwrap } from '../api/clients';
import { ApiError, fieldErrorMap } from '../api/errors';
import type { DuplicateCandidate } from '../api/types';
import { useFormat } from '../app/prefs';
import { Code, EmptyState, ErrorAlert, Loading, PageHeader, PersonName, PhoneText } from '../components/ui';
import { flagReason } from './reasons';
import { useHousehold } from '../households/queries';
import { StatusChip } from '../households/StatusChip';

function HouseholdColumn({ id, label }: { id: string; label: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const household = useHousehold(id);
  return (
    <Card variant="outlined" component="section" aria-label={label} sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="overline">{label}</Typography>
        {household.isPending ? (
          <Loading />
        ) : household.isError ? (
          <ErrorAlert error={household.error} />
        ) : (
          <Stack spacing={1}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Typography variant="h6" component="h3"><Code>{household.data.caseNumber}</Code></Typography>
              <StatusChip kind="household" status={household.data.status} />
            </Stack>
            <Typography>{t('household.camp')}: <Code>{household.data.campId}</Code></Typography>
            <Typography>{t('household.phone')}: {household.data.phone ? <PhoneText e164={household.data.phone} /> : '—'}</Typography>
            <Typography>{t('household.registeredAt')}: {format.dateTime(household.data.registeredAt)}</Typography>
            <List dense disablePadding>
              {household.data.members.map((m) => (
                <li key={m.id}>
                  <Typography variant="body2">
                    <PersonName ar={m.fullNameAr} latin={m.fullNameLatin} /> — {t(`relationship.${m.relationship}`)}, {format.number(m.age)}
                    {m.documents.map((d, i) => <span key={i}> · {t(`documentType.${d.type}`)} <Code>{d.number}</Code></span>)}
                  </Typography>
                </li>
              ))}
            </List>
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}

function Resolution({ candidate, onDone }: { candidate: DuplicateCandidate; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [decision, setDecision] = useState<'same' | 'distinct' | ''>('');
  const [closeId, setCloseId] = useState(candidate.otherHouseholdId);
  const [reason, setReason] = useState('');
  const resolve = useMutation({
    mutationFn: () =>
      unwrap(
        registrationApi.POST('/duplicates/{id}/resolution', {
          params: { path: { id: candidate.id } },
          body: { decision: decision as 'same' | 'distinct', reason: reason.trim(), ...(decision === 'same' ? { closeHouseholdId: closeId } : {}) },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['duplicates'] });
      await queryClient.invalidateQueries({ queryKey: ['household'] });
      onDone();
    },
  });
  const fields = resolve.error instanceof ApiError ? fieldErrorMap(resolve.error) : new Map<string, string[]>();
  return (
    <Paper component="form" sx={{ p: 2 }} aria-labelledby="resolution-title" onSubmit={(e) => { e.preventDefault(); if (decision && !resolve.isPending) resolve.mutate(); }}>
      <Typography id="resolution-title" component="h2" variant="h6" sx={{ mb: 1 }}>{t('duplicates.decide')}</Typography>
      <Stack spacing={2}>
        {resolve.isError && fields.size === 0 ? <ErrorAlert error={resolve.error} /> : null}
        <div>
          <FormLabel id="dup-decision">{t('duplicates.question')}</FormLabel>
          <RadioGroup aria-labelledby="dup-decision" value={decision} onChange={(e) => setDecision(e.target.value as 'same' | 'distinct')}>
            <FormControlLabel value="same" control={<Radio />} label={t('duplicates.same')} />
            <FormControlLabel value="distinct" control={<Radio />} label={t('duplicates.distinct')} />
          </RadioGroup>
        </div>
        {decision === 'same' ? (
          <div>
            <FormLabel id="dup-close">{t('duplicates.whichToClose')}</FormLabel>
            <RadioGroup aria-labelledby="dup-close" value={closeId} onChange={(e) => setCloseId(e.target.value)}>
              <FormControlLabel value={candidate.householdId} control={<Radio />} label={t('duplicates.closeFirst')} />
              <FormControlLabel value={candidate.otherHouseholdId} control={<Radio />} label={t('duplicates.closeSecond')} />
            </RadioGroup>
          </div>
        ) : null}
        <TextField id="dup-reason" label={t('duplicates.reason')} value={reason} onChange={(e) => setReason(e.target.value)} required multiline minRows={2} error={!!fields.get('reason')} helperText={fields.get('reason')?.join(' ') ?? t('duplicates.reasonHint')} />
        <div>
          <Button type="submit" variant="contained" disabled={!decision || resolve.isPending}>{t('duplicates.save')}</Button>
        </div>
      </Stack>
    </Paper>
  );
}

export default function DuplicatesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [selected, setSelected] = useState<string | null>(null);
  const [resolved, setResolved] = useState(false);
  const list = useQuery({
    queryKey: ['duplicates', 'open'],
    queryFn: () => unwrap<DuplicateCandidate[]>(registrationApi.GET('/duplicates', { params: { query: { status: 'open' } } })),
  });
  const candidate = list.data?.find((c) => c.id === selected) ?? list.data?.[0];
  const reasonText = (text: string) => {
    const reason = flagReason(text);
    if (reason.kind === 'name') return t('duplicates.reasons.name', { score: format.number(reason.score ?? 0, { maximumFractionDigits: 2 }) });
    return reason.kind ? t(`duplicates.reasons.${reason.kind}`) : reason.text;
  };

  return (
    <>
      <PageHeader title={t('duplicates.title')} subtitle={t('duplicates.subtitle')} />
      {resolved ? <Alert severity="success" sx={{ mb: 2 }} onClose={() => setResolved(false)}>{t('duplicates.resolved')}</Alert> : null}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : !candidate ? (
        <EmptyState>{t('duplicates.none')}</EmptyState>
      ) : (
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 3 }}>
            <Paper>
              <List aria-label={t('duplicates.queue')} dense>
                {list.data.map((c) => (
                  <ListItemButton key={c.id} selected={c.id === candidate.id} onClick={() => setSelected(c.id)}>
                    <ListItemText
                      primary={c.reasons.map(reasonText).join('، ')}
                      secondary={t('duplicates.score', { score: format.number(c.score, { maximumFractionDigits: 2 }) })}
                    />
                  </ListItemButton>
                ))}
              </List>
            </Paper>
          </Grid>
          <Grid size={{ xs: 12, md: 9 }}>
            <Stack spacing={2}>
              <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>
                <Typography>{t('duplicates.flaggedFor')}</Typography>
                {candidate.reasons.map((r) => <Chip key={r} size="small" label={reasonText(r)} />)}
              </Stack>
              <Grid container spacing={2}>
                <Grid size={{ xs: 12, sm: 6 }}><HouseholdColumn id={candidate.householdId} label={t('duplicates.first')} /></Grid>
                <Grid size={{ xs: 12, sm: 6 }}><HouseholdColumn id={candidate.otherHouseholdId} label={t('duplicates.second')} /></Grid>
              </Grid>
              <Resolution key={candidate.id} candidate={candidate} onDone={() => { setSelected(null); setResolved(true); }} />
            </Stack>
          </Grid>
        </Grid>
      )}
    </>
  );
}
