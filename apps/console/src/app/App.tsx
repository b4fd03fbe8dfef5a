// The console: session, language and direction, then the routes. Every page is loaded on demand,
// so the first visit on a slow link downloads only the sign-in screen (and no data layer: the
// query cache lives in the signed-in frame, one per signed-in person).
import { Suspense, useCallback } from 'react';
import { BrowserRouter, Navigate, Outlet, Route, Routes, useLocation, useNavigate } from 'react-router';
import { hasRole, startSessionCheck, type Role } from '../auth/api';
import { SessionProvider, useSession } from '../auth/session';
import { PlainLoading } from '../components/PlainLoading';
import { loadMoreStrings, loadPageStrings } from '../i18n/i18n';
import { keepShellOnDevice } from '../boarding/offline-shell';
import { startEarlyReads } from './early-reads';
import { lazyPage, type PreloadablePage } from './lazy-page';
import { routePreloadFor } from './route-preloads';

// What a page shows while its code arrives (plain text: no MUI before the frame's chunks).
const LOADING = <PlainLoading />;
const SignInPage = lazyPage(() => import('../auth/SignInPage'), LOADING);
const ChangePasswordPage = lazyPage(() => import('../auth/ChangePasswordPage'), LOADING);
// The frame comes with the pages' strings, so no page shows a key while they load.
const loadLayout = async () => (await Promise.all([loadPageStrings(), import('./Layout')]))[1];
const Layout = lazyPage(loadLayout, LOADING);
// The pages of route-preloads.ts: the one opened is fetched at boot, beside the session check.
const HomePage = lazyPage(() => import('./HomePage'), LOADING);
const SearchPage = lazyPage(() => import('../households/SearchPage'), LOADING);
const RegisterPage = lazyPage(() => import('../households/RegisterPage'), LOADING);
const HouseholdPage = lazyPage(() => import('../households/HouseholdPage'), LOADING);

/** The page of a signed-in address opened directly, if route-preloads.ts lists it (its own matcher). */
const PRELOADED_PAGES: Record<string, PreloadablePage<object>> = {
  '/': HomePage,
  '/households': SearchPage,
  '/households/new': RegisterPage,
  '/households/:id': HouseholdPage,
};

// On a link with 400 ms round trips, waiting for the session answer before fetching the frame
// costs a round trip: a page opened directly (a reload, a bookmark) starts both at once.
if (typeof window !== 'undefined') startSessionCheck();
if (typeof window !== 'undefined' && !['/signin', '/change-password'].includes(window.location.pathname)) {
  // The page's first reads go out before its chunks, so that they are not queued behind them.
  startEarlyReads(window.location.pathname);
  void Layout.preload().catch(() => undefined);
  const opened = routePreloadFor(window.location.pathname)?.route.path;
  if (opened !== undefined) void PRELOADED_PAGES[opened]?.preload().catch(() => undefined);
  // Two small files (sw.js, the shell) beside the page's own; the next load skips the HTML's round trip.
  keepShellOnDevice();
}
/** A page outside the case workers' four above: it comes with the rest of the Arabic strings (ar-more.ts). */
const withMoreStrings = <T,>(page: Promise<T>): Promise<T> => Promise.all([page, loadMoreStrings()]).then(([module]) => module);
const ImportPage = lazyPage(() => withMoreStrings(import('../imports/ImportPage')), LOADING);
const DuplicatesPage = lazyPage(() => withMoreStrings(import('../duplicates/DuplicatesPage')), LOADING);
const OverridesPage = lazyPage(() => withMoreStrings(import('../eligibility/OverridesPage')), LOADING);
const AreasPage = lazyPage(() => withMoreStrings(import('../eligibility/AreasPage')), LOADING);
const RuleSetsPage = lazyPage(() => withMoreStrings(import('../eligibility/RuleSetsPage')), LOADING);
const MessagesPage = lazyPage(() => withMoreStrings(import('../messages/MessagesPage')), LOADING);
const ConsentPolicyPage = lazyPage(() => withMoreStrings(import('../camps/ConsentPolicyPage')), LOADING);
const UsersPage = lazyPage(() => withMoreStrings(import('../admin/UsersPage')), LOADING);
const TemplatesPage = lazyPage(() => withMoreStrings(import('../admin/TemplatesPage')), LOADING);
const RetentionPage = lazyPage(() => withMoreStrings(import('../admin/RetentionPage')), LOADING);
const ReportsPage = lazyPage(() => withMoreStrings(import('../reports/ReportsPage')), LOADING);
const FleetPage = lazyPage(() => withMoreStrings(import('../logistics/FleetPage')), LOADING);
const PlanningPage = lazyPage(() => withMoreStrings(import('../logistics/PlanningPage')), LOADING);
const ConvoysPage = lazyPage(() => withMoreStrings(import('../logistics/ConvoysPage')), LOADING);
const ConvoyPage = lazyPage(() => withMoreStrings(import('../logistics/ConvoyPage')), LOADING);
// The printable manifest stands outside the frame (nothing but the sheet is printed): it brings the strings itself.
const ManifestPage = lazyPage(() => withMoreStrings(import('../logistics/ManifestPage')), LOADING);
const BoardingListPage = lazyPage(() => withMoreStrings(import('../boarding/BoardingListPage')), LOADING);
const BoardingPage = lazyPage(() => withMoreStrings(import('../boarding/BoardingPage')), LOADING);
const FollowUpPage = lazyPage(() => withMoreStrings(import('../protection/FollowUpPage')), LOADING);
const AuditPage = lazyPage(() => withMoreStrings(import('../protection/AuditPage')), LOADING);

