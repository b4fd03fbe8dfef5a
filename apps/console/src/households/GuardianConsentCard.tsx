// A household with no adult: who consents for it (its guardian, or a best-interests decision by
// staff), what is in force, and every decision recorded.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuardianConsentBasis, GuardianConsentEntry, HouseholdView } from '../api/types';
import { hasRole } from '../auth/api';
import { useUser } from '../auth/session';
import { useFormat } from '../app/prefs';
import { Code, ErrorAlert, Loading, PhoneText } from '../components/ui';
import { translateOr } from '../i18n/dynamic';
import { useGuardianConsents } from './queries';

const GuardianConsentDialog = lazy(() => import('./GuardianConsentDialog').then((m) => ({ default: m.GuardianConsentDialog })));

function EntryText({ entry }: { entry: GuardianConsentEntry }) {
  const { t } = useTranslation();
  if (entry.guardian) {
    return (
      <>
        <bdi>{entry.guardian.fullName}</bdi> · <bdi>{entry.guardian.relationship}</bdi> · <PhoneText e164={entry.guardian.phone} />
      </>
    );
  }
  if (entry.bestInterests) {
    return (
      <>
        <Code>{entry.bestInterests.reference}</Code>
        {entry.bestInterests.contactPhone ? <> · <PhoneText e164={entry.bestInterests.contactPhone} /></> : null}
      </>
    );
  }
  return <>{t(`guardian.bases.${entry.basis}`)}</>;
}

export function GuardianConsentCard({ household }: { household: HouseholdView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useUser();
  const history = useGuardianConsents(household.id, household.childHeaded);
  const [dialog, setDialog] = useState<GuardianConsentBasis | null>(null);
  const open = household.status !== 'closed' && household.status !== 'departed';
  const staff = hasRole(user, 'caseworker', 'supervisor');
  const current = household.guardianConsent;

  return (
    <Card component="section" aria-labelledby="guardian-card-title">
      <CardContent>
        <Typography id="guardian-card-title" component="h2" variant="h6" sx={{ mb: 1 }}>{t('guardian.title')}</Typography>
        <Stack spacing={1.5}>
          <Alert severity="info">{t('guardian.noAdult')}</Alert>
          {current ? (
            <Alert severity={current.decision === 'consent' ? 'success' : 'warning'}>
              {t('guardian.current', {
                what: t(`guardian.bases.${current.basis}`),
                decision: translateOr(t, `consent.decisions.${current.decision}`, current.decision),
                date: format.date(current.decidedOn),
              })}
            </Alert>
          ) : (
            <Typography color="text.secondary">{t('guardian.none')}</Typography>
          )}
          {open ? (
            <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
              <Button variant="contained" onClick={() => setDialog('guardian')}>{t('guardian.record')}</Button>
              {staff ? <Button variant="outlined" onClick={() => setDialog('best_interests')}>{t('guardian.bestInterests')}</Button> : null}
            </Stack>
          ) : null}
          <Typography id="guardian-history-title" component="h3" variant="subtitle1" sx={{ fontWeight: 700 }}>{t('guardian.history')}</Typography>
          {history.isPending ? (
            <Loading />
          ) : history.isError ? (
            <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />
          ) : history.data.length === 0 ? (
            <Typography color="text.secondary">{t('guardian.historyEmpty')}</Typography>
          ) : (
            <List dense aria-labelledby="guardian-history-title" disablePadding>
              {[...history.data].reverse().map((entry) => (
                <ListItem key={entry.id} disableGutters divider>
                  <ListItemText
                    primary={
                      <>
                        {t(`guardian.bases.${entry.basis}`)}: {translateOr(t, `consent.decisions.${entry.decision}`, entry.decision)} · {format.date(entry.decidedOn)}
                      </>
                    }
                    secondary={
                      <>
                        <EntryText entry={entry} />
                        {' — '}
                        {t('guardian.by', { role: translateOr(t, `roles.${entry.recordedByRole}`, entry.recordedByRole) })}
                      </>
                    }
                  />
                </ListItem>
              ))}
            </List>
          )}
        </Stack>
      </CardContent>
      <Suspense fallback={null}>
        {dialog ? (
          <GuardianConsentDialog householdId={household.id} basis={dialog} canWithdraw={current?.decision === 'consent'} onClose={() => setDialog(null)} />
        ) : null}
      </Suspense>
    </Card>
  );
}
