// Overrides in force in the supervisor's camps: which household, the outcome, why, until when;
// revoking one (with a reason) lets the rules decide again.
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { eligibilityApi, unwrap } from '../api/clients';
import type { OverrideView } from '../api/types';
import { useFormat } from '../app/prefs';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Code, EmptyState, ErrorAlert, Loading, PageHeader } from '../components/ui';
import { StatusChip } from '../households/StatusChip';

export default function OverridesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [revoking, setRevoking] = useState<OverrideView | null>(null);
  const [reason, setReason] = useState('');
  const list = useQuery({ queryKey: ['overrides'], queryFn: () => unwrap<OverrideView[]>(eligibilityApi.GET('/overrides')) });
  const revoke = useMutation({
    mutationFn: (o: OverrideView) => unwrap(eligibilityApi.POST('/overrides/{overrideId}/revoke', { params: { path: { overrideId: o.id } }, body: { reason: reason.trim() } })),
    onSuccess: async () => {
      setRevoking(null);
      setReason('');
      await queryClient.invalidateQueries({ queryKey: ['overrides'] });
    },
  });
  return (
    <>
      <PageHeader title={t('overrides.title')} subtitle={t('overrides.subtitle')} />
      {list.isPending ? <Loading /> : list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : list.data.length === 0 ? (
        <EmptyState>{t('overrides.none')}</EmptyState>
      ) : (
        <TableContainer component={Paper}>
          <Table size="small" aria-label={t('overrides.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('overrides.household')}</TableCell>
                <TableCell>{t('override.outcome')}</TableCell>
                <TableCell>{t('override.reason')}</TableCell>
                <TableCell>{t('override.until')}</TableCell>
                <TableCell>{t('overrides.since')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {list.data.map((o) => (
                <TableRow key={o.id}>
                  <TableCell><RouterLink to={`/households/${o.householdId}`}>{t('overrides.open')}</RouterLink> <Code>{o.campId}</Code></TableCell>
                  <TableCell><StatusChip kind="assessment" status={o.outcome} /></TableCell>
                  <TableCell><bdi>{o.reason}</bdi></TableCell>
                  <TableCell>{o.expiresAt ? format.dateTime(o.expiresAt) : t('assessment.noExpiry')}</TableCell>
                  <TableCell>{format.dateTime(o.createdAt)}</TableCell>
                  <TableCell><Button color="error" size="small" onClick={() => setRevoking(o)}>{t('overrides.revoke')}</Button></TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={t('overrides.revokeTitle')}
        confirmLabel={t('overrides.revoke')}
        danger
        busy={revoke.isPending || reason.trim().length < 5}
        onClose={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate(revoking)}
      >
        <Typography sx={{ mb: 2 }}>{t('overrides.revokeText')}</Typography>
        {revoke.isError ? <ErrorAlert error={revoke.error} /> : null}
        <TextField id="revoke-reason" label={t('override.reason')} value={reason} onChange={(e) => setReason(e.target.value)} required multiline minRows={2} helperText={t('override.reasonHint')} />
      </ConfirmDialog>
    </>
  );
}
