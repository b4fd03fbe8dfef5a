// Retention (issue 19.2) for administrators: what the next run would erase or delete (the dry run of
// registration and of notifications, per camp where registration gives it), and a run now, asked again
// with its consequences in words; the result is shown and the dry run read again. No personal data is
// shown: counts, camps and periods only.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notificationsApi, registrationApi, unwrap } from '../api/clients';
import { useFormat } from '../app/prefs';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Code, EmptyState, ErrorAlert, Loading, PageHeader } from '../components/ui';

interface CampRetention {
  campId: string;
  closedCaseDays: number;
  closedCases: number;
  importErrorRows: number;
}

interface RegistrationRetention {
  ran: boolean;
  households: { householdId: string; campId: string; status: string }[];
  auditLogRows: number;
  importErrorRows: number;
  byCamp: CampRetention[];
  periods: { closedCaseDays: number; auditLogDays: number; importErrorDays: number };
}

interface NotificationsRetention {
  ran: boolean;
  devSmsOutbox: number;
  smsReceipts: number;
  periods: { devSmsOutboxDays: number; smsReceiptsDays: number };
}

interface RetentionView {
  registration: RegistrationRetention;
  notifications: NotificationsRetention;
}

const QUERY_KEY = ['admin', 'retention'];

async function dryRun(): Promise<RetentionView> {
  const [registration, notifications] = await Promise.all([
    unwrap<RegistrationRetention>(registrationApi.GET('/privacy/retention')),
    unwrap<NotificationsRetention>(notificationsApi.GET('/privacy/retention')),
  ]);
  return { registration, notifications };
}

async function runNow(): Promise<RetentionView> {
  const registration = await unwrap<RegistrationRetention>(registrationApi.POST('/privacy/retention/run'));
  const notifications = await unwrap<NotificationsRetention>(notificationsApi.POST('/privacy/retention/run'));
  return { registration, notifications };
}

type Counted = 'closedCases' | 'auditRows' | 'importErrors' | 'devSms' | 'receipts';

/** "2 closed cases", "one audit row": each count with its noun in the language's plural form. */
function useCounts(view: RetentionView | undefined) {
  const { t } = useTranslation();
  const format = useFormat();
  const counted = (key: Counted, count: number) => t(`defects.retention.${key}`, { count, n: format.number(count) });
  if (view === undefined) return undefined;
  return {
    cases: counted('closedCases', view.registration.households.length),
    rows: [
      counted('auditRows', view.registration.auditLogRows),
      counted('importErrors', view.registration.importErrorRows),
      counted('devSms', view.notifications.devSmsOutbox),
      counted('receipts', view.notifications.smsReceipts),
    ].join(t('common.listSeparator')),
  };
}

