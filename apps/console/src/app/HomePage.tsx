import { Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { hasRole } from '../auth/api';
import { useUser } from '../auth/session';
import { EmptyState, PageHeader } from '../components/ui';

/** Case workers start at the search; logistics officers at the convoy board (boarding is one tap from a convoy); supervisors at the duplicates queue; admins at users. */
export default function HomePage() {
  const { t } = useTranslation();
  const user = useUser();
  if (hasRole(user, 'caseworker')) return <Navigate to="/households" replace />;
  if (hasRole(user, 'logistics')) return <Navigate to="/convoys" replace />;
  if (hasRole(user, 'supervisor')) return <Navigate to="/duplicates" replace />;
  if (hasRole(user, 'admin')) return <Navigate to="/admin/users" replace />;
  return (
    <>
      <PageHeader title={t('home.title')} />
      <EmptyState>{t('home.noScreens')}</EmptyState>
    </>
  );
}
