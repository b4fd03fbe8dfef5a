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
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { registrationApi, unwrap } from '../api/clients';
import { ApiError, fieldErrorMap } from '../api/errors';
import { SubmissionKey } from '../api/submission';
import type { DuplicateCandidate, DuplicatePage, HouseholdStatus } from '../api/types';
import { useFormat } from '../app/prefs';
import { Code, EmptyState, ErrorAlert, Loading, PageHeader, PersonName, PhoneText, useErrorText } from '../components/ui';
import { flagReason } from './reasons';
import { useHousehold } from '../households/queries';
import { StatusChip } from '../households/StatusChip';

function HouseholdColumn({ id, label, note }: { id: string; label: string; note?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const household = useHousehold(id);
  return (
    <Card variant="outlined" component="section" aria-label={label} sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="overline" component="h3">{label}</Typography>
        {note ? <Chip size="small" color="info" label={note} sx={{ mb: 1 }} /> : null}
        {household.isPending ? (
          <Loading />
        ) : household.isError ? (
          <ErrorAlert error={household.error} />
        ) : (
          <Stack spacing={1}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Typography variant="h6" component="p"><Code>{household.data.caseNumber}</Code></Typography>
              <StatusChip kind="household" status={household.data.status} />
            </Stack>
            <Typography>{t('household.camp')}: <Code>{household.data.campId}</Code></Typography>
            <Typography>{t('household.phone')}: {household.data.phone ? <PhoneText e164={household.data.phone} /> : '—'}</Typography>
            <Typography>{t('household.registeredAt')}: {format.dateTime(household.data.registeredAt)}</Typography>
            <List dense disablePadding>
              {household.data.members.map((m) => (
                <li key={m.id}>
                  <Typography variant="body2">
                    <PersonName ar={m.fullNameAr} latin={m.fullNameLatin} /> — {t(`relationship.${m.relationship}`)}{t('common.listSeparator')}{format.number(m.age)}
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

function Resolution({ candidate, onDone }: { candidate: DuplicateCandidate; onDone: (answer: DuplicateCandidate) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const proposal = candidate.mergeProposal;
  const [decision, setDecision] = useState<'same' | 'distinct' | ''>('');
  // The record that stays: another camp's proposal first (agreeing needs the same choice), else the first registration.
  const [keepId, setKeepId] = useState(proposal?.keepHouseholdId ?? candidate.householdId);
  const [reason, setReason] = useState('');
  const submission = useRef(new SubmissionKey());
  const resolve = useMutation({
    mutationFn: () =>
      unwrap<DuplicateCandidate>(
        registrationApi.POST('/duplicates/{id}/resolution', {
          params: { path: { id: candidate.id }, header: { 'Idempotency-Key': submission.current.key() } },
          body: { decision: decision as 'same' | 'distinct', reason: reason.trim(), ...(decision === 'same' ? { keepHouseholdId: keepId } : {}) },
        }),
      ),
    onSuccess: async (answer) => {
      submission.current.done();
      await queryClient.invalidateQueries({ queryKey: ['duplicates'] });
      await queryClient.invalidateQueries({ queryKey: ['household'] });
      onDone(answer);
    },
  });
  const fields = resolve.error instanceof ApiError ? fieldErrorMap(resolve.error, errorText) : new Map<string, string[]>();
  const fieldText = (field: string) => fields.get(field)?.join(' ');
  const shownAtField = ['reason', 'keepHouseholdId', 'decision'].some((f) => fields.has(f));
  return (
    <Paper component="form" sx={{ p: 2 }} aria-labelledby="resolution-title" onSubmit={(e) => { e.preventDefault(); if (decision && !resolve.isPending) resolve.mutate(); }}>
      <Typography id="resolution-title" component="h2" variant="h6" sx={{ mb: 1 }}>{t('duplicates.decide')}</Typography>
      <Stack spacing={2}>
        {resolve.isError && !shownAtField ? <ErrorAlert error={resolve.error} /> : null}
        <div>
          <FormLabel id="dup-decision">{t('duplicates.question')}</FormLabel>
          <RadioGroup aria-labelledby="dup-decision" value={decision} onChange={(e) => setDecision(e.target.value as 'same' | 'distinct')}>
            <FormControlLabel value="same" control={<Radio />} label={t('duplicates.same')} />
            <FormControlLabel value="distinct" control={<Radio />} label={t('duplicates.distinct')} />
          </RadioGroup>
        </div>
        {decision === 'same' ? (
          <div>
            <FormLabel id="dup-keep">{t('duplicates.whichToKeep')}</FormLabel>
            <RadioGroup aria-labelledby="dup-keep" value={keepId} onChange={(e) => setKeepId(e.target.value)}>
              <FormControlLabel value={candidate.householdId} control={<Radio />} label={t('duplicates.keepFirst')} />
              <FormControlLabel value={candidate.otherHouseholdId} control={<Radio />} label={t('duplicates.keepSecond')} />
            </RadioGroup>
            <Typography variant="body2" color={fieldText('keepHouseholdId') ? 'error' : 'text.secondary'}>
              {fieldText('keepHouseholdId') ?? t('duplicates.keepHint')}
            </Typography>
          </div>
        ) : null}
        <TextField id="dup-reason" label={t('duplicates.reason')} value={reason} onChange={(e) => setReason(e.target.value)} required multiline minRows={2} error={!!fieldText('reason')} helperText={fieldText('reason') ?? t('duplicates.reasonHint')} />
        <div>
          <Button type="submit" variant="contained" disabled={!decision || resolve.isPending}>{t('duplicates.save')}</Button>
        </div>
      </Stack>
    </Paper>
  );
}

const PAGE_SIZE = 25;

export default function DuplicatesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [selected, setSelected] = useState<string | null>(null);
  const [saved, setSaved] = useState<'resolved' | 'proposed' | null>(null);
  const list = useInfiniteQuery({
    queryKey: ['duplicates', 'open'],
    queryFn: ({ pageParam }) =>
      unwrap<DuplicatePage>(
        registrationApi.GET('/duplicates', { params: { query: { status: 'open', limit: PAGE_SIZE, ...(pageParam ? { after: pageParam } : {}) } } }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextAfter ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const candidate = items.find((c) => c.id === selected) ?? items[0];
  const reasonText = (text: string) => {
    const reason = flagReason(text);
    if (reason.kind === 'name') return t('duplicates.reasons.name', { score: format.number(reason.score ?? 0, { maximumFractionDigits: 2 }) });
    return reason.kind ? t(`duplicates.reasons.${reason.kind}`) : reason.text;
  };
  const statusNote = (status: HouseholdStatus | null) => (status === 'scheduled' ? t('duplicates.scheduledKeepsSeat') : undefined);
  const keepNote = (c: DuplicateCandidate, id: string, status: HouseholdStatus | null) =>
    c.mergeProposal?.keepHouseholdId === id ? t('duplicates.proposedKeep') : statusNote(status);

  return (
    <>
      <PageHeader title={t('duplicates.title')} subtitle={t('duplicates.subtitle')} />
      {saved ? (
        <Alert severity={saved === 'resolved' ? 'success' : 'info'} sx={{ mb: 2 }} onClose={() => setSaved(null)}>
          {saved === 'resolved' ? t('duplicates.resolved') : t('duplicates.proposed')}
        </Alert>
      ) : null}
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
                {items.map((c) => (
                  <ListItemButton key={c.id} selected={c.id === candidate.id} onClick={() => setSelected(c.id)}>
                    <ListItemText
                      primary={c.reasons.map(reasonText).join(t('common.listSeparator'))}
                      secondary={`${t('duplicates.score', { score: format.number(c.score, { maximumFractionDigits: 2 }) })} · ${format.dateTime(c.createdAt)}`}
                    />
                  </ListItemButton>
                ))}
              </List>
              {list.hasNextPage ? (
                <Button fullWidth onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
                  {list.isFetchingNextPage ? t('common.loading') : t('duplicates.more')}
                </Button>
              ) : null}
            </Paper>
          </Grid>
          <Grid size={{ xs: 12, md: 9 }}>
            <Stack spacing={2}>
              <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', alignItems: 'center', rowGap: 1 }}>
                <Typography>{t('duplicates.flaggedFor')}</Typography>
                {candidate.reasons.map((r) => <Chip key={r} size="small" label={reasonText(r)} />)}
              </Stack>
              {candidate.mergeProposal ? (
                <Alert severity="info">
                  {t('duplicates.awaiting', { camps: candidate.mergeProposal.awaitingCamps.join(t('common.listSeparator')) })}
                </Alert>
              ) : null}
              <Grid container spacing={2}>
                <Grid size={{ xs: 12, sm: 6 }}>
                  <HouseholdColumn id={candidate.householdId} label={t('duplicates.first')} note={keepNote(candidate, candidate.householdId, candidate.householdStatus)} />
                </Grid>
                <Grid size={{ xs: 12, sm: 6 }}>
                  <HouseholdColumn id={candidate.otherHouseholdId} label={t('duplicates.second')} note={keepNote(candidate, candidate.otherHouseholdId, candidate.otherHouseholdStatus)} />
                </Grid>
              </Grid>
              <Resolution
                key={candidate.id}
                candidate={candidate}
                onDone={(answer) => {
                  setSelected(null);
                  setSaved(answer.status === 'open' ? 'proposed' : 'resolved');
                }}
              />
            </Stack>
          </Grid>
        </Grid>
      )}
    </>
  );
}
