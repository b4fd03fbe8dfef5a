// The console's build: served by the gateway from dist/console (CSP `script-src 'self'`, so no
// inline scripts), hashed assets cached for a year. Routes are split so that the sign-in page
// loads only what it needs on a camp's slow link.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type Rollup } from 'vite';
import { ROUTE_PRELOADS } from './src/app/route-preloads.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Files under public/, as the site serves them ('/manifest.webmanifest', '/icons/icon-192.png'). */
function publicFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? publicFiles(dir, `${prefix}${entry.name}/`) : [`/${prefix}${entry.name}`],
  );
}

/**
 * Writes sw.js (pwa/service-worker.js with this build's file list and a version made from it), so
 * the service worker stores exactly the files of the build it comes with, and a new build replaces it.
 */
function serviceWorker(): Plugin {
  return {
    name: 'awda-service-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      // The same route table the gateway reads (route-preloads.json): the shell the worker serves for
      // an address gets that address's preload links, as the gateway's HTML would have.
      const routes = builtRoutes(this, bundle);
      const built = Object.keys(bundle)
        .filter((file) => !file.endsWith('.map') && file !== 'index.html' && !file.startsWith('.vite/'))
        .map((file) => `/${file}`);
      const files = ['/index.html', ...built, ...publicFiles(join(root, 'public'))].sort();
      const version = createHash('sha256').update(files.join('\n')).update(JSON.stringify(Object.values(bundle).map((chunk) => chunk.fileName))).digest('hex').slice(0, 16);
      const source = readFileSync(join(root, 'pwa', 'service-worker.js'), 'utf8')
        .replace('__AWDA_SW_VERSION__', version)
        .replace('__AWDA_SW_PRECACHE__', JSON.stringify(files))
        .replace('__AWDA_SW_ROUTES__', JSON.stringify(routes));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

/**
 * Writes .vite/route-preloads.json: for each address of src/app/route-preloads.ts, this build's files
 * of its modules and their static imports (less what index.html already loads), the CSS they bring
 * and the page's first reads. The gateway turns them into preload links in the HTML of that address.
 * A module that is not a chunk of its own (no longer loaded lazily, renamed) fails the build.
 */
interface BuiltRoute {
  path: string;
  scripts: string[];
  styles: string[];
  reads: string[];
}

/**
 * For each address of src/app/route-preloads.ts: this build's files of its modules and their static
 * imports (less what index.html already loads), the CSS they bring and the page's first reads. A
 * module that is not a chunk of its own (no longer loaded lazily, renamed) fails the build.
 */
function builtRoutes(context: Rollup.PluginContext, bundle: Rollup.OutputBundle): BuiltRoute[] {
  const chunks = Object.values(bundle).filter((output): output is Rollup.OutputChunk => output.type === 'chunk');
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  // Static imports first, so the list is in the order the modules run.
  // Chunks that import each other in a cycle fail the build: one of them runs its module code before
  // the other has defined what it uses (the groups below can make such cycles; withDependencies).
  const closure = (fileName: string, into: Set<string>, visiting: string[] = []): Set<string> => {
    if (visiting.includes(fileName)) return context.error(`route-preloads: chunks import each other: ${[...visiting, fileName].join(' → ')}`);
    if (into.has(fileName)) return into;
    const chunk = byFile.get(fileName);
    for (const imported of chunk?.imports ?? []) closure(imported, into, [...visiting, fileName]);
    into.add(fileName);
    return into;
  };
  const entry = chunks.find((chunk) => chunk.isEntry);
  if (!entry) return context.error('route-preloads: the build has no entry chunk');
  const fromEntry = closure(entry.fileName, new Set());
  return ROUTE_PRELOADS.map((route) => {
    const files = new Set<string>();
    for (const module of route.modules) {
      // The chunk the module starts (a lazy page), else the group's chunk that holds it (closureGroup).
      const id = join(root, module);
      const chunk = chunks.find((candidate) => candidate.facadeModuleId === id) ?? chunks.find((candidate) => !candidate.isEntry && candidate.moduleIds.includes(id));
      if (!chunk) return context.error(`route-preloads: ${module} (for ${route.path}) is not a chunk of this build`);
      closure(chunk.fileName, files);
    }
    const scripts = [...files].filter((file) => !fromEntry.has(file));
    const styles = new Set(scripts.flatMap((file) => [...(byFile.get(file)?.viteMetadata?.importedCss ?? [])]));
    return { path: route.path, scripts: scripts.map((file) => `/${file}`), styles: [...styles].map((file) => `/${file}`), reads: route.reads };
  });
}

/**
 * Writes .vite/route-preloads.json (builtRoutes above). The gateway turns it into preload links in
 * the HTML of each address; the service worker (serviceWorker above) does the same in the shell it
 * serves from its cache.
 */
function routePreloads(): Plugin {
  return {
    name: 'awda-route-preloads',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const routes = builtRoutes(this, bundle);
      this.emitFile({ type: 'asset', fileName: '.vite/route-preloads.json', source: `${JSON.stringify({ routes }, null, 1)}\n` });
    },
  };
}

type ModuleGraph = Rollup.ChunkingContext['getModuleInfo'];

/** A module and everything it imports statically, through the graph of this build. */
function staticClosure(graph: ModuleGraph, from: string, into = new Set<string>()): Set<string> {
  if (into.has(from)) return into;
  into.add(from);
  for (const imported of graph(from)?.importedIds ?? []) staticClosure(graph, imported, into);
  return into;
}

/**
 * A chunk of the modules that a lazily loaded module brings along (its static imports), less what the
 * entry and `besides` (lazy modules loaded without it) already hold, and, with `sharedWith`, only
 * those that one of these modules needs too. Left to the bundler, such modules scatter over a dozen
 * small chunks, one per set of pages sharing them; one file costs one request instead: on a 400 ms
 * link over HTTP/1.1 (six connections) each file beyond the sixth waits a round trip. `only`: of
 * these, the modules whose path matches.
 */
function closureGroup(
  name: string,
  module: string,
  options: { besides?: string[]; sharedWith?: string[]; only?: RegExp; priority: number; withDependencies?: boolean },
): Rollup.CodeSplittingGroup {
  let members: Set<string> | undefined;
  const closureOf = (graph: ModuleGraph, modules: string[]) => modules.reduce((set, other) => staticClosure(graph, join(root, other), set), new Set<string>());
  return {
    debugName: name,
    name: (id, context) => {
      if (!members) {
        const graph = context.getModuleInfo.bind(context);
        const entry = staticClosure(graph, join(root, 'src/main.tsx'));
        const besides = closureOf(graph, options.besides ?? []);
        const shared = options.sharedWith ? closureOf(graph, options.sharedWith) : undefined;
        members = new Set(
          [...staticClosure(graph, join(root, module))].filter(
            (member) => !entry.has(member) && !besides.has(member) && (shared?.has(member) ?? true) && (options.only?.test(member) ?? true),
          ),
        );
      }
      return members.has(id) ? name : null;
    },
    priority: options.priority,
    // Only the modules named above (their own imports in the entry stay there), unless the group is
    // to take its modules' imports too (so that it imports no chunk that imports it back).
    includeDependenciesRecursively: options.withDependencies ?? false,
  };
}

const COMPRESSIBLE = new Set(['.js', '.css', '.html', '.svg', '.json', '.webmanifest', '.txt']);

function builtFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.name.startsWith('.') ? [] : entry.isDirectory() ? builtFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/**
 * Brotli (quality 11) and gzip -9 copies next to every text file of the build, made once here
 * instead of per request; the gateway sends the one the browser takes (console-files.ts). Brotli
 * at its best is ~13 % smaller than gzip on these files: ~30 KB less on a household page's first load.
 */
function precompress(): Plugin {
  return {
    name: 'awda-precompress',
    apply: 'build',
    enforce: 'post',
    async writeBundle(options) {
      const dir = options.dir;
      if (!dir) return;
      const files = builtFiles(dir).filter((file) => COMPRESSIBLE.has(extname(file)) && statSync(file).size >= 1024);
      // Asynchronous: zlib's thread pool compresses several files at once.
      await Promise.all(
        files.map(async (file) => {
          const content = await readFile(file);
          const [brotli, gzipped] = await Promise.all([
            promisify(brotliCompress)(content, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: content.length } }),
            promisify(gzip)(content, { level: 9 }),
          ]);
          if (brotli.length < content.length) await writeFile(`${file}.br`, brotli);
          if (gzipped.length < content.length) await writeFile(`${file}.gz`, gzipped);
        }),
      );
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), serviceWorker(), routePreloads(), precompress()],
  // Preact's React-compatible runtime instead of react-dom: 9 KB on the wire instead of 58 KB, the
  // difference between a household page opened on a camp's 400 kbit/s link in ~5.5 s and ~6.8 s
  // (bench/console-load). The code, MUI, TanStack Query, react-router and react-i18next are written
  // against React's API (and typed by @types/react); the browser suite runs on this build.
  resolve: {
    alias: [
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/compat/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/compat/jsx-dev-runtime' },
      { find: /^react$/, replacement: 'preact/compat' },
    ],
  },
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // AWDA_SOURCEMAP=1: source maps, to see what a chunk is made of (bench/README.md); none shipped.
    sourcemap: process.env['AWDA_SOURCEMAP'] === '1',
    // No inline module-preload polyfill script: the CSP forbids inline scripts.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // The runtime (Preact's compat layer, see resolve) first: every chunk needs it, and the MUI
            // group below must not take it in.
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|preact)[\\/]/, priority: 5 },
            // MUI's theme and styling engine (Emotion, stylis, the RTL plugin) as the signed-in frame
            // uses them, in a chunk of their own: every signed-in page needs them, the sign-in page does
            // not (left to the bundler, they were hoisted into the entry chunk). The parts of
            // @mui/system and @mui/utils only some pages use (menus' roving focus, grids, stacks…)
            // split by route as MUI's components do.
            closureGroup('mui-core', 'src/app/Layout.tsx', {
              besides: ['src/auth/SignInPage.tsx'],
              only: /node_modules[\\/](@mui[\\/](system|utils|styled-engine|material[\\/](styles|CssBaseline|utils))|@emotion|stylis|stylis-plugin-rtl|cssjanus)[\\/]/,
              priority: 4,
              withDependencies: true,
            }),
            { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/, priority: 3 },
            // The signed-in frame and what it needs: every signed-in page loads them, the sign-in page does not
            // (the change of password, shown once to a new user, loads the frame's chunk for its MUI parts).
            closureGroup('frame', 'src/app/Layout.tsx', { besides: ['src/auth/SignInPage.tsx'], priority: 2 }),
            // What the household page shares with the search or the registration (the case worker's
            // pages, which route-preloads.ts lists): the page most opened directly, in few files.
            closureGroup('casework', 'src/households/HouseholdPage.tsx', {
              besides: ['src/auth/SignInPage.tsx'],
              sharedWith: ['src/households/SearchPage.tsx', 'src/households/RegisterPage.tsx'],
              priority: 1,
            }),
          ],
        },
      },
    },
  },
  server: {
    // `npm run dev:console` against a running gateway (`npm start`): same origin through the proxy.
    proxy: { '/api': 'http://127.0.0.1:3000', '/auth': 'http://127.0.0.1:3000', '/admin': 'http://127.0.0.1:3000' },
  },
});
