// On the household page, for supervisors and administrators: the family's own record (subject access
// export) as data (JSON) or as a document in the family's language, fetched into memory and saved
// through a short-lived object URL (never an address with the record, never browser storage); and,
// for administrators only, the erasure of the household's personal data, with a reason, asked again
// with the consequences in words.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { registrationApi, unwrap } from '../api/clients';
import { ApiError, fieldErrorMap } from '../api/errors';
import type { HouseholdView } from '../api/types';
import { hasRole } from '../auth/api';
import { useUser } from '../auth/session';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useErrorText } from '../components/ui';
import { householdKeys } from '../households/queries';
import { browserSaver, erasureReasonProblem, exportFileName, isolate, saveBlob } from './protection';

export interface ErasureAnswer {
  householdId: string;
  campId: string;
  erasedAt: string;
  erasedBy: string;
  source: string;
}

async function downloadExport(householdId: string, format: 'json' | 'text'): Promise<void> {
  const blob = await unwrap<Blob>(
    registrationApi.GET('/households/{id}/export', { params: { path: { id: householdId }, query: { format } }, parseAs: 'blob' }),
  );
  saveBlob(blob, exportFileName(householdId, format), browserSaver());
}

function EraseDialogs({ household, onClose, onErased }: { household: HouseholdView; onClose: () => void; onErased: (answer: ErasureAnswer) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<ReturnType<typeof erasureReasonProblem>>(null);
  const [asking, setAsking] = useState(false);
  const erase = useMutation({
    mutationFn: () =>
      unwrap<ErasureAnswer>(registrationApi.POST('/households/{id}/erasure', { params: { path: { id: household.id } }, body: { reason: reason.trim() } })),
    onSuccess: onErased,
    onError: () => setAsking(false),
  });
  const serverField = erase.error instanceof ApiError ? fieldErrorMap(erase.error, errorText).get('reason')?.[0] : undefined;
  const next = () => {
    const found = erasureReasonProblem(reason);
    setProblem(found);
    if (found === null) setAsking(true);
  };
  const problemText = problem === 'required' ? t('protection.erase.reasonRequired') : problem === 'tooShort' ? t('protection.erase.reasonTooShort') : problem === 'tooLong' ? t('protection.erase.reasonTooLong') : serverField;
  return (
    <>
      <Dialog open={!asking} onClose={onClose} aria-labelledby="erase-title" fullWidth maxWidth="sm">
        <DialogTitle id="erase-title">{t('protection.erase.title')}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{t('protection.record.eraseText')}</DialogContentText>
          <TextField
            id="erase-reason"
            label={t('protection.erase.reason')}
            value={reason}
            onChange={(e) => { setReason(e.target.value); setProblem(null); }}
            required
            multiline
            minRows={2}
            fullWidth
            autoFocus
            error={problemText !== undefined}
            helperText={problemText}
          />
          {erase.isError && serverField === undefined ? <Alert severity="error" sx={{ mt: 2 }}>{errorText(erase.error)}</Alert> : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="contained" color="error" onClick={next}>{t('protection.erase.next')}</Button>
        </DialogActions>
      </Dialog>
      <ConfirmDialog
        open={asking}
        danger
        busy={erase.isPending}
        title={t('protection.erase.confirmTitle', { caseNumber: isolate(household.caseNumber) })}
        confirmLabel={t('protection.erase.confirm')}
        onConfirm={() => erase.mutate()}
        onClose={() => setAsking(false)}
      >
        {t('protection.erase.consequences')}
      </ConfirmDialog>
    </>
  );
}

export function HouseholdRecordCard({ household, onErased }: { household: HouseholdView; onErased: (answer: ErasureAnswer) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const user = useUser();
  const queryClient = useQueryClient();
  const [erasing, setErasing] = useState(false);
  const download = useMutation({ mutationFn: (format: 'json' | 'text') => downloadExport(household.id, format) });
  if (!hasRole(user, 'supervisor', 'admin')) return null;
  return (
    <Card component="section" aria-labelledby="record-title">
      <CardContent>
        <Typography id="record-title" component="h2" variant="h6">{t('protection.record.title')}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{t('protection.record.text')}</Typography>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
          <Button variant="outlined" disabled={download.isPending} onClick={() => download.mutate('json')}>{t('protection.record.json')}</Button>
          <Button variant="outlined" disabled={download.isPending} onClick={() => download.mutate('text')}>{t('protection.record.document')}</Button>
        </Stack>
        {download.isPending ? <Typography variant="body2" role="status" sx={{ mt: 1 }}>{t('protection.record.downloading')}</Typography> : null}
        {download.isError ? <Alert severity="error" sx={{ mt: 1 }}>{errorText(download.error)}</Alert> : null}
        {hasRole(user, 'admin') ? (
          <>
            <Divider sx={{ my: 2 }} />
            <Button variant="outlined" color="error" onClick={() => setErasing(true)}>{t('protection.record.erase')}</Button>
          </>
        ) : null}
      </CardContent>
      {erasing ? (
        <EraseDialogs
          household={household}
          onClose={() => setErasing(false)}
          onErased={(answer) => {
            setErasing(false);
            onErased(answer);
            // The household now answers 410 REGISTRATION.HOUSEHOLD_ERASED: read it again.
            void queryClient.invalidateQueries({ queryKey: householdKeys.one(household.id), exact: true });
          }}
        />
      ) : null}
    </Card>
  );
}
