import fs from 'node:fs';
import path from 'node:path';
import type { Express } from 'express';
import type { EngineContext } from '../../engine/context';
import { type ApiOptions, createApp, openApiDocumentOf } from '../app';

/** The web app's copy of the contract's types, generated (`npm run api-types`) and checked by a test. */
export const WEB_API_TYPES = path.resolve(__dirname, '../../web/src/api-contract.ts');

/**
 * The routers touch the engine only when a request comes, so the document is built from an app
 * without one: its parts are handed around while the routes are declared, and any use of one is
 * a bug, said loudly.
 */
function unusable<T extends object>(name: string): T {
  const refuse = (): never => {
    throw new Error(`the API document is built without an engine, yet building it used ${name}`);
  };
  return new Proxy((() => undefined) as unknown as T, {
    get: (_target, property) => (property === 'then' ? undefined : unusable(`${name}.${String(property)}`)),
    apply: refuse,
    construct: refuse,
  });
}

/** The API's app with its routes in place and no engine behind them: to read its routes and its document. */
export function appWithoutEngine(): Express {
  return createApp(unusable<EngineContext>('context'), {
    authenticator: unusable<ApiOptions['authenticator']>('authenticator'),
    mailer: null,
    publicUrl: () => 'http://localhost',
  });
}

export function openApiDocument(): object {
  return openApiDocumentOf(appWithoutEngine());
}

/** The TypeScript of the document's schemas and operations, as openapi-typescript writes it. */
export async function webApiTypes(): Promise<string> {
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const ast = await openapiTS(openApiDocument() as Parameters<typeof openapiTS>[0], { alphabetize: false });
  return `// Generated from /openapi.json by \`npm run api-types\`: do not edit (a test compares it with the API).\n${astToString(ast)}`;
}

if (require.main === module) {
  void webApiTypes().then((types) => {
    fs.writeFileSync(WEB_API_TYPES, types);
    console.log(`wrote ${path.relative(process.cwd(), WEB_API_TYPES)}`);
  });
}
