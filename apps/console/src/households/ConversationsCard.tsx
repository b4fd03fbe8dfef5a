// Questions asked to the family by SMS (seat confirmation, arrival check, follow-up survey), what it
// answered in its own words (and the survey's answers in the console's), and the follow-up flags a case worker clears. Read from notifications (camps checked, audited).
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notificationsApi, unwrap } from '../api/clients';
import { ApiError } from '../api/errors';
import { hasRole } from '../auth/api';
import { useUser } from '../auth/session';
import { useFormat } from '../app/prefs';
import { EmptyState, ErrorAlert, Loading } from '../components/ui';
import { translateOr } from '../i18n/dynamic';

interface ConversationReply {
  id: string;
  text: string;
  outcome: string;
  answer: number | null;
  receivedAt: string;
}

export interface ConversationView {
  id: string;
  purpose: string;
  state: string;
  outcome: string | null;
  openedAt: string;
  expiresAt: string;
  endedAt: string | null;
  helpSent: boolean;
  flagged: boolean;
  flagReason: string | null;
  flagClearedAt: string | null;
  flagClearNote?: string | null;
  replies: ConversationReply[];
  /** Follow-up survey only: when it is (or was) to be asked, and its answers. */
  asksAt?: string | null;
  surveyAnswers?: SurveyAnswer[];
}

interface SurveyAnswer {
  questionCode: string;
  answer: number;
  answerCode: string | null;
  answeredAt: string;
}

// The note dialog loads when a flag is cleared.
const ClearFlagDialog = lazy(() => import('../protection/ClearFlagDialog').then((m) => ({ default: m.ClearFlagDialog })));

const conversationsKey = (householdId: string) => ['household', householdId, 'conversations'] as const;

const OUTCOME_COLOUR: Record<string, 'success' | 'error' | 'warning' | 'default' | 'info'> = {
  confirmed: 'success',
  safe: 'success',
  declined: 'info',
  unanswered: 'warning',
  no_answer: 'warning',
  needs_help: 'error',
  completed: 'success',
  incomplete: 'warning',
};

/** A conversation's state or outcome in words: the survey's own words where the shared ones have none. */
function statusLabel(t: TFunction, status: string): string {
  return translateOr(t, `conversations.outcomes.${status}`, translateOr(t, `survey.outcomes.${status}`, translateOr(t, `survey.states.${status}`, status)));
}

function useConversations(householdId: string, enabled: boolean) {
  return useQuery({
    queryKey: conversationsKey(householdId),
    queryFn: () =>
      unwrap<ConversationView[]>(notificationsApi.GET('/households/{householdId}/conversations', { params: { path: { householdId } } })),
    enabled,
    retry: false,
  });
}

export function ConversationsCard({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useUser();
  const allowed = hasRole(user, 'caseworker', 'supervisor', 'admin');
  const conversations = useConversations(householdId, allowed);
  const [clearing, setClearing] = useState<string | null>(null);
  // Nothing known to notifications yet (404), or an older notifications without conversations: no card.
  if (!allowed || (conversations.error instanceof ApiError && [403, 404].includes(conversations.error.status))) return null;

  return (
    <Card component="section" aria-labelledby="conversations-title">
      <CardContent>
        <Typography id="conversations-title" component="h2" variant="h6" sx={{ mb: 1 }}>{t('conversations.title')}</Typography>
        {conversations.isPending ? (
          <Loading />
        ) : conversations.isError ? (
          <ErrorAlert error={conversations.error} onRetry={() => void conversations.refetch()} />
        ) : conversations.data.length === 0 ? (
          <EmptyState>{t('conversations.none')}</EmptyState>
        ) : (
          <Stack spacing={2} component="ul" sx={{ p: 0, m: 0, listStyle: 'none' }}>
            {conversations.data.map((c) => {
              const status = c.outcome ?? c.state;
              const openFlag = c.flagged && c.flagClearedAt === null;
              return (
                <Stack key={c.id} component="li" spacing={1} aria-label={translateOr(t, `conversations.purposes.${c.purpose}`, c.purpose)}>
                  <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                    <Typography sx={{ fontWeight: 600 }}>{translateOr(t, `conversations.purposes.${c.purpose}`, c.purpose)}</Typography>
                    <Chip
                      size="small"
                      color={c.state === 'open' ? 'default' : (OUTCOME_COLOUR[status] ?? 'default')}
                      label={c.state === 'open' ? t('conversations.states.open') : statusLabel(t, status)}
                    />
                    {openFlag ? <Chip size="small" color="error" variant="outlined" label={t('conversations.flagged', { reason: translateOr(t, `conversations.flagReasons.${c.flagReason ?? ''}`, c.flagReason ?? '') })} /> : null}
                    {c.flagged && !openFlag ? <Chip size="small" variant="outlined" label={t('conversations.flagCleared')} /> : null}
                  </Stack>
                  <Typography variant="body2" color="text.secondary">
                    {c.state === 'scheduled'
                      ? t('survey.asksAt', { when: format.dateTime(c.asksAt ?? c.expiresAt) })
                      : c.state === 'open'
                        ? t('conversations.deadline', { when: format.dateTime(c.expiresAt) })
                        : t('conversations.asked', { when: format.dateTime(c.openedAt) })}
                    {c.helpSent ? `${t('common.listSeparator')}${t('conversations.helpSent')}` : ''}
                  </Typography>
                  {c.surveyAnswers && c.surveyAnswers.length > 0 ? (
                    <Stack component="ul" spacing={0.5} sx={{ m: 0, ps: 2 }} aria-label={t('survey.answers')} data-survey-answers="">
                      {c.surveyAnswers.map((a) => (
                        <Typography key={a.questionCode} component="li" variant="body2">
                          {t('survey.answer', {
                            question: translateOr(t, `survey.questions.${a.questionCode}`, a.questionCode),
                            answer: a.answerCode ? translateOr(t, `survey.answerWords.${a.questionCode}.${a.answerCode}`, a.answerCode) : format.number(a.answer),
                          })}{' '}
                          <Typography component="span" variant="body2" color="text.secondary">({format.number(a.answer)}, {format.dateTime(a.answeredAt)})</Typography>
                        </Typography>
                      ))}
                    </Stack>
                  ) : null}
                  {c.replies.length > 0 ? (
                    <Stack component="ul" spacing={0.5} sx={{ m: 0, ps: 2 }} aria-label={t('conversations.replies')}>
                      {c.replies.map((r) => (
                        <Typography key={r.id} component="li" variant="body2">
                          <bdi>{r.text}</bdi>{' '}
                          <Typography component="span" variant="body2" color="text.secondary">
                            ({translateOr(t, `conversations.replyOutcomes.${r.outcome}`, r.outcome)}, {format.dateTime(r.receivedAt)})
                          </Typography>
                        </Typography>
                      ))}
                    </Stack>
                  ) : null}
                  {c.flagged && !openFlag && c.flagClearNote ? (
                    <Typography variant="body2"><bdi>{c.flagClearNote}</bdi></Typography>
                  ) : null}
                  {openFlag ? (
                    <div>
                      <Button size="small" variant="outlined" onClick={() => setClearing(c.id)}>
                        {t('conversations.clearFlag')}
                      </Button>
                    </div>
                  ) : null}
                </Stack>
              );
            })}
          </Stack>
        )}
        {clearing !== null ? (
          <Suspense fallback={null}>
            <ClearFlagDialog conversationId={clearing} caseNumber={null} onClose={() => setClearing(null)} onCleared={() => setClearing(null)} />
          </Suspense>
        ) : null}
      </CardContent>
    </Card>
  );
}
