// The signed-in frame: app bar (who, language, digits, sign-out), navigation at the start side
// (right in Arabic and Sorani, left in English and Kurmanji) and the page. Below 900 px the
// navigation folds into a menu so a 10-inch tablet keeps the page's width.
import MenuIcon from '@mui/icons-material/Menu';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import ListSubheader from '@mui/material/ListSubheader';
import Paper from '@mui/material/Paper';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useUser, useSession } from '../auth/session';
import { Loading } from '../components/Loading';
import { NAV_GROUP_LABELS, navItemsFor, type NavItem } from './navigation';
import { translateOr } from '../i18n/dynamic';
import { loadMoreStrings } from '../i18n/i18n';
import { PreferencesMenu } from './PreferencesMenu';
import { createQueryClient } from './query-client';
import { ThemeShell } from './ThemeShell';

const DRAWER_WIDTH = 232;

// The menu of narrow screens, loaded when it is first wanted (or a few seconds after the frame).
const loadMenuDrawer = () => import('./MenuDrawer');
const MenuDrawer = lazy(loadMenuDrawer);
const preloadMenuDrawer = () => void loadMenuDrawer().catch(() => undefined);

function Navigation({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const user = useUser();
  const location = useLocation();
  const items = navItemsFor(user.roles);
  const groups: NavItem['group'][] = ['logistics', 'casework', 'supervision', 'administration', 'reports'];
  return (
    <Box component="nav" aria-label={t('nav.label')} sx={{ overflowY: 'auto' }}>
      {groups.map((group) => {
        const inGroup = items.filter((item) => item.group === group);
        if (inGroup.length === 0) return null;
        return (
          <List key={group} dense subheader={<ListSubheader component="div" sx={{ bgcolor: 'transparent', fontWeight: 700 }}>{translateOr(t, NAV_GROUP_LABELS[group], group)}</ListSubheader>}>
            {inGroup.map((item) => {
              const current =
                location.pathname === item.path ||
                (item.key === 'households' && /^\/households\/(?!new)/.test(location.pathname)) ||
                (item.key === 'convoys' && location.pathname.startsWith('/convoys/')) ||
                (item.key === 'boarding' && location.pathname.startsWith('/boarding/'));
              return (
                <ListItemButton
                  key={item.key}
                  component={NavLink}
                  to={item.path}
                  end
                  selected={current}
                  aria-current={current ? 'page' : undefined}
                  onClick={onNavigate}
                >
                  <ListItemText primary={translateOr(t, item.label ?? `nav.${item.key}`, item.key)} />
                </ListItemButton>
              );
            })}
          </List>
        );
      })}
    </Box>
  );
}

// The sign-in dialog over a page whose session ended: its own chunk (the sign-in form, MUI's dialog),
// fetched a while after the frame has painted rather than with it.
const loadExpiredDialog = () => import('./SessionExpiredDialog');
const SessionExpiredDialog = lazy(loadExpiredDialog);

function SessionExpiry() {
  const { expired } = useSession();
  useEffect(() => {
    // Also the other pages' strings, so that the next page opened from the menu does not wait for them.
    const timer = setTimeout(() => void Promise.all([loadExpiredDialog(), loadMoreStrings()]).catch(() => undefined), 15_000);
    return () => clearTimeout(timer);
  }, []);
  return expired ? <Suspense fallback={null}><SessionExpiredDialog /></Suspense> : null;
}

/**
 * The navigation at the start side: beside the page on a wide screen (what MUI's permanent drawer
 * draws, without the modal code its module brings along), a menu over it on a narrow one. One
 * component in the frame's place for both, so that crossing the width (a tablet turned, a window
 * resized) changes only this part: with the two in the frame's children the page beside them could
 * be mounted again and lose what is being typed (Preact matches unkeyed children by type).
 */
function SideNavigation({ wide, menuOpen, onCloseMenu }: { wide: boolean; menuOpen: boolean; onCloseMenu: () => void }) {
  const theme = useTheme();
  if (!wide) return <NarrowMenu open={menuOpen} onClose={onCloseMenu} />;
  return (
    <Box sx={{ width: DRAWER_WIDTH, flexShrink: 0 }}>
      <Paper
        square
        elevation={0}
        sx={{ position: 'fixed', top: 0, insetInlineStart: 0, width: DRAWER_WIDTH, height: '100%', overflowY: 'auto', borderInlineEnd: (t) => `1px solid ${t.palette.divider}`, zIndex: theme.zIndex.drawer }}
      >
        <Toolbar />
        <Navigation />
      </Paper>
    </Box>
  );
}

/** The menu of a narrow screen: its chunk is fetched a while after the frame has painted, or at once when asked for. */
function NarrowMenu({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [wanted, setWanted] = useState(open);
  if (open && !wanted) setWanted(true);
  useEffect(() => {
    const timer = setTimeout(preloadMenuDrawer, 5_000);
    return () => clearTimeout(timer);
  }, []);
  // Mounted from the first opening on, so that closing slides it out.
  return open || wanted ? (
    <Suspense fallback={null}>
      <MenuDrawer open={open} onClose={onClose} width={DRAWER_WIDTH}>
        <Navigation onNavigate={onClose} />
      </MenuDrawer>
    </Suspense>
  ) : null;
}

/** The query cache belongs to one person: a new one when someone else signs in on this computer. */
export default function Layout() {
  const user = useUser();
  return (
    <ThemeShell>
      <PersonalLayout key={user.id} />
    </ThemeShell>
  );
}

function PersonalLayout() {
  const [queryClient] = useState(createQueryClient);
  const { t } = useTranslation();
  const theme = useTheme();
  const wide = useMediaQuery(theme.breakpoints.up('md'));
  const [menuOpen, setMenuOpen] = useState(false);
  const user = useUser();
  const { signOut } = useSession();

  return (
    <QueryClientProvider client={queryClient}>
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <Link href="#main" sx={{ position: 'absolute', insetInlineStart: 8, top: -48, zIndex: 2000, bgcolor: 'background.paper', p: 1, '&:focus': { top: 8 } }}>
        {t('nav.skip')}
      </Link>
      <AppBar position="fixed" sx={{ zIndex: theme.zIndex.drawer + 1 }}>
        <Toolbar sx={{ gap: 1 }}>
          {wide ? null : (
            <IconButton color="inherit" edge="start" aria-label={t('nav.open')} onClick={() => setMenuOpen(true)} onPointerEnter={preloadMenuDrawer} onFocus={preloadMenuDrawer}>
              <MenuIcon />
            </IconButton>
          )}
          <Typography variant="h6" component="div" sx={{ fontWeight: 700, flexShrink: 0 }}>
            {t('app.name')}
          </Typography>
          <Box sx={{ flexGrow: 1 }} />
          <Typography component="div" sx={{ display: { xs: 'none', sm: 'block' }, marginInlineEnd: 1 }} data-testid="signed-in-as">
            <bdi>{user.displayName}</bdi>
          </Typography>
          <PreferencesMenu />
          <Button color="inherit" variant="outlined" onClick={() => void signOut()}>
            {t('nav.signOut')}
          </Button>
        </Toolbar>
      </AppBar>
      <SideNavigation wide={wide} menuOpen={menuOpen} onCloseMenu={() => setMenuOpen(false)} />
      <Box component="main" id="main" tabIndex={-1} sx={{ flexGrow: 1, minWidth: 0, p: { xs: 2, md: 3 }, outline: 'none' }}>
        <Toolbar />
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </Box>
      <SessionExpiry />
    </Box>
    </QueryClientProvider>
  );
}
