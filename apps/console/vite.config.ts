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
  const closure = (fileName: string, into: Set<string>): Set<string> => {
    if (into.has(fileName)) return into;
    const chunk = byFile.get(fileName);
    for (const imported of chunk?.imports ?? []) closure(imported, into);
    into.add(fileName);
    return into;
  };
  const entry = chunks.find((chunk) => chunk.isEntry);
  if (!entry) return context.error('route-preloads: the build has no entry chunk');
  const fromEntry = closure(entry.fileName, new Set());
  return ROUTE_PRELOADS.map((route) => {
    const files = new Set<string>();
    for (const module of route.modules) {
      const chunk = chunks.find((candidate) => candidate.facadeModuleId === join(root, module));
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
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // No inline module-preload polyfill script: the CSP forbids inline scripts.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // React first (every chunk needs it), so that the MUI group below does not take it in.
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
            // MUI's theme and styling engine (Emotion, stylis, the RTL plugin) in a chunk of their own:
            // every signed-in page needs them, the sign-in page does not (left to the bundler, they
            // were hoisted into the entry chunk). MUI's components split by route as usual.
            {
              name: 'mui-core',
              test: /node_modules[\\/](@mui[\\/](system|utils|styled-engine|material[\\/](styles|CssBaseline|utils))|@emotion|stylis|stylis-plugin-rtl|cssjanus)[\\/]/,
              priority: 2,
            },
            { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/, priority: 1 },
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
