import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" spacing={2} sx={{ py: 4, px: 2, alignItems: 'center' }} role="status" aria-live="polite">
      <CircularProgress size={24} aria-hidden />
      <Typography>{label ?? t('common.loading')}</Typography>
    </Stack>
  );
}

