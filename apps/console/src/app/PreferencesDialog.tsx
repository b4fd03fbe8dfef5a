// Language and digits, saved with the user at the gateway (so the shared laptop keeps no memory of them).
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import TextField from '@mui/material/TextField';
import { useSession, useUser } from '../auth/session';
import { useErrorText } from '../components/ui';
import { withDigits } from '../i18n/format';
import { LOCALE_INFO, LOCALES, isLocale, type Locale } from '../i18n/locales';

export default function PreferencesDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const user = useUser();
  const { setPreferences } = useSession();
  const errorText = useErrorText();
  const [locale, setLocale] = useState<Locale>(user.locale);
  const [arabicDigits, setArabicDigits] = useState(user.digits === 'arabic');
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const setOpen = (open: boolean) => {
    if (!open) onClose();
  };
  const save = async () => {
    setBusy(true);
    try {
      await setPreferences(locale, arabicDigits ? 'arabic' : 'latin');
      setOpen(false);
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Dialog open onClose={() => setOpen(false)} aria-labelledby="prefs-title">
        <DialogTitle id="prefs-title">{t('prefs.title')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {problem ? <Alert severity="error">{errorText(problem)}</Alert> : null}
            <TextField
              select
              id="prefs-language"
              label={t('prefs.language')}
              value={locale}
              onChange={(e) => isLocale(e.target.value) && setLocale(e.target.value)}
              slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
            >
              {LOCALES.map((l) => (
                <option key={l} value={l} lang={l} dir={LOCALE_INFO[l].dir}>{LOCALE_INFO[l].nativeName}</option>
              ))}
            </TextField>
            <FormControlLabel
              control={<Switch checked={arabicDigits} onChange={(e) => setArabicDigits(e.target.checked)} />}
              label={t('prefs.arabicDigits', { example: withDigits('0123456789', 'arabic') })}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
          <Button variant="contained" onClick={() => void save()} disabled={busy}>{t('common.save')}</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