/** Signed-in pages; anyone else goes to sign-in (the address they wanted is kept in memory). */
function RequireSession() {
  const { state, user } = useSession();
  const location = useLocation();
  if (state === 'loading') return <PlainLoading />;
  if (state === 'signed-out' || !user) return <Navigate to="/signin" replace state={{ from: location.pathname }} />;
  if (user.mustChangePassword) return <Navigate to="/change-password" replace />;
  return <Outlet />;
}

function RequireRole({ roles }: { roles: Role[] }) {
  const { user } = useSession();
  return hasRole(user, ...roles) ? <Outlet /> : <Navigate to="/" replace />;
}

const CASEWORK: Role[] = ['caseworker', 'supervisor', 'admin'];
const SUPERVISION: Role[] = ['supervisor', 'admin'];
const REPORTS: Role[] = ['supervisor', 'admin', 'logistics'];
// Transport lets logistics officers write and supervisors read.
const LOGISTICS: Role[] = ['logistics', 'supervisor'];

function Console() {
  const navigate = useNavigate();
  // When another person signs in (or the user signs out), start again from the home page.
  const onUserChanged = useCallback(() => navigate('/', { replace: true }), [navigate]);
  return (
    <SessionProvider onUserChanged={onUserChanged}>
      <Suspense fallback={<PlainLoading />}>
        <Routes>
          <Route path="/signin" element={<SignInPage />} />
          <Route path="/change-password" element={<ChangePasswordPage />} />
          <Route element={<RequireSession />}>
            <Route element={<RequireRole roles={LOGISTICS} />}>
              <Route path="convoys/:id/manifest" element={<ManifestPage />} />
            </Route>
            <Route element={<Layout />}>
              <Route index element={<HomePage />} />
              <Route element={<RequireRole roles={CASEWORK} />}>
                <Route path="households" element={<SearchPage />} />
                <Route path="households/new" element={<RegisterPage />} />
                <Route path="households/:id" element={<HouseholdPage />} />
                <Route path="imports" element={<ImportPage />} />
                <Route path="follow-up" element={<FollowUpPage />} />
              </Route>
              <Route element={<RequireRole roles={SUPERVISION} />}>
                <Route path="duplicates" element={<DuplicatesPage />} />
                <Route path="overrides" element={<OverridesPage />} />
                <Route path="areas" element={<AreasPage />} />
                <Route path="rule-sets" element={<RuleSetsPage />} />
                <Route path="messages" element={<MessagesPage />} />
                <Route path="camp-policy" element={<ConsentPolicyPage />} />
                <Route path="audit" element={<AuditPage />} />
              </Route>
              <Route element={<RequireRole roles={LOGISTICS} />}>
                <Route path="convoys" element={<ConvoysPage />} />
                <Route path="convoys/:id" element={<ConvoyPage />} />
                <Route path="fleet" element={<FleetPage />} />
              </Route>
              <Route element={<RequireRole roles={['logistics']} />}>
                <Route path="planning" element={<PlanningPage />} />
                <Route path="boarding" element={<BoardingListPage />} />
                <Route path="boarding/:convoyId" element={<BoardingPage />} />
              </Route>
              <Route element={<RequireRole roles={['admin']} />}>
                <Route path="admin/users" element={<UsersPage />} />
                <Route path="admin/templates" element={<TemplatesPage />} />
                <Route path="admin/retention" element={<RetentionPage />} />
              </Route>
              <Route element={<RequireRole roles={REPORTS} />}>
                <Route path="reports" element={<ReportsPage />} />
              </Route>
              <Route path="*" element={<Navigate to="/" replace />} />
            </Route>
          </Route>
        </Routes>
      </Suspense>
    </SessionProvider>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <Console />
    </BrowserRouter>
  );
}
