// Destination areas and whether families may return there (open, restricted, closed), with the
// changes scheduled for later. Administrators change an area's status here.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { eligibilityApi, unwrap } from '../api/clients';
import type { AreaStatusList } from '../api/types';
import { hasRole } from '../auth/api';
import { useUser } from '../auth/session';
import { useFormat, usePrefs } from '../app/prefs';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Code, EmptyState, ErrorAlert, Loading, PageHeader } from '../components/ui';
import { areaOptions } from '../households/areas';
import { useAreas } from '../households/queries';

type AreaStatus = 'open' | 'closed' | 'restricted';
const COLOUR: Record<AreaStatus, 'success' | 'error' | 'warning'> = { open: 'success', closed: 'error', restricted: 'warning' };

export default function AreasPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { locale } = usePrefs();
  const user = useUser();
  const queryClient = useQueryClient();
  const areas = useAreas();
  const statuses = useQuery({ queryKey: ['area-status'], queryFn: () => unwrap<AreaStatusList>(eligibilityApi.GET('/areas')) });
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<{ code: string; status: AreaStatus } | null>(null);
  const [reason, setReason] = useState('');
  const [from, setFrom] = useState('');
  const options = useMemo(() => areaOptions(areas.data ?? [], locale), [areas.data, locale]);
  const statusOf = (code: string) => statuses.data?.areas.find((a) => a.code === code);
  const change = useMutation({
    mutationFn: () =>
      unwrap(
        eligibilityApi.PUT('/areas/{code}/status', {
          params: { path: { code: editing?.code ?? '' } },
          body: { status: editing?.status ?? 'open', ...(reason.trim() ? { reason: reason.trim() } : {}), ...(from ? { effectiveFrom: new Date(from).toISOString() } : {}) },
        }),
      ),
    onSuccess: async () => {
      setEditing(null);
      setReason('');
      setFrom('');
      await queryClient.invalidateQueries({ queryKey: ['area-status'] });
    },
  });
  const shown = options.filter((o) => !filter.trim() || o.searchText.includes(filter.trim().toLowerCase())).slice(0, 200);
  const admin = hasRole(user, 'admin');

  return (
    <>
      <PageHeader title={t('areas.title')} subtitle={t('areas.subtitle')} />
      {statuses.data?.scheduled.length ? (
        <Alert severity="info" sx={{ mb: 2 }}>
          {statuses.data.scheduled.map((s) => (
            <div key={s.id}>{t('areas.scheduledChange', { area: options.find((o) => o.code === s.areaCode)?.label ?? s.areaCode, status: t(`areas.statuses.${s.status}`), date: format.dateTime(s.effectiveFrom) })}</div>
          ))}
        </Alert>
      ) : null}
      <TextField id="area-filter" label={t('areas.filter')} value={filter} onChange={(e) => setFilter(e.target.value)} sx={{ mb: 2, maxWidth: 420 }} />
      {areas.isPending || statuses.isPending ? <Loading /> : areas.isError ? <ErrorAlert error={areas.error} /> : statuses.isError ? <ErrorAlert error={statuses.error} /> : shown.length === 0 ? (
        <EmptyState>{t('areas.none')}</EmptyState>
      ) : (
        <TableContainer component={Paper}>
          <Table size="small" aria-label={t('areas.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('areas.name')}</TableCell>
                <TableCell>{t('areas.code')}</TableCell>
                <TableCell>{t('areas.status')}</TableCell>
                <TableCell>{t('areas.reason')}</TableCell>
                {admin ? <TableCell /> : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {shown.map((o) => {
                const s = statusOf(o.code);
                const status: AreaStatus = s?.status ?? statuses.data.defaultStatus;
                return (
                  <TableRow key={o.code}>
                    <TableCell>{o.label}{o.path ? <><br /><small>{o.path}</small></> : null}</TableCell>
                    <TableCell><Code>{o.code}</Code></TableCell>
                    <TableCell><Chip size="small" color={COLOUR[status]} label={t(`areas.statuses.${status}`)} /></TableCell>
                    <TableCell>{s?.reason ? <bdi>{s.reason}</bdi> : '—'}</TableCell>
                    {admin ? (
                      <TableCell>
                        <Stack direction="row" spacing={1}>
                          {(['open', 'restricted', 'closed'] as AreaStatus[]).filter((x) => x !== status).map((x) => (
                            <Button key={x} size="small" onClick={() => setEditing({ code: o.code, status: x })}>{t(`areas.set.${x}`)}</Button>
                          ))}
                        </Stack>
                      </TableCell>
                    ) : null}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      <ConfirmDialog
        open={editing !== null}
        title={editing ? t(`areas.set.${editing.status}`) : ''}
        confirmLabel={t('common.save')}
        danger={editing?.status !== 'open'}
        busy={change.isPending || (editing?.status !== 'open' && reason.trim().length < 3)}
        onClose={() => setEditing(null)}
        onConfirm={() => change.mutate()}
      >
        <Stack spacing={2} sx={{ pt: 1 }}>
          <span>{t('areas.changeText')}</span>
          {change.isError ? <ErrorAlert error={change.error} /> : null}
          <TextField id="area-reason" label={t('areas.reason')} value={reason} onChange={(e) => setReason(e.target.value)} required={editing?.status !== 'open'} helperText={t('areas.reasonHint')} />
          <TextField id="area-from" type="datetime-local" label={t('areas.from')} value={from} onChange={(e) => setFrom(e.target.value)} helperText={t('areas.fromHint')} slotProps={{ inputLabel: { shrink: true } }} />
        </Stack>
      </ConfirmDialog>
    </>
  );
}
