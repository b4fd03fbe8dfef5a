// What happened to the household, newest first: registrations, changes, decisions, assessments
// (with their reasons), schedules, departure.
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { HouseholdView, ReasonOnWire, Timeline, TimelineEntry } from '../api/types';
import { useFormat } from '../app/prefs';
import { EmptyState, ErrorAlert, Loading } from '../components/ui';
import { translateOr } from '../i18n/dynamic';
import { useReasonText } from './AssessmentCard';

function memberName(household: HouseholdView, memberId: unknown): string {
  return household.members.find((m) => m.id === memberId)?.fullNameAr ?? '';
}

export function TimelineCard(props: { household: HouseholdView; timeline: Timeline | undefined; isPending: boolean; error: unknown; retry: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const reasonOf = useReasonText();

  // The timeline keeps no names or phones: the basis, the decision and the guardian's relationship.
  const guardianDetail = (d: Record<string, unknown>): string => {
    const basis = translateOr(t, `guardian.bases.${String(d['basis'])}`, String(d['basis']));
    const decision = translateOr(t, `consent.decisions.${String(d['decision'])}`, String(d['decision']));
    return [`${basis}: ${decision}`, typeof d['relationship'] === 'string' ? d['relationship'] : null].filter((x): x is string => x !== null).join(' · ');
  };

  const detailOf = (entry: TimelineEntry): string | null => {
    const d = entry.detail;
    switch (entry.kind) {
      case 'assessed': {
        const status = translateOr(t, `status.assessment.${String(d['status'])}`, String(d['status']));
        const reasons = Array.isArray(d['reasons']) ? (d['reasons'] as ReasonOnWire[]).map(reasonOf) : [];
        return [status, ...reasons].join(' — ');
      }
      case 'guardian_consent':
        return guardianDetail(d);
      case 'withdrawn':
        // A household with no adult withdraws through its guardian or a best-interests decision.
        if (typeof d['basis'] === 'string') return guardianDetail(d);
        return `${memberName(props.household, d['memberId'])}: ${translateOr(t, `consent.decisions.${String(d['decision'])}`, String(d['decision']))}`;
      case 'consent':
      case 'consent_corrected':
        return `${memberName(props.household, d['memberId'])}: ${translateOr(t, `consent.decisions.${String(d['decision'])}`, String(d['decision']))}`;
      case 'updated':
        return entry.changes.map((c) => translateOr(t, `timeline.fields.${c}`, c)).join(t('common.listSeparator'));
      case 'scheduled':
        return typeof d['departureDate'] === 'string' ? t('timeline.departureOn', { date: format.date(d['departureDate']) }) : null;
      case 'departed':
        return typeof d['membersBoarded'] === 'number' ? t('timeline.boarded', { n: format.number(d['membersBoarded']) }) : null;
      default:
        return null;
    }
  };

  const entries = [...(props.timeline?.entries ?? [])].reverse();
  return (
    <Card component="section" aria-labelledby="timeline-title">
      <CardContent>
        <Typography id="timeline-title" component="h2" variant="h6" sx={{ mb: 1 }}>{t('timeline.title')}</Typography>
        {props.isPending ? (
          <Loading />
        ) : props.error ? (
          <ErrorAlert error={props.error} onRetry={props.retry} />
        ) : entries.length === 0 ? (
          <EmptyState>{t('timeline.empty')}</EmptyState>
        ) : (
          <List dense aria-labelledby="timeline-title">
            {entries.map((entry, i) => {
              const detail = detailOf(entry);
              return (
                <ListItem key={`${entry.occurredAt}-${i}`} disableGutters divider sx={{ alignItems: 'flex-start' }}>
                  <ListItemText
                    primary={<><bdi><strong>{translateOr(t, `timeline.kinds.${entry.kind}`, entry.kind)}</strong></bdi>{detail ? <> — <bdi>{detail}</bdi></> : null}</>}
                    secondary={format.dateTime(entry.occurredAt)}
                  />
                </ListItem>
              );
            })}
          </List>
        )}
      </CardContent>
    </Card>
  );
}
