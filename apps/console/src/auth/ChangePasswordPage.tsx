import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { ApiError } from '../api/errors';
import { Loading, useErrorText } from '../components/ui';
import { ThemeShell } from '../app/ThemeShell';
import { authApi } from './api';
import { useSession } from './session';

export const MIN_PASSWORD_LENGTH = 12;

export default function ChangePasswordPage() {
  return (
    <ThemeShell>
      <ChangePassword />
    </ThemeShell>
  );
}

function ChangePassword() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { state, user, refresh, signOut } = useSession();
  const navigate = useNavigate();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [fieldProblem, setFieldProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (state === 'loading') return <Loading />;
  if (!user) return <Navigate to="/signin" replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setFieldProblem(null);
    if (next.length < MIN_PASSWORD_LENGTH) return setFieldProblem(t('password.tooShort', { count: MIN_PASSWORD_LENGTH }));
    if (next.toLowerCase() === user.username.toLowerCase()) return setFieldProblem(t('password.notUsername'));
    if (next !== repeat) return setFieldProblem(t('password.mismatch'));
    setBusy(true);
    try {
      await authApi.changePassword(current, next);
      await refresh();
      navigate('/', { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) setFieldProblem(error.fieldErrors.flatMap((f) => f.messages).join(' ') || errorText(error));
      else if (error instanceof ApiError && (error.status === 401 || error.status === 403)) setProblem(t('password.currentWrong'));
      else setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2 }}>
      <Paper sx={{ p: 4, width: '100%', maxWidth: 460 }}>
        <Stack component="form" spacing={2} onSubmit={submit} noValidate>
          <Typography variant="h5" component="h1">{t('password.title')}</Typography>
          {user.mustChangePassword ? <Alert severity="info">{t('password.mustChange')}</Alert> : null}
          {problem ? <Alert severity="error" role="alert">{problem}</Alert> : null}
          <TextField label={t('password.current')} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required autoFocus />
          <TextField
            label={t('password.new')}
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
            required
            error={!!fieldProblem}
            helperText={fieldProblem ?? t('password.rules', { count: MIN_PASSWORD_LENGTH })}
          />
          <TextField label={t('password.repeat')} type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} required />
          <Stack direction="row" spacing={1}>
            <Button type="submit" variant="contained" disabled={busy}>{t('password.submit')}</Button>
            <Button onClick={() => void signOut()}>{t('nav.signOut')}</Button>
          </Stack>
        </Stack>
      </Paper>
    </Box>
  );
}
