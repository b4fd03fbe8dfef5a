// The console's build: served by the gateway from dist/console (CSP `script-src 'self'`, so no
// inline scripts), hashed assets cached for a year. Routes are split so that the sign-in page
// loads only what it needs on a camp's slow link.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
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
