// The console's build: served by the gateway from dist/console (CSP `script-src 'self'`, so no
// inline scripts), hashed assets cached for a year. Routes are split so that the sign-in page
// loads only what it needs on a camp's slow link.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

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
      const built = Object.keys(bundle)
        .filter((file) => !file.endsWith('.map') && file !== 'index.html')
        .map((file) => `/${file}`);
      const files = ['/index.html', ...built, ...publicFiles(join(root, 'public'))].sort();
      const version = createHash('sha256').update(files.join('\n')).update(JSON.stringify(Object.values(bundle).map((chunk) => chunk.fileName))).digest('hex').slice(0, 16);
      const source = readFileSync(join(root, 'pwa', 'service-worker.js'), 'utf8')
        .replace('__AWDA_SW_VERSION__', version)
        .replace('__AWDA_SW_PRECACHE__', JSON.stringify(files));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), serviceWorker()],
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
