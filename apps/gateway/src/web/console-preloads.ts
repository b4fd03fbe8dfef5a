import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** One console address as the console's build describes it (apps/console/src/app/route-preloads.ts). */
interface BuiltRoute {
  path: string;
  scripts: string[];
  styles: string[];
  reads: string[];
}

interface Route extends BuiltRoute {
  pattern: RegExp;
}

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
// Only plain paths go into the HTML (file names from the build, UUIDs from the address).
const PLAIN_PATH = /^\/[A-Za-z0-9._~/-]*$/;

function compile(route: BuiltRoute): Route {
  const escaped = route.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(':id', `(${UUID})`);
  return { ...route, pattern: new RegExp(`^${escaped}/?$`) };
}

function isBuiltRoute(value: unknown): value is BuiltRoute {
  const route = value as BuiltRoute;
  const strings = (list: unknown) => Array.isArray(list) && list.every((item) => typeof item === 'string');
  return typeof route?.path === 'string' && strings(route.scripts) && strings(route.styles) && strings(route.reads);
}

/**
 * The preload links for a console address: its chunks and first reads, from the build's
 * .vite/route-preloads.json (re-read when a new build replaces it). On a slow link they start with
 * the HTML instead of after the entry has run. No file, or an address it does not list: no links.
 */
export class ConsolePreloads {
  private loaded: { mtimeMs: number; routes: Route[] } | undefined;

  constructor(private readonly root: string) {}

  /** `<link>` elements for the head of the page at `pathname`, or '' for none. */
  linksFor(pathname: string): string {
    for (const route of this.routes()) {
      const match = route.pattern.exec(pathname);
      if (!match) continue;
      const id = match[1];
      const reads = route.reads.map((url) => (id === undefined ? url : url.replace(':id', id))).filter((url) => PLAIN_PATH.test(url));
      const styles = route.styles.filter((url) => PLAIN_PATH.test(url));
      const scripts = route.scripts.filter((url) => PLAIN_PATH.test(url));
      // Same credentials mode as the console's fetch (same-origin), or the browser fetches twice.
      return [
        ...reads.map((url) => `<link rel="preload" as="fetch" crossorigin href="${url}">`),
        ...styles.map((url) => `<link rel="preload" as="style" crossorigin href="${url}">`),
        ...scripts.map((url) => `<link rel="modulepreload" crossorigin href="${url}">`),
      ].join('');
    }
    return '';
  }

  private routes(): Route[] {
    const file = join(this.root, '.vite', 'route-preloads.json');
    let mtimeMs: number;
    try {
      mtimeMs = statSync(file).mtimeMs;
    } catch {
      this.loaded = undefined;
      return [];
    }
    if (this.loaded?.mtimeMs !== mtimeMs) {
      let routes: Route[] = [];
      try {
        const parsed = JSON.parse(readFileSync(file, 'utf8')) as { routes?: unknown };
        routes = Array.isArray(parsed.routes) ? parsed.routes.filter(isBuiltRoute).map(compile) : [];
      } catch {
        routes = [];
      }
      this.loaded = { mtimeMs, routes };
    }
    return this.loaded.routes;
  }
}
