// Boarding one convoy at the bus door, on a tablet, with or without a network: find a family by
// case number, tap "check in" or "did not come" (big targets), see what waits to be sent and what
// transport refused; record the departure and the arrival once there is a network.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import { transportApi, unwrap } from '../api/clients';
import { useFormat } from '../app/prefs';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Code, ErrorAlert, Loading, PageHeader, PersonName } from '../components/ui';
import { translateOr } from '../i18n/dynamic';
import { searchFamilies, type AttentionItem, type BoardingFamily, type ConvoyAnswer, type FamilyState } from './boarding-data';
import type { BoardingSync } from './boarding-sync';
import { FINISHED, useBoarding } from './useBoarding';
import { keepConsoleOnDevice } from './offline-shell';

const STATE_COLOUR: Record<FamilyState, 'default' | 'success' | 'warning' | 'error'> = {
  waiting: 'default',
  'checked-in': 'success',
  'no-show': 'warning',
  conflict: 'error',
};

function FamilyCard({ family, pending, sync }: { family: BoardingFamily; pending: boolean; sync: BoardingSync }) {
  const { t } = useTranslation();
  const format = useFormat();
  const caseNumber = family.caseNumber;
  const tap = (kind: 'check-in' | 'no-show') =>
    void sync.tap({
      kind,
      householdId: family.householdId,
      caseNumber,
      memberIds: kind === 'check-in' ? family.members.map((member) => member.memberId) : [],
      ...(kind === 'no-show' ? { reason: t('boarding.noShowReason') } : {}),
    });
  return (
    <Card component="li" variant="outlined" sx={{ listStyle: 'none' }} aria-label={t('boarding.caseNumber', { caseNumber })}>
      <CardContent>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ justifyContent: 'space-between', alignItems: { sm: 'center' } }}>
          <Box sx={{ minWidth: 0 }}>
            <Typography variant="h6" component="h3">
              <Code>{caseNumber}</Code>
            </Typography>
            {family.head ? (
              <Typography>
                <PersonName ar={family.head.fullNameAr} latin={family.head.fullNameLatin} />
              </Typography>
            ) : null}
            <Typography color="text.secondary">
              {t('boarding.people', { number: format.number(family.members.length) })}
              {' · '}
              {t('boarding.vehicles', { plates: family.plates.join(t('common.listSeparator')) })}
            </Typography>
            <Stack direction="row" spacing={1} sx={{ mt: 1, alignItems: 'center' }}>
              <Chip color={STATE_COLOUR[family.state]} label={t(`boarding.states.${family.state}`)} />
              {pending ? <Typography color="text.secondary">{t('boarding.notSent')}</Typography> : null}
            </Stack>
          </Box>
          <Stack direction="row" spacing={2} sx={{ flexShrink: 0 }}>
            <Button
              variant="contained"
              color="success"
              size="large"
              sx={{ minHeight: 64, minWidth: 140, fontSize: '1.1rem' }}
              aria-label={t('boarding.checkInLabel', { caseNumber })}
              disabled={family.state === 'checked-in' || family.state === 'no-show'}
              onClick={() => tap('check-in')}
            >
              {t('boarding.checkIn')}
            </Button>
            <Button
              variant="outlined"
              color="warning"
              size="large"
              sx={{ minHeight: 64, minWidth: 140, fontSize: '1.1rem' }}
              aria-label={t('boarding.noShowLabel', { caseNumber })}
              disabled={family.state === 'checked-in' || family.state === 'no-show'}
              onClick={() => tap('no-show')}
            >
              {t('boarding.noShow')}
            </Button>
          </Stack>
        </Stack>
      </CardContent>
    </Card>
  );
}

function AttentionList({ items, sync }: { items: AttentionItem[]; sync: BoardingSync }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <Alert severity="error" role="region" aria-label={t('boarding.attentionTitle')} sx={{ mb: 2 }}>
      <Typography component="h2" sx={{ fontWeight: 700 }}>
        {t('boarding.attentionTitle')}
      </Typography>
      <Typography sx={{ mb: 1 }}>{t('boarding.attentionHint')}</Typography>
      <Box component="ul" sx={{ m: 0, ps: 2 }}>
        {items.map((item) => (
          <Box component="li" key={item.action.key} sx={{ mb: 1 }}>
            {t('boarding.attentionLine', {
              action: t(`boarding.actions.${item.action.kind}`),
              caseNumber: item.action.caseNumber,
              reason: translateOr(t, `boarding.conflicts.${item.code.replace(/\./g, '_')}`, t('boarding.conflicts.other', { code: item.code })),
            })}{' '}
            <Button size="small" color="inherit" variant="outlined" onClick={() => void sync.dismiss(item.action.key)}>
              {t('boarding.dismiss')}
            </Button>
          </Box>
        ))}
      </Box>
    </Alert>
  );
}

