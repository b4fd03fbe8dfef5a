// The SMS sent to the family and where each one is (queued, sent, delivered, failed …).
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/errors';
import { hasRole } from '../auth/api';
import { useUser } from '../auth/session';
import { useFormat } from '../app/prefs';
import { EmptyState, ErrorAlert, Loading } from '../components/ui';
import { translateOr } from '../i18n/dynamic';
import { templateName } from '../i18n/template-name';
import { useMessages } from './queries';

const MessageDetailDialog = lazy(() => import('./MessageDetailDialog').then((m) => ({ default: m.MessageDetailDialog })));

const STATUS_COLOUR: Record<string, 'success' | 'error' | 'warning' | 'default' | 'info'> = {
  delivered: 'success',
  sent: 'info',
  failed: 'error',
  expired: 'warning',
  suppressed: 'warning',
  cancelled: 'default',
};

/**
 * The household's SMS for the household page. Case workers ask too: notifications lets them read the
 * SMS of their camps' households in newer versions and refuses them (403) in older ones, so a 403
 * hides the card quietly (shown: false) instead of showing an error.
 */
export function useHouseholdMessages(householdId: string) {
  const user = useUser();
  const allowed = hasRole(user, 'caseworker', 'supervisor', 'admin');
  const messages = useMessages(householdId, allowed);
  const forbidden = messages.error instanceof ApiError && messages.error.status === 403;
  return { messages, shown: allowed && !forbidden };
}

export function MessagesCard({ messages }: { messages: ReturnType<typeof useHouseholdMessages>['messages'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useUser();
  // Supervisors open one message: its text, attempts, last error and status history.
  const canOpen = hasRole(user, 'supervisor', 'admin');
  const [opened, setOpened] = useState<string | null>(null);

  return (
    <Card component="section" aria-labelledby="messages-title">
      <CardContent>
        <Typography id="messages-title" component="h2" variant="h6" sx={{ mb: 1 }}>{t('messages.title')}</Typography>
        {messages.isPending ? (
          <Loading />
        ) : messages.isError ? (
          <ErrorAlert error={messages.error} onRetry={() => void messages.refetch()} />
        ) : messages.data.length === 0 ? (
          <EmptyState>{t('messages.none')}</EmptyState>
        ) : (
          <TableContainer>
            <Table size="small" aria-labelledby="messages-title">
              <TableHead>
                <TableRow>
                  <TableCell>{t('messages.template')}</TableCell>
                  <TableCell>{t('messages.status')}</TableCell>
                  <TableCell>{t('messages.when')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {messages.data.map((m) => {
                  // Language and parts are known once the text is made; a waiting message has neither yet.
                  const facts = [
                    m.language ? translateOr(t, `languages.${m.language}`, m.language) : null,
                    m.segments > 0 ? `${t('messages.segments')}: ${format.number(m.segments)}` : null,
                  ].filter((f): f is string => f !== null);
                  return (
                    <TableRow key={m.id}>
                      <TableCell>
                        {canOpen ? (
                          <Button size="small" sx={{ p: 0, minWidth: 0, textTransform: 'none' }} onClick={() => setOpened(m.id)} aria-haspopup="dialog">
                            {templateName(t, m.template)}
                          </Button>
                        ) : (
                          templateName(t, m.template)
                        )}
                        {facts.length ? <Typography variant="body2" color="text.secondary">{facts.join(' · ')}</Typography> : null}
                      </TableCell>
                      <TableCell>
                        <Chip size="small" color={STATUS_COLOUR[m.status] ?? 'default'} label={translateOr(t, `messages.statuses.${m.status}`, m.status)} />
                      </TableCell>
                      <TableCell>{format.dateTime(m.deliveredAt ?? m.sentAt ?? m.createdAt)}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </CardContent>
      <Suspense fallback={null}>{opened ? <MessageDetailDialog messageId={opened} onClose={() => setOpened(null)} /> : null}</Suspense>
    </Card>
  );
}
