import path from 'node:path';
import express, { Router } from 'express';

const SWAGGER_UI = path.dirname(require.resolve('swagger-ui-dist/package.json'));

/** Swagger UI sets styles from its script and draws icons from data URIs; nothing leaves the server. */
const DOCS_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const DOCS_PAGE = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <title>Baton API</title>
    <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/assets/swagger-ui-bundle.js"></script>
    <script src="/docs/start.js"></script>
  </body>
</html>
`;

// A file of its own rather than an inline script, which the page's policy forbids.
const DOCS_SCRIPT = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
  withCredentials: true,
  // Swagger UI would otherwise send the document to validator.swagger.io.
  validatorUrl: null,
});
`;

/**
 * `/openapi.json` and `/docs`, the interactive reference drawn from it by Swagger UI, served from
 * the installed package (no CDN: the docs work offline and behind a firewall). Both public: the
 * contract is no secret, and trying an operation still needs a token.
 */
export function contractRoutes(document: () => object): Router {
  const router = Router();
  let documentJson: string | null = null;
  router.get('/openapi.json', (_request, response) => {
    documentJson ??= JSON.stringify(document());
    response.type('application/json').send(documentJson);
  });
  const page = (response: express.Response, type: string, body: string) => {
    response.set({ 'Content-Security-Policy': DOCS_SECURITY_POLICY, 'X-Frame-Options': 'DENY' });
    response.type(type).send(body);
  };
  router.get('/docs', (_request, response) => page(response, 'html', DOCS_PAGE));
  router.get('/docs/start.js', (_request, response) => page(response, 'js', DOCS_SCRIPT));
  router.use('/docs/assets', express.static(SWAGGER_UI, { index: false, redirect: false, fallthrough: false }));
  return router;
}
