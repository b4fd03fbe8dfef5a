// "Why is this family not scheduled yet?": the assessment's decision and each reason, in the
// user's language; an override and the convoy when there is one.
import Alert from '@mui/material/Alert';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/errors';
import type { HouseholdView, ReasonOnWire, Timeline } from '../api/types';
import { useFormat, usePrefs } from '../app/prefs';
import { ErrorAlert, Loading } from '../components/ui';
import { areaName } from './areas';
import { useAreas, useAssessment } from './queries';
import { reasonText } from './reasons';
import { StatusChip } from './StatusChip';

export function useReasonText() {
  const { t } = useTranslation();
  const format = useFormat();
  const { locale } = usePrefs();
  const areas = useAreas();
  const byCode = useMemo(() => new Map((areas.data ?? []).map((a) => [a.code, a])), [areas.data]);
  return (reason: ReasonOnWire & { message?: { ar: string; en: string } }) =>
    reasonText(t, reason, { areaName: (code) => { const a = byCode.get(code); return a ? areaName(a, locale) : code; }, number: format.number }, locale);
}

export function AssessmentCard({ household, timeline }: { household: HouseholdView; timeline: Timeline | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const assessment = useAssessment(household.id, household.version);
  const reasonOf = useReasonText();
  // Not assessed yet (eligibility has not seen the registration): say so, it is usually seconds.
  const notYet = assessment.error instanceof ApiError && assessment.error.status === 404;
  const status = assessment.data?.status ?? timeline?.latestAssessment?.status;
  const reasons: ReasonOnWire[] = assessment.data?.reasons ?? timeline?.latestAssessment?.reasons ?? [];

  return (
    <Card component="section" aria-labelledby="assessment-title">
      <CardContent>
        <Typography id="assessment-title" component="h2" variant="h6" sx={{ mb: 1 }}>{t('assessment.title')}</Typography>
        {assessment.isPending ? (
          <Loading />
        ) : assessment.isError && !notYet && !status ? (
          <ErrorAlert error={assessment.error} onRetry={() => void assessment.refetch()} />
        ) : !status ? (
          <Alert severity="info">{t('assessment.notYet')}</Alert>
        ) : (
          <Stack spacing={1}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Typography>{t('assessment.decision')}</Typography>
              <StatusChip kind="assessment" status={status} />
            </Stack>
            {reasons.length > 0 ? (
              <List dense aria-label={t('assessment.reasons')}>
                {reasons.map((reason, i) => (
                  <ListItem key={`${reason.code}-${i}`} disableGutters>
                    <ListItemText primary={reasonOf(reason)} />
                  </ListItem>
                ))}
              </List>
            ) : status === 'eligible' ? (
              <Typography color="text.secondary">{household.schedule ? t('assessment.scheduled') : t('assessment.waitingConvoy')}</Typography>
            ) : null}
            {assessment.data?.override ? (
              <Alert severity={assessment.data.override.applied ? 'info' : 'warning'}>
                {t(assessment.data.override.applied ? 'assessment.overrideApplied' : 'assessment.overrideExpired', {
                  outcome: t(`status.assessment.${assessment.data.override.outcome}`),
                  reason: assessment.data.override.reason,
                  until: assessment.data.override.expiresAt ? format.dateTime(assessment.data.override.expiresAt) : t('assessment.noExpiry'),
                })}
              </Alert>
            ) : null}
            {household.schedule ? (
              <Alert severity="success">
                {household.schedule.departureDate
                  ? t('assessment.departure', { date: format.date(household.schedule.departureDate) })
                  : t('assessment.scheduled')}
              </Alert>
            ) : null}
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}
