import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { usePrefs } from '../app/prefs';
import { authApi, type AuthConfig } from './api';
import { LanguagePicker } from './LanguagePicker';
import { useSession } from './session';
import { SignInForm } from './SignInForm';
import './signin.css';

export default function SignInPage() {
  const { t } = useTranslation();
  const { state, setAnonymousLocale } = useSession();
  const prefs = usePrefs();
  const navigate = useNavigate();
  const location = useLocation();
  const [config, setConfig] = useState<AuthConfig | null>(null);
  useEffect(() => {
    // Only to show the identity-provider button; without an answer the password form is enough.
    authApi.config().then(setConfig, () => setConfig(null));
  }, []);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (state === 'signed-in') return <Navigate to={from} replace />;
  return (
    <main className="signin-page">
      <div className="signin-card">
        <h1>{t('app.name')}</h1>
        <p className="signin-tagline">{t('app.tagline')}</p>
        <div style={{ marginBlockStart: 20 }}>
          <LanguagePicker value={prefs.locale} onChange={setAnonymousLocale} id="signin-language" />
        </div>
        <h2>{t('signIn.title')}</h2>
        <SignInForm onSignedIn={(user) => navigate(user.mustChangePassword ? '/change-password' : from, { replace: true })} />
        {config?.oidc ? (
          <>
            <p className="signin-or">{t('signIn.or')}</p>
            {/* A full navigation: the gateway redirects to the identity provider. */}
            <a className="signin-oidc" href="/auth/oidc/start">
              {config.oidcLabel ? t('signIn.oidcWith', { provider: config.oidcLabel }) : t('signIn.oidc')}
            </a>
          </>
        ) : null}
        <p className="signin-note">{t('signIn.sharedComputer')}</p>
      </div>
    </main>
  );
}
