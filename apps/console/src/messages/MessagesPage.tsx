// The message log: SMS per day and template in the supervisor's camps (sent, delivered, failed,
// suppressed by an opt-out, expired), with segments (what the messages cost). A household's own
// messages are on its page.
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableFooter from '@mui/material/TableFooter';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notificationsApi, unwrap } from '../api/clients';
import type { MessageStatsRow } from '../api/types';
import { useFormat } from '../app/prefs';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../components/ui';
import { localToday } from '../households/ConsentDialog';
import { templateName } from '../i18n/template-name';
import { DateField } from '../components/DateField';

// The log is asked again only for a whole date (not for each digit typed).
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const COLUMNS = ['messages', 'segments', 'delivered', 'failures', 'suppressed', 'expired'] as const;

export function daysBefore(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

export default function MessagesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [to, setTo] = useState(localToday());
  const [from, setFrom] = useState(daysBefore(localToday(), 6));
  const stats = useQuery({
    queryKey: ['message-stats', from, to],
    queryFn: () => unwrap<MessageStatsRow[]>(notificationsApi.GET('/messages/stats', { params: { query: { from, to } } })),
    enabled: /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to),
  });
  const totals = COLUMNS.map((c) => (stats.data ?? []).reduce((sum, row) => sum + row[c], 0));
  return (
    <>
      <PageHeader title={t('messageLog.title')} subtitle={t('messageLog.subtitle')} />
      <Stack direction="row" spacing={2} sx={{ mb: 2, maxWidth: 420 }}>
        <DateField id="stats-from" label={t('messageLog.from')} value={from} onChange={(e) => { if (ISO_DATE.test(e.target.value)) setFrom(e.target.value); }} />
        <DateField id="stats-to" label={t('messageLog.to')} value={to} onChange={(e) => { if (ISO_DATE.test(e.target.value)) setTo(e.target.value); }} />
      </Stack>
      {stats.isPending ? <Loading /> : stats.isError ? <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} /> : stats.data.length === 0 ? (
        <EmptyState>{t('messageLog.none')}</EmptyState>
      ) : (
        <TableContainer component={Paper}>
          <Table size="small" aria-label={t('messageLog.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('messageLog.day')}</TableCell>
                <TableCell>{t('messages.template')}</TableCell>
                {COLUMNS.map((c) => <TableCell key={c} align="right">{t(`messageLog.columns.${c}`)}</TableCell>)}
              </TableRow>
            </TableHead>
            <TableBody>
              {stats.data.map((row) => (
                <TableRow key={`${row.day}-${row.template}`}>
                  <TableCell>{format.date(row.day)}</TableCell>
                  <TableCell>{templateName(t, row.template)}</TableCell>
                  {COLUMNS.map((c) => <TableCell key={c} align="right">{format.number(row[c])}</TableCell>)}
                </TableRow>
              ))}
            </TableBody>
            <TableFooter>
              <TableRow>
                <TableCell colSpan={2}>{t('messageLog.total')}</TableCell>
                {totals.map((value, i) => <TableCell key={COLUMNS[i]} align="right">{format.number(value)}</TableCell>)}
              </TableRow>
            </TableFooter>
          </Table>
        </TableContainer>
      )}
    </>
  );
}
