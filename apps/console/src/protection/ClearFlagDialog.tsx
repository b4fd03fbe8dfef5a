// Clearing a follow-up flag: the case worker says what was done (required here; notifications keeps
// the note encrypted with who and when, and deletes it with the household's erasure).
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notificationsApi, unwrap } from '../api/clients';
import { ApiError, fieldErrorMap } from '../api/errors';
import { useErrorText } from '../components/ui';
import { isolate } from './protection';

export function ClearFlagDialog(props: { conversationId: string; caseNumber: string | null; onClose: () => void; onCleared: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const clear = useMutation({
    mutationFn: () =>
      unwrap<unknown>(
        notificationsApi.POST('/conversations/{conversationId}/flag/clear', { params: { path: { conversationId: props.conversationId } }, body: { note: note.trim() } }),
      ),
    onSuccess: props.onCleared,
    // The work list and the household's questions both show the flag.
    onSettled: () => queryClient.invalidateQueries({ predicate: (query) => query.queryKey.includes('conversations') }),
  });
  const fieldError = clear.error instanceof ApiError ? fieldErrorMap(clear.error, errorText).get('note')?.[0] : undefined;
  const submit = () => {
    if (note.trim() === '') return setMissing(true);
    clear.mutate();
  };
  return (
    <Dialog open onClose={props.onClose} aria-labelledby="clear-title" fullWidth maxWidth="sm">
      <DialogTitle id="clear-title">{t('protection.followUp.clearTitle')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          {props.caseNumber === null ? t('protection.followUp.clearTextHousehold') : t('protection.followUp.clearText', { caseNumber: isolate(props.caseNumber) })}
        </DialogContentText>
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
        <Button onClick={props.onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" onClick={submit} disabled={clear.isPending}>{t('protection.followUp.confirm')}</Button>
      </DialogActions>
    </Dialog>
  );
}
