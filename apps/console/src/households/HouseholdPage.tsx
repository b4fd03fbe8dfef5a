// One household: who they are, where they stand and why, every adult's decision, what happened,
// and the SMS they were sent.
import EditIcon from '@mui/icons-material/EditOutlined';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation, useParams } from 'react-router';
import type { HouseholdView } from '../api/types';
import { hasRole } from '../auth/api';
import { useUser } from '../auth/session';
import { useFormat, usePrefs } from '../app/prefs';
import { Code, DirectionalIcon, ErrorAlert, Loading, PageHeader, PersonName, PhoneText } from '../components/ui';
import { errorKey, translateOr } from '../i18n/dynamic';
import { areaName } from './areas';
import { AssessmentCard } from './AssessmentCard';
import { Deferred } from '../components/Deferred';
import { MembersCard } from './MembersCard';
import { useAreas, useHousehold, useTimeline } from './queries';
import { StatusChip } from './StatusChip';
import { ErasedNotice, isErased } from '../protection/ErasedNotice';
import type { ErasureAnswer } from '../protection/HouseholdRecordCard';

// Dialogs load when opened: the page itself stays light on a slow link.
const EditHouseholdDialog = lazy(() => import('./EditHouseholdDialog').then((m) => ({ default: m.EditHouseholdDialog })));
const OverrideDialog = lazy(() => import('./OverrideDialog').then((m) => ({ default: m.OverrideDialog })));
// The first paint shows the header, the assessment, the details and the members; the seat, the
// guardian's consent, the timeline and the SMS follow (their code and reads) once it has painted.
const SeatCard = lazy(() => import('./SeatCard').then((m) => ({ default: m.SeatCard })));
const GuardianConsentCard = lazy(() => import('./GuardianConsentCard').then((m) => ({ default: m.GuardianConsentCard })));
const HouseholdHistory = lazy(() => import('./HouseholdHistory'));
const ConversationsCard = lazy(() => import('./ConversationsCard').then((m) => ({ default: m.ConversationsCard })));
const HouseholdRecordCard = lazy(() => import('../protection/HouseholdRecordCard').then((m) => ({ default: m.HouseholdRecordCard })));

function DetailsCard({ household }: { household: HouseholdView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { locale } = usePrefs();
  const areas = useAreas();
  const area = areas.data?.find((a) => a.code === household.destinationArea);
  const rows: [string, React.ReactNode][] = [
    [t('household.camp'), <Code key="camp">{household.campId}</Code>],
    [t('household.destination'), <>{area ? areaName(area, locale) : null} <Code>{household.destinationArea}</Code></>],
    [t('household.phone'), household.phone ? <PhoneText e164={household.phone} /> : t('household.noPhone')],
    [t('household.language'), translateOr(t, `languages.${household.language}`, household.language)],
    [t('household.shelter'), household.shelterLocation ? <bdi>{household.shelterLocation}</bdi> : '—'],
    [t('household.registeredAt'), format.dateTime(household.registeredAt)],
  ];
  return (
    <Card component="section" aria-labelledby="details-title">
      <CardContent>
        <Typography id="details-title" component="h2" variant="h6" sx={{ mb: 1 }}>{t('household.details')}</Typography>
        <Stack component="dl" spacing={1} sx={{ m: 0 }}>
          {rows.map(([label, value]) => (
            <Stack key={label} direction="row" spacing={2}>
              <Typography component="dt" color="text.secondary" sx={{ minWidth: 130 }}>{label}</Typography>
              <Typography component="dd" sx={{ m: 0 }}>{value}</Typography>
            </Stack>
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
}

export default function HouseholdPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const user = useUser();
  const household = useHousehold(id);
  const timeline = useTimeline(id, household.data?.version);
  const [editing, setEditing] = useState(false);
  const [overriding, setOverriding] = useState(false);
  const state = location.state as { registered?: boolean; warnings?: string[] } | null;
  const justRegistered = state?.registered === true;
  // Warnings come only with the answer to a registration or a change (e.g. no convoy route to the
  // destination yet): shown while the person stays on the page, never fetched again.
  const [warnings, setWarnings] = useState<string[]>(() => state?.warnings ?? []);
  const [erasure, setErasure] = useState<ErasureAnswer | null>(null);

  if (erasure !== null || isErased(household.error)) return <ErasedNotice erasedAt={erasure?.erasedAt} />;
  if (household.isPending) return <Loading />;
  if (household.isError) return <ErrorAlert error={household.error} onRetry={() => void household.refetch()} />;
  const h = household.data;
  const head = h.members.find((m) => m.relationship === 'head') ?? h.members[0];
  const open = h.status !== 'closed' && h.status !== 'departed';

  return (
    <>
      <Button component={RouterLink} to="/households" startIcon={<DirectionalIcon icon={<ArrowBackIcon />} />} sx={{ mb: 1 }}>
        {t('household.backToSearch')}
      </Button>
      <PageHeader
        title={<>{t('household.title')} <Code>{h.caseNumber}</Code></>}
        subtitle={head ? <PersonName ar={head.fullNameAr} latin={head.fullNameLatin} /> : undefined}
        actions={
          <>
            <StatusChip kind="household" status={h.status} />
            {open ? <Button variant="outlined" startIcon={<EditIcon />} onClick={() => setEditing(true)}>{t('edit.open')}</Button> : null}
            {hasRole(user, 'supervisor', 'admin') && open ? <Button variant="outlined" onClick={() => setOverriding(true)}>{t('override.open')}</Button> : null}
          </>
        }
      />
      <Stack spacing={2}>
        {justRegistered ? <Alert severity="success">{t('register.done')}</Alert> : null}
        {warnings.map((code) => (
          <Alert key={code} severity="warning">{translateOr(t, errorKey(code), code)}</Alert>
        ))}
        {h.unresolvedDuplicates > 0 ? <Alert severity="warning">{t('household.duplicates', { n: h.unresolvedDuplicates })}</Alert> : null}
        {h.closedReason ? <Alert severity="info">{translateOr(t, `household.closedReasons.${h.closedReason}`, h.closedReason)}</Alert> : null}
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, lg: 7 }}>
            <AssessmentCard household={h} timeline={timeline.data} />
          </Grid>
          <Grid size={{ xs: 12, lg: 5 }}>
            <Stack spacing={2}>
              <DetailsCard household={h} />
              <Deferred minHeight={80}><SeatCard household={h} /></Deferred>
            </Stack>
          </Grid>
        </Grid>
        {h.childHeaded ? <Deferred><GuardianConsentCard household={h} /></Deferred> : null}
        <MembersCard household={h} />
        <Deferred minHeight={120}>
          <ConversationsCard householdId={h.id} />
        </Deferred>
        {hasRole(user, 'supervisor', 'admin') ? (
          <Deferred minHeight={120}>
            <HouseholdRecordCard household={h} onErased={setErasure} />
          </Deferred>
        ) : null}
        <Deferred minHeight={200}>
          <HouseholdHistory household={h} timeline={timeline.data} isPending={timeline.isPending} error={timeline.error} retry={() => void timeline.refetch()} />
        </Deferred>
      </Stack>
      <Suspense fallback={null}>
        {editing ? <EditHouseholdDialog household={h} onClose={() => setEditing(false)} onSaved={setWarnings} /> : null}
        {overriding ? <OverrideDialog householdId={h.id} onClose={() => setOverriding(false)} /> : null}
      </Suspense>
    </>
  );
}
