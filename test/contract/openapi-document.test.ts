import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { operationsOf } from '../../api/app';
import { appWithoutEngine, openApiDocument, WEB_API_TYPES, webApiTypes } from '../../api/contract/web-types';
import { routesOfApp } from '../../api/route-templates';
import { validatorFor } from '../../validation/ajv';

interface Document {
  openapi: string;
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, unknown> };
}

const document = openApiDocument() as Document;
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ path, method, ...operation })),
);

/** Routes that are no part of the JSON API: the web app's pages and the documentation itself. */
const NOT_API = [/^\/$/, /^\/app\b/, /^\/docs\b/, /^\/openapi\.json$/];

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with one operation id per operation', () => {
    expect(document.openapi).toBe('3.1.0');
    const ids = operations.map((operation) => operation.operationId);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  it('documents every route the API serves, with the problem it answers when it refuses', () => {
    const documented = new Set(operations.map(({ path, method }) => `${method} ${path}`));
    const served = routesOfApp(appWithoutEngine().router)
      .filter((route) => !NOT_API.some((pattern) => pattern.test(route.template)))
      .flatMap((route) => [...route.methods].map((method) => `${method} ${route.template.replace(/:(\w+)/g, '{$1}')}`));
    expect(served.filter((route) => !documented.has(route))).toEqual([]);
    for (const operation of operations) expect(operation.responses, operation.operationId).toHaveProperty('default');
  });

  it('has answer schemas a client can compile (the CLI checks answers against them)', () => {
    const uncompilable = operationsOf(appWithoutEngine()).flatMap(({ spec }) => {
      try {
        if (spec.result) validatorFor(spec.result);
        return [];
      } catch (error) {
        return [`${spec.operationId}: ${(error as Error).message}`];
      }
    });
    expect(uncompilable).toEqual([]);
  });

  it('names the shapes clients share once, under components', () => {
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['Task', 'TaskPage', 'Problem']));
  });

  it("is what the web app's generated types were made from (npm run api-types)", async () => {
    expect(fs.readFileSync(WEB_API_TYPES, 'utf8'), 'web/src/api-contract.ts is stale: run `npm run api-types`').toBe(
      await webApiTypes(),
    );
  });
});
