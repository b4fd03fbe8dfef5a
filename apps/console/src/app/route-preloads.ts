// What a page opened directly (a reload, a bookmark, a link in a message) needs first: its modules
// and its first reads. The build (vite.config.ts) turns the modules into this build's file names
// (.vite/route-preloads.json) and the gateway lists them, with the reads, as preload links in the
// index.html it serves for that address: on a 400 ms link they start with the HTML instead of
// after the entry and React (~3 s later). The entry starts the same reads (early-reads.ts), and
// the browser hands it the preloaded answers. Reads carry ids only, never personal data.

export interface RoutePreload {
  /** A console address; `:id` stands for a UUID (no other value is put into a URL). */
  path: string;
  /** Source modules, relative to apps/console (the build adds their static imports). */
  modules: string[];
  /** GET requests the page makes first, same URL as the page's code (`:id` as above). */
  reads: string[];
}

/** The signed-in frame and the pages' strings (App.tsx loads them together). */
const FRAME = ['src/app/Layout.tsx', 'src/i18n/locales/ar-pages.ts'];
const SESSION = '/auth/session';

export const ROUTE_PRELOADS: readonly RoutePreload[] = [
  {
    path: '/households/:id',
    modules: [...FRAME, 'src/households/HouseholdPage.tsx'],
    reads: [SESSION, '/api/registration/households/:id', '/api/eligibility/assessments/:id', '/api/registration/areas'],
  },
  { path: '/households/new', modules: [...FRAME, 'src/households/RegisterPage.tsx'], reads: [SESSION] },
  { path: '/households', modules: [...FRAME, 'src/households/SearchPage.tsx'], reads: [SESSION] },
  { path: '/', modules: [...FRAME, 'src/app/HomePage.tsx'], reads: [SESSION] },
  { path: '/signin', modules: ['src/auth/SignInPage.tsx'], reads: [SESSION] },
];

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** The route preload for a pathname and the id in it, if any (first match in table order). */
export function routePreloadFor(pathname: string): { route: RoutePreload; id: string | undefined } | undefined {
  for (const route of ROUTE_PRELOADS) {
    const pattern = new RegExp(`^${route.path.replace(':id', `(${UUID})`)}/?$`);
    const match = pattern.exec(pathname);
    if (match) return { route, id: match[1] };
  }
  return undefined;
}
