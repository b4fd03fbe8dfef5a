// Username and password; each refusal of the gateway said in a sentence (locked: for how long).
// Plain elements and a small stylesheet instead of MUI: this form is the first thing a camp
// office's browser downloads over its slow link.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/errors';
import { formatNumber } from '../i18n/format';
import { usePrefs } from '../app/prefs';
import type { SessionUser } from './api';
import { useSession } from './session';
import './signin.css';

export function SignInForm({ onSignedIn, initialUsername = '', idPrefix = 'signin' }: { onSignedIn: (user: SessionUser) => void; initialUsername?: string; idPrefix?: string }) {
  const { t } = useTranslation();
  const prefs = usePrefs();
  const { signIn } = useSession();
  const [username, setUsername] = useState(initialUsername);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!username.trim() || !password) {
      setProblem(t('signIn.missing'));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const user = await signIn(username.trim(), password);
      setPassword('');
      onSignedIn(user);
    } catch (error) {
      setPassword('');
      if (error instanceof ApiError && error.status === 423) {
        const seconds = Number(error.body['retryAfterSeconds'] ?? 0);
        setProblem(t('signIn.locked', { minutes: formatNumber(Math.max(1, Math.ceil(seconds / 60)), prefs) }));
      } else if (error instanceof ApiError && error.status === 429) {
        setProblem(t('signIn.tooMany'));
      } else if (error instanceof ApiError && error.status === 401) {
        setProblem(t('signIn.invalid'));
      } else if (error instanceof ApiError && error.status === 403) {
        setProblem(t('signIn.disabled'));
      } else {
        setProblem(error instanceof ApiError && error.isNetwork ? t('errors.NETWORK') : t('errors.GENERIC'));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="signin-form" onSubmit={submit} noValidate aria-label={t('signIn.title')}>
      {problem ? <p className="signin-problem" role="alert">{problem}</p> : null}
      <div className="signin-field">
        <label htmlFor={`${idPrefix}-username`}>{t('signIn.username')}</label>
        <input
          id={`${idPrefix}-username`}
          name="username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          autoFocus={!initialUsername}
          required
          dir="ltr"
          autoCapitalize="none"
          spellCheck={false}
        />
      </div>
      <div className="signin-field">
        <label htmlFor={`${idPrefix}-password`}>{t('signIn.password')}</label>
        <input
          id={`${idPrefix}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoFocus={!!initialUsername}
          required
        />
      </div>
      <button type="submit" className="signin-button" disabled={busy}>
        {busy ? t('signIn.signingIn') : t('signIn.submit')}
      </button>
    </form>
  );
}
