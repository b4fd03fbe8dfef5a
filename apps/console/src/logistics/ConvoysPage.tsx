// The convoy board: every convoy of the user's camps by date, with its state; each opens its page.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation } from 'react-router';
import { useFormat } from '../app/prefs';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../components/ui';
import { useConvoys, useCorridors } from './api';
import { ConvoyStatusChip, useAreaNames, useCanPlan } from './common';
import { useEffect } from 'react';
import { keepConsoleOnDevice } from '../boarding/offline-shell';

export default function ConvoysPage() {
  useEffect(keepConsoleOnDevice, []);
  const { t } = useTranslation();
  const format = useFormat();
  const canPlan = useCanPlan();
  const location = useLocation();
  const convoys = useConvoys();
  const corridors = useCorridors();
  const areaName = useAreaNames();
  const committed = (location.state as { committed?: number } | null)?.committed;
  const corridorName = (id: string) => corridors.data?.find((c) => c.id === id)?.name ?? id;
  return (
    <>
      <PageHeader
        title={t('logistics.board.title')}
        subtitle={t('logistics.board.subtitle')}
        actions={canPlan ? <Button variant="contained" component={RouterLink} to="/planning">{t('logistics.nav.planning')}</Button> : undefined}
      />
      {committed !== undefined ? <Alert severity="success" sx={{ mb: 2 }}>{t('logistics.board.committed', { n: format.number(committed) })}</Alert> : null}
      {convoys.isPending ? <Loading /> : convoys.isError ? <ErrorAlert error={convoys.error} onRetry={() => void convoys.refetch()} /> : convoys.data.length === 0 ? (
        <EmptyState>{t('logistics.board.none')}</EmptyState>
      ) : (
        <TableContainer component={Paper}>
          <Table size="small" aria-label={t('logistics.board.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('logistics.board.departure')}</TableCell>
                <TableCell>{t('logistics.board.corridor')}</TableCell>
                <TableCell>{t('logistics.board.destinations')}</TableCell>
                <TableCell>{t('logistics.board.assemblyPoint')}</TableCell>
                <TableCell>{t('logistics.board.state')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {[...convoys.data].reverse().map((convoy) => (
                <TableRow key={convoy.id}>
                  <TableCell>{format.date(convoy.departureDate)} <bdi dir="ltr">{convoy.departureTime}</bdi></TableCell>
                  <TableCell><bdi>{corridorName(convoy.corridorId)}</bdi></TableCell>
                  <TableCell>{convoy.destinations.map(areaName).join(t('common.listSeparator'))}</TableCell>
                  <TableCell><bdi>{convoy.assemblyPoint}</bdi></TableCell>
                  <TableCell><ConvoyStatusChip status={convoy.status} /></TableCell>
                  <TableCell>
                    <Button size="small" component={RouterLink} to={`/convoys/${convoy.id}`}>{t('logistics.board.open')}</Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </>
  );
}
