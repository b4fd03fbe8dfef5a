// One SMS for a supervisor: its text, how it was encoded and split, its attempts, its last error and
// every status it went through (notifications GET /messages/{id}, audited there).
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { notificationsApi, unwrap } from '../api/clients';
import type { MessageDetail } from '../api/types';
import { useFormat } from '../app/prefs';
import { Code, ErrorAlert, Loading } from '../components/ui';
import { translateOr } from '../i18n/dynamic';
import { templateName } from '../i18n/template-name';

export function MessageDetailDialog({ messageId, onClose }: { messageId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const detail = useQuery({
    queryKey: ['message', messageId],
    queryFn: () => unwrap<MessageDetail>(notificationsApi.GET('/messages/{messageId}', { params: { path: { messageId } } })),
    retry: false,
  });
  const m = detail.data;
  const rows: [string, React.ReactNode][] = m
    ? [
        [t('messages.template'), templateName(t, m.template)],
        [t('messages.status'), translateOr(t, `messages.statuses.${m.status}`, m.status)],
        [t('messages.language'), m.language ? translateOr(t, `languages.${m.language}`, m.language) : '—'],
        [t('care2.message.encoding'), m.encoding ? <Code>{m.encoding}</Code> : '—'],
        [t('messages.segments'), format.number(m.segments)],
        [t('care2.message.attempts'), format.number(m.attempts)],
        [t('care2.message.created'), format.dateTime(m.createdAt)],
        [t('care2.message.sent'), m.sentAt ? format.dateTime(m.sentAt) : '—'],
        [t('care2.message.delivered'), m.deliveredAt ? format.dateTime(m.deliveredAt) : '—'],
        [t('care2.message.lastError'), m.lastError ? <Code>{m.lastError}</Code> : '—'],
      ]
    : [];
  return (
    <Dialog open onClose={onClose} aria-labelledby="message-detail-title" fullWidth maxWidth="sm">
      <DialogTitle id="message-detail-title">{t('care2.message.title')}</DialogTitle>
      <DialogContent>
        {detail.isPending ? (
          <Loading />
        ) : detail.isError ? (
          <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />
        ) : (
          <Stack spacing={2}>
            <Stack component="dl" spacing={0.5} sx={{ m: 0 }}>
              {rows.map(([label, value]) => (
                <Stack key={label} direction="row" spacing={2}>
                  <Typography component="dt" color="text.secondary" sx={{ minWidth: 140 }}>{label}</Typography>
                  <Typography component="dd" sx={{ m: 0 }}>{value}</Typography>
                </Stack>
              ))}
            </Stack>
            <div>
              <Typography component="h3" variant="subtitle2">{t('care2.message.text')}</Typography>
              {m?.text ? (
                <Typography sx={{ whiteSpace: 'pre-wrap', p: 1, bgcolor: 'action.hover', borderRadius: 1 }}><bdi>{m.text}</bdi></Typography>
              ) : (
                <Typography color="text.secondary">{t('care2.message.noText')}</Typography>
              )}
            </div>
            <div>
              <Typography component="h3" variant="subtitle2" id="message-history-title">{t('care2.message.history')}</Typography>
              <List dense aria-labelledby="message-history-title">
                {(m?.history ?? []).map((h, i) => (
                  <ListItem key={`${h.status}-${i}`} disableGutters>
                    <ListItemText primary={translateOr(t, `messages.statuses.${h.status}`, h.status)} secondary={[format.dateTime(h.at), h.detail].filter(Boolean).join(' · ')} />
                  </ListItem>
                ))}
              </List>
            </div>
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('care2.message.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
