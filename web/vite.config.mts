import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web app, served by the API process at /app (api/web-app.ts). Built by `npm run build:web`,
 * and by `npm start` / `npm test` when its sources changed (web/build-if-stale.mjs). Paths are
 * relative to this folder (Vite's root).
 */
export default defineConfig({
  root: '.',
  base: '/app/',
  plugins: [react()],
  // The app is written against React's API and types, and runs on Preact's implementation of it
  // (preact/compat): 200 KB less JavaScript to evaluate before the first page (bench/README.md, 9).
  resolve: {
    alias: [
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
      { find: /^react$/, replacement: 'preact/compat' },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The bundle budget's test reads which chunks each route loads.
    manifest: true,
    target: 'es2022',
    sourcemap: false,
    // Inline data: URLs would need `img-src data:` in the Content-Security-Policy.
    assetsInlineLimit: 0,
    // The module preload polyfill is not needed by the browsers Baton supports (ES2022).
    modulePreload: { polyfill: false },
  },
});