function CategoryTable({ view, label }: { view: RetentionView; label: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { registration: r, notifications: n } = view;
  const rows: [string, number, string][] = [
    [t('retention.categories.closedCases'), r.households.length, t('retention.days', { days: format.number(r.periods.closedCaseDays) })],
    [t('retention.categories.auditLog'), r.auditLogRows, t('retention.days', { days: format.number(r.periods.auditLogDays) })],
    [t('retention.categories.importErrors'), r.importErrorRows, t('retention.days', { days: format.number(r.periods.importErrorDays) })],
    [t('retention.categories.devSmsOutbox'), n.devSmsOutbox, t('retention.days', { days: format.number(n.periods.devSmsOutboxDays) })],
    [t('retention.categories.smsReceipts'), n.smsReceipts, t('retention.days', { days: format.number(n.periods.smsReceiptsDays) })],
  ];
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          <TableCell>{t('retention.category')}</TableCell>
          <TableCell>{t('retention.period')}</TableCell>
          <TableCell align="right">{t('retention.count')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(([name, count, period]) => (
          <TableRow key={name}>
            <TableCell component="th" scope="row">{name}</TableCell>
            <TableCell>{period}</TableCell>
            <TableCell align="right">{format.number(count)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function CampTable({ camps }: { camps: CampRetention[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (camps.length === 0) return <EmptyState>{t('retention.byCamp.none')}</EmptyState>;
  return (
    <Table size="small" aria-label={t('retention.byCamp.table')}>
      <TableHead>
        <TableRow>
          <TableCell>{t('retention.byCamp.camp')}</TableCell>
          <TableCell>{t('retention.period')}</TableCell>
          <TableCell align="right">{t('retention.categories.closedCases')}</TableCell>
          <TableCell align="right">{t('retention.categories.importErrors')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {camps.map((camp) => (
          <TableRow key={camp.campId}>
            <TableCell component="th" scope="row"><Code>{camp.campId}</Code></TableCell>
            <TableCell>{t('retention.days', { days: format.number(camp.closedCaseDays) })}</TableCell>
            <TableCell align="right">{format.number(camp.closedCases)}</TableCell>
            <TableCell align="right">{format.number(camp.importErrorRows)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export default function RetentionPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const preview = useQuery({ queryKey: QUERY_KEY, queryFn: dryRun, gcTime: 0 });
  const run = useMutation({
    mutationFn: runNow,
    onSuccess: async () => {
      setAsking(false);
      await queryClient.invalidateQueries({ queryKey: QUERY_KEY });
    },
  });
  const busy = preview.data !== undefined && (!preview.data.registration.ran || !preview.data.notifications.ran);
  const result = run.data;
  const done = useCounts(result);
  const toGo = useCounts(preview.data);
  return (
    <>
      <PageHeader title={t('retention.title')} subtitle={t('retention.subtitle')} />
      {result ? (
        <Alert severity={result.registration.ran && result.notifications.ran ? 'success' : 'warning'} sx={{ mb: 2 }} role="status">
          {result.registration.ran && result.notifications.ran && done ? t('defects.retention.done', done) : t('retention.busy')}
        </Alert>
      ) : null}
      {preview.isPending ? <Loading /> : preview.isError ? <ErrorAlert error={preview.error} onRetry={() => void preview.refetch()} /> : (
        <Stack spacing={3}>
          {busy ? <Alert severity="warning">{t('retention.busy')}</Alert> : null}
          <Card component="section" aria-labelledby="retention-dry-run">
            <CardContent>
              <Typography id="retention-dry-run" component="h2" variant="h6">{t('retention.dryRun.title')}</Typography>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{t('retention.dryRun.subtitle')}</Typography>
              <CategoryTable view={preview.data} label={t('retention.dryRun.table')} />
            </CardContent>
          </Card>
          <Card component="section" aria-labelledby="retention-by-camp">
            <CardContent>
              <Typography id="retention-by-camp" component="h2" variant="h6">{t('retention.byCamp.title')}</Typography>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{t('retention.byCamp.subtitle')}</Typography>
              <CampTable camps={preview.data.registration.byCamp} />
            </CardContent>
          </Card>
          <div>
            <Button variant="contained" color="error" onClick={() => setAsking(true)} disabled={busy}>{t('retention.run')}</Button>
          </div>
          <ConfirmDialog
            open={asking}
            title={t('retention.confirm.title')}
            confirmLabel={t('retention.confirm.yes')}
            danger
            busy={run.isPending}
            onConfirm={() => run.mutate()}
            onClose={() => setAsking(false)}
          >
            <Typography component="p" sx={{ mb: 1 }}>{t('defects.retention.confirmErased', { cases: toGo?.cases })}</Typography>
            <Typography component="p" sx={{ mb: 1 }}>{t('defects.retention.confirmDeleted', { rows: toGo?.rows })}</Typography>
            <Typography component="p" sx={{ mb: 1 }}>{t('retention.confirm.allCamps')}</Typography>
            {run.isError ? <ErrorAlert error={run.error} /> : null}
          </ConfirmDialog>
        </Stack>
      )}
    </>
  );
}
