// Small pieces every page uses: loading, empty and error states, names and phones in their own
// direction, pointing icons that follow the page's direction, a page heading.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorSentence } from '../i18n/error-text';
import { fieldMessageText } from '../i18n/field-text';
import { useFormat } from '../app/prefs';

export { Loading } from './Loading';

export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <Box sx={{ py: 4, px: 2, textAlign: 'center', color: 'text.secondary', border: 1, borderStyle: 'dashed', borderColor: 'divider', borderRadius: 1 }}>
      <Typography>{children}</Typography>
    </Box>
  );
}

/** A sentence for an error in the user's language: what happened and what to do (see i18n/error-text). */
export function useErrorText(): ((error: unknown) => string) & { field: (field: string, message: string) => string } {
  const { t } = useTranslation();
  const format = useFormat();
  // With .field, fieldErrorMap says each field's message in the user's language too.
  return Object.assign((error: unknown) => errorSentence(t, error), {
    field: (field: string, message: string) => fieldMessageText(t, field, message, format.number),
  });
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const text = useErrorText();
  return (
    <Alert
      severity="error"
      role="alert"
      action={onRetry ? <Button color="inherit" size="small" onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    >
      {text(error)}
    </Alert>
  );
}

/** A person's name: isolated, so Arabic and Latin names never reorder the text around them. */
export function PersonName({ ar, latin }: { ar: string | null; latin?: string | null }) {
  return (
    <>
      <bdi>{ar ?? ''}</bdi>
      {latin ? (
        // Its own left-to-right island, brackets included, kept on one line where it fits. The gap is
        // a space outside it: a margin "at the start" of a left-to-right island sits on the wrong
        // side in a right-to-left page, and the two names touched.
        <>
          {' '}
          <Typography component="bdi" dir="ltr" color="text.secondary" sx={{ display: 'inline-block' }}>
            ({latin})
          </Typography>
        </>
      ) : null}
    </>
  );
}

/** A phone number, always left to right, with the user's digits. */
export function PhoneText({ e164 }: { e164: string }) {
  const format = useFormat();
  return <bdi dir="ltr">{format.phone(e164)}</bdi>;
}

/** Codes and ids (case numbers, area codes): left to right inside any paragraph. */
export function Code({ children }: { children: ReactNode }) {
  return <bdi dir="ltr" style={{ whiteSpace: 'nowrap' }}>{children}</bdi>;
}

/** Arrows and chevrons point the way the page reads. */
export function DirectionalIcon({ icon }: { icon: ReactElement<{ sx?: object }> }) {
  const theme = useTheme();
  return <Box component="span" sx={{ display: 'inline-flex', transform: theme.direction === 'rtl' ? 'scaleX(-1)' : 'none' }}>{icon}</Box>;
}

export function PageHeader({ title, actions, subtitle }: { title: ReactNode; actions?: ReactNode; subtitle?: ReactNode }) {
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 3, alignItems: { sm: 'center' }, justifyContent: 'space-between' }}>
      <Box>
        <Typography variant="h5" component="h1" sx={{ fontWeight: 700 }}>
          {title}
        </Typography>
        {subtitle ? <Typography color="text.secondary">{subtitle}</Typography> : null}
      </Box>
      {actions ? <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>{actions}</Stack> : null}
    </Stack>
  );
}
