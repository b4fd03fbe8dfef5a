// What the household page shows once a household's personal data is erased (410 HOUSEHOLD_ERASED):
// no names or details are left; when it was erased if this page did it.
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { ApiError } from '../api/errors';
import { useFormat } from '../app/prefs';
import { DirectionalIcon, PageHeader } from '../components/ui';

/** True when the household's answer says its personal data was erased. */
export function isErased(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'REGISTRATION.HOUSEHOLD_ERASED';
}

export function ErasedNotice({ erasedAt }: { erasedAt?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      <Button component={RouterLink} to="/households" startIcon={<DirectionalIcon icon={<ArrowBackIcon />} />} sx={{ mb: 1 }}>
        {t('household.backToSearch')}
      </Button>
      <PageHeader title={t('household.title')} />
      <Alert severity="info" role="status">
        <AlertTitle>{t('protection.erased.title')}</AlertTitle>
        {t('protection.erased.text')}
        {erasedAt ? ` ${t('protection.erased.when', { when: format.dateTime(erasedAt) })}` : ''}
      </Alert>
    </>
  );
}