export default function BoardingPage() {
  useEffect(keepConsoleOnDevice, []);
  const { convoyId = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const { sync, snapshot, live, setLive, loadError, loaded, online } = useBoarding(convoyId);
  const [term, setTerm] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [stepError, setStepError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (!sync || !snapshot || (!loaded && !snapshot.convoy)) return <Loading />;
  const convoy = snapshot.convoy;
  const status = live?.status ?? convoy?.status ?? '';
  const queueCount = snapshot.queue.length;
  const pending = new Set(snapshot.queue.map((action) => action.householdId));
  const families = convoy ? searchFamilies(convoy.families, term) : [];
  const all = convoy?.families ?? [];

  const depart = async () => {
    setBusy(true);
    setStepError(null);
    try {
      const answer = await unwrap<ConvoyAnswer & { warnings?: { code: string }[] }>(
        transportApi.POST('/convoys/{convoyId}/depart', { params: { path: { convoyId } } }),
      );
      await sync.erase();
      setLive(answer);
      const early = (answer.warnings ?? []).some((warning) => warning.code === 'TRANSPORT.DEPARTED_BEFORE_DATE');
      setNotice(`${t('boarding.departed')}${early ? ` ${t('boarding.departedEarly')}` : ''}`);
    } catch (error) {
      setStepError(error);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  const arrive = async () => {
    setBusy(true);
    setStepError(null);
    try {
      setLive(await unwrap<ConvoyAnswer>(transportApi.POST('/convoys/{convoyId}/arrive', { params: { path: { convoyId } } })));
      setNotice(t('boarding.arrived'));
    } catch (error) {
      setStepError(error);
    } finally {
      setBusy(false);
    }
  };

  const canDepart = online && queueCount === 0 && (status === 'confirmed' || status === 'boarding');
  const point = convoy?.assemblyPoint ?? live?.assemblyPoint ?? '';
  return (
    <>
      <Link component={RouterLink} to="/boarding" sx={{ display: 'inline-block', mb: 1 }}>
        {t('boarding.back')}
      </Link>
      <PageHeader
        title={t('boarding.title', { point })}
        subtitle={
          convoy || live
            ? `${t('boarding.convoyLine', { date: format.date((convoy ?? live)?.departureDate ?? ''), time: ((convoy ?? live)?.departureTime ?? '').slice(0, 5) })} · ${translateOr(t, `boarding.statuses.${status}`, status)}`
            : undefined
        }
      />
      <Box
        role="status"
        aria-label={t('boarding.queue', { number: format.number(queueCount) })}
        sx={{ position: 'sticky', top: 64, zIndex: 2, mb: 2, p: 2, borderRadius: 1, bgcolor: online ? 'success.light' : 'warning.light', color: 'text.primary' }}
      >
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' }, justifyContent: 'space-between' }}>
          <Box>
            <Typography sx={{ fontWeight: 700 }}>{online ? t('boarding.online') : t('boarding.offline')}</Typography>
            <Typography>
              {t('boarding.queue', { number: format.number(queueCount) })} · {t(`boarding.sync.${snapshot.sync}`)}
            </Typography>
          </Box>
          {queueCount > 0 ? (
            <Button variant="contained" color="inherit" sx={{ minHeight: 48 }} onClick={() => sync.retryNow()}>
              {t('boarding.sendNow')}
            </Button>
          ) : null}
        </Stack>
      </Box>
      {notice ? (
        <Alert severity="success" role="status" sx={{ mb: 2 }}>
          {notice}
        </Alert>
      ) : null}
      {stepError ? <ErrorAlert error={stepError} /> : null}
      <AttentionList items={snapshot.attention} sync={sync} />
      {!convoy && !FINISHED.has(status) ? <Alert severity="warning" sx={{ mb: 2 }}>{loadError ? t('boarding.noManifest') : t('boarding.notStored')}</Alert> : null}
      {loadError && convoy && online ? <ErrorAlert error={loadError} /> : null}
      {convoy ? (
        <>
          <Typography color="text.secondary" sx={{ mb: 1 }}>
            {t('boarding.storedAt', { time: format.dateTime(convoy.storedAt) })} — {t('boarding.privacy')}
          </Typography>
          <Typography sx={{ mb: 2, fontWeight: 700 }}>
            {t('boarding.counts', {
              families: format.number(all.length),
              checkedIn: format.number(all.filter((family) => family.state === 'checked-in').length),
              noShows: format.number(all.filter((family) => family.state === 'no-show').length),
            })}
          </Typography>
          <TextField
            label={t('boarding.search')}
            helperText={t('boarding.searchHint')}
            value={term}
            onChange={(event) => setTerm(event.target.value)}
            fullWidth
            autoComplete="off"
            slotProps={{ htmlInput: { style: { fontSize: '1.4rem', minHeight: 40 } } }}
            sx={{ mb: 2 }}
          />
          {families.length === 0 ? <Alert severity="info">{t('boarding.noMatch')}</Alert> : null}
          <Stack component="ul" spacing={2} sx={{ p: 0, m: 0 }}>
            {families.map((family) => (
              <FamilyCard key={family.householdId} family={family} pending={pending.has(family.householdId)} sync={sync} />
            ))}
          </Stack>
        </>
      ) : null}
      <Stack direction="row" spacing={2} sx={{ mt: 4, flexWrap: 'wrap' }}>
        {status === 'confirmed' || status === 'boarding' ? (
          <Button variant="contained" color="primary" size="large" sx={{ minHeight: 64, px: 4 }} disabled={!canDepart || busy} onClick={() => setConfirming(true)}>
            {t('boarding.depart')}
          </Button>
        ) : null}
        {status === 'departed' ? (
          <Button variant="contained" color="primary" size="large" sx={{ minHeight: 64, px: 4 }} disabled={!online || busy} onClick={() => void arrive()}>
            {t('boarding.arrive')}
          </Button>
        ) : null}
      </Stack>
      {(status === 'confirmed' || status === 'boarding') && !canDepart ? (
        <Typography color="text.secondary" sx={{ mt: 1 }}>
          {t('boarding.departNeedsNetwork')}
        </Typography>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={t('boarding.depart')}
        confirmLabel={t('boarding.depart')}
        busy={busy}
        onConfirm={() => void depart()}
        onClose={() => setConfirming(false)}
      >
        {t('boarding.departConfirm')}
      </ConfirmDialog>
    </>
  );
}
