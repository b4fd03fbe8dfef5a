// The follow-up work list (issue 18): households flagged by the arrival check (the family asked for
// help, or did not answer), per camp, oldest first; a case worker opens the household and, once the
// family is followed up, clears the flag with a note (notifications keeps who, when and the note).
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { notificationsApi, unwrap } from '../api/clients';
import { useFormat } from '../app/prefs';
import { Code, EmptyState, ErrorAlert, Loading, PageHeader } from '../components/ui';
import { translateOr } from '../i18n/dynamic';
import { CampFilter } from './CampFilter';
import { ClearFlagDialog } from './ClearFlagDialog';
import { isolate } from './protection';

export interface FlaggedHousehold {
  conversationId: string;
  householdId: string;
  campId: string;
  caseNumber: string | null;
  purpose: string;
  flagReason: string;
  flaggedAt: string;
}

const flaggedKey = (campId: string) => ['conversations', 'flagged', campId] as const;

export default function FollowUpPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [campId, setCampId] = useState('');
  const [clearing, setClearing] = useState<FlaggedHousehold | null>(null);
  const [cleared, setCleared] = useState<string | null>(null);
  const flagged = useQuery({
    queryKey: flaggedKey(campId),
    queryFn: () =>
      unwrap<FlaggedHousehold[]>(notificationsApi.GET('/conversations/flagged', { params: { query: campId === '' ? {} : { campId } } })),
  });
  return (
    <>
      <PageHeader title={t('protection.followUp.title')} subtitle={t('protection.followUp.subtitle')} />
      <Stack direction="row" spacing={2} sx={{ mb: 2, maxWidth: 320 }}>
        <CampFilter id="follow-up-camp" label={t('protection.followUp.camp')} allLabel={t('protection.followUp.allCamps')} value={campId} onChange={setCampId} />
      </Stack>
      {cleared !== null ? <Alert severity="success" sx={{ mb: 2 }} onClose={() => setCleared(null)}>{t('protection.followUp.cleared', { caseNumber: isolate(cleared) })}</Alert> : null}
      {flagged.isPending ? (
        <Loading />
      ) : flagged.isError ? (
        <ErrorAlert error={flagged.error} onRetry={() => void flagged.refetch()} />
      ) : flagged.data.length === 0 ? (
        <EmptyState>{t('protection.followUp.none')}</EmptyState>
      ) : (
        <TableContainer component={Paper}>
          <Table size="small" aria-label={t('protection.followUp.table')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('protection.followUp.caseNumber')}</TableCell>
                <TableCell>{t('protection.followUp.camp')}</TableCell>
                <TableCell>{t('protection.followUp.reason')}</TableCell>
                <TableCell>{t('protection.followUp.question')}</TableCell>
                <TableCell>{t('protection.followUp.since')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {flagged.data.map((entry) => (
                <TableRow key={entry.conversationId}>
                  <TableCell>
                    <Link component={RouterLink} to={`/households/${entry.householdId}`} aria-label={`${t('protection.followUp.open')} ${entry.caseNumber ?? ''}`.trim()}>
                      <Code>{entry.caseNumber ?? t('protection.followUp.unknownCase')}</Code>
                    </Link>
                  </TableCell>
                  <TableCell><Code>{entry.campId}</Code></TableCell>
                  <TableCell>{translateOr(t, `conversations.flagReasons.${entry.flagReason}`, entry.flagReason)}</TableCell>
                  <TableCell>{translateOr(t, `conversations.purposes.${entry.purpose}`, entry.purpose)}</TableCell>
                  <TableCell>{format.dateTime(entry.flaggedAt)}</TableCell>
                  <TableCell align="right">
                    <Button size="small" variant="outlined" onClick={() => { setCleared(null); setClearing(entry); }}>{t('protection.followUp.clear')}</Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {clearing ? (
        <ClearFlagDialog
          conversationId={clearing.conversationId}
          caseNumber={clearing.caseNumber}
          onClose={() => setClearing(null)}
          onCleared={() => { setClearing(null); setCleared(clearing.caseNumber ?? t('protection.followUp.unknownCase')); }}
        />
      ) : null}
    </>
  );
}
