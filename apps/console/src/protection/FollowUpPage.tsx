// The follow-up work list (issue 18): households flagged by the arrival check (the family asked for
// help, or did not answer), per camp, oldest first; a case worker opens the household and, once the
// family is followed up, clears the flag with a note (notifications keeps who, when and the note).
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Link from '@mui/material/Link';
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
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { notificationsApi, unwrap } from '../api/clients';
import { ApiError, fieldErrorMap } from '../api/errors';
import { useFormat } from '../app/prefs';
import { Code, EmptyState, ErrorAlert, Loading, PageHeader, useErrorText } from '../components/ui';
import { translateOr } from '../i18n/dynamic';
import { CampFilter } from './CampFilter';
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

function ClearDialog({ entry, onClose, onCleared }: { entry: FlaggedHousehold; onClose: () => void; onCleared: (caseNumber: string) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const caseNumber = isolate(entry.caseNumber ?? t('protection.followUp.unknownCase'));
  const clear = useMutation({
    mutationFn: () =>
      unwrap<unknown>(
        notificationsApi.POST('/conversations/{conversationId}/flag/clear', { params: { path: { conversationId: entry.conversationId } }, body: { note: note.trim() } }),
      ),
    onSuccess: () => onCleared(caseNumber),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['conversations', 'flagged'] }),
  });
  const fieldError = clear.error instanceof ApiError ? fieldErrorMap(clear.error, errorText).get('note')?.[0] : undefined;
  const submit = () => {
    if (note.trim() === '') return setMissing(true);
    clear.mutate();
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="clear-title" fullWidth maxWidth="sm">
      <DialogTitle id="clear-title">{t('protection.followUp.clearTitle')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{t('protection.followUp.clearText', { caseNumber })}</DialogContentText>
        <TextField
          id="clear-note"
          label={t('protection.followUp.note')}
          value={note}
          onChange={(e) => { setNote(e.target.value); setMissing(false); }}
          required
          multiline
          minRows={3}
          fullWidth
          autoFocus
          error={missing || fieldError !== undefined}
          helperText={missing ? t('protection.followUp.noteRequired') : fieldError}
          slotProps={{ htmlInput: { maxLength: 1000 } }}
        />
        {clear.isError && fieldError === undefined ? <Alert severity="error" sx={{ mt: 2 }}>{errorText(clear.error)}</Alert> : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" onClick={submit} disabled={clear.isPending}>{t('protection.followUp.confirm')}</Button>
      </DialogActions>
    </Dialog>
  );
}

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
      {cleared !== null ? <Alert severity="success" sx={{ mb: 2 }} onClose={() => setCleared(null)}>{t('protection.followUp.cleared', { caseNumber: cleared })}</Alert> : null}
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
        <ClearDialog
          entry={clearing}
          onClose={() => setClearing(null)}
          onCleared={(caseNumber) => { setClearing(null); setCleared(caseNumber); }}
        />
      ) : null}
    </>
  );
}
