// Language and digits, saved with the user at the gateway (so the shared laptop keeps no memory of
// them). The dialog loads when opened.
import TranslateIcon from '@mui/icons-material/Translate';
import IconButton from '@mui/material/IconButton';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';

const PreferencesDialog = lazy(() => import('./PreferencesDialog'));

export function PreferencesMenu() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <IconButton color="inherit" aria-label={t('prefs.title')} title={t('prefs.title')} onClick={() => setOpen(true)}>
        <TranslateIcon />
      </IconButton>
      <Suspense fallback={null}>{open ? <PreferencesDialog onClose={() => setOpen(false)} /> : null}</Suspense>
    </>
  );
}
