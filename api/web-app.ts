import fs from 'node:fs';
import path from 'node:path';
import express, { type Response, Router } from 'express';

/** Where `npm run build:web` writes the web app (Vite's output, base path `/app/`). */
export const WEB_DIST = path.resolve(__dirname, '../web/dist');

/**
 * The HTML's policy: scripts, styles, images and connections from this origin only, no inline
 * script, no plugin, no framing. Vite's production build needs nothing more.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Hashed file names change with their content: browsers may keep them for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

export interface WebAppOptions {
  /** The built app; `web/dist` by default. */
  readonly distDir?: string;
}

/** What a path ending in one of these asks for is a file, never a page of the app. */
const FILE_EXTENSIONS = new Set([
  '.js',
  '.mjs',
  '.css',
  '.map',
  '.json',
  '.txt',
  '.xml',
  '.webmanifest',
  '.svg',
  '.png',
  '.jpg',
  '.jpeg',
  '.gif',
  '.webp',
  '.avif',
  '.ico',
  '.woff',
  '.woff2',
  '.ttf',
  '.otf',
  '.wasm',
]);

/**
 * Serves the web app at `/app` (same origin as the API, before its authentication: the pages
 * are public, the data they read is not) and redirects `/` there. Assets are cached for good,
 * the HTML never; any other `/app/...` path is a page of the app, unless it names a file.
 */
export function webApp({ distDir = WEB_DIST }: WebAppOptions = {}): Router {
  const router = Router();
  const indexFile = path.join(distDir, 'index.html');

  router.get('/', (_request, response) => response.redirect(302, '/app/'));

  router.use('/app', (_request, response, next) => {
    if (fs.existsSync(indexFile)) return next();
    notBuilt(response);
  });

  const sendPage = (response: Response) => {
    response.set({
      'Cache-Control': 'no-store',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Referrer-Policy': 'same-origin',
      'X-Frame-Options': 'DENY',
    });
    response.type('html').sendFile(indexFile);
  };
  router.get('/app/index.html', (_request, response) => sendPage(response));

  router.use(
    '/app/assets',
    (_request, response, next) => {
      response.set('Cache-Control', IMMUTABLE);
      next();
    },
    express.static(path.join(distDir, 'assets'), { index: false, redirect: false, fallthrough: true }),
    (_request, response) => {
      response.set('Cache-Control', 'no-store');
      missingFile(response);
    },
  );

  // Other built files (the icon): served, but revalidated since their names carry no hash.
  router.use(
    '/app',
    (_request, response, next) => {
      response.set('Cache-Control', 'no-cache');
      next();
    },
    express.static(distDir, { index: false, redirect: false, dotfiles: 'ignore', fallthrough: true }),
  );

  // The app's routes (react-router, basename /app): any path but a file's is a page; task ids
  // have dots (`<instance>.first-level`), so only the extensions of what a build holds mean a file.
  router.get(['/app', '/app/{*page}'], (request, response) => {
    if (FILE_EXTENSIONS.has(path.extname(request.path).toLowerCase())) {
      response.set('Cache-Control', 'no-store');
      return missingFile(response);
    }
    sendPage(response);
  });
  return router;
}

function notBuilt(response: Response): void {
  response.set('Cache-Control', 'no-store');
  response.status(503).type('application/problem+json').json({
    type: 'https://baton.dev/problems/service-unavailable',
    title: 'service-unavailable',
    status: 503,
    code: 'service-unavailable',
    detail: 'the web app is not built: run `npm run build:web` (npm start builds it when its sources change)',
  });
}

function missingFile(response: Response): void {
  response.status(404).type('application/problem+json').json({
    type: 'https://baton.dev/problems/not-found',
    title: 'not-found',
    status: 404,
    code: 'not-found',
    detail: 'no such file in the web app; reload the page to get the current version',
  });
}
