// The session ended while a page was open: sign in again over it, nothing on the page is lost.
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { SignInForm } from '../auth/SignInForm';

export default function SessionExpiredDialog() {
  const { t } = useTranslation();
  const { expired, user } = useSession();
  return (
    <Dialog open={expired} aria-labelledby="expired-title">
      <DialogTitle id="expired-title">{t('session.expiredTitle')}</DialogTitle>
      <DialogContent>
        <Typography sx={{ mb: 2 }}>{t('session.expiredText')}</Typography>
        <SignInForm onSignedIn={() => undefined} initialUsername={user?.username ?? ''} idPrefix="reauth" />
      </DialogContent>
    </Dialog>
  );
}

