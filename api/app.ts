import type { Tracer } from '@opentelemetry/api';
import express, { type Router } from 'express';
import type { EngineContext } from '../engine/context';
import type { Logger } from '../infra/logger';
import { BATON_VERSION } from '../infra/version';
import { authentication } from './auth';
import { FailedAuthThrottle } from './auth-throttle';
import { refuseUnparsedBodies } from './content-type';
import { openApiDocument } from './contract/document';
import { ContractRouter, type DocumentedOperation } from './contract/operation';
import { contractRoutes } from './contract/routes';
import { type HealthOptions, healthRoutes } from './health';
import { refuseUnstorableJson } from './json-body';
import { type BatonMetrics, metricsRoutes } from './metrics';
import { notFoundRoute, problemHandler } from './problem';
import { requestId } from './request-id';
import { requestLog } from './request-log';
import { requestSpans } from './request-spans';
import { apiResponseHeaders } from './response-headers';
import { RouteTemplates } from './route-templates';
import { adminRoutes } from './routes/admin';
import { attachmentRoutes } from './routes/attachments';
import { auditRoutes } from './routes/audit';
import { type SignInOptions, sessionRoutes, signInRoutes } from './routes/auth';
import { commentRoutes } from './routes/comments';
import { definitionRoutes, MAXIMUM_DEFINITION_BYTES, readsItsOwnBody } from './routes/definitions';
import { eventRoutes } from './routes/events';
import { instanceRoutes } from './routes/instances';
import { notificationRoutes } from './routes/notifications';
import { reportRoutes } from './routes/reports';
import { requestRoutes } from './routes/requests';
import { taskRoutes } from './routes/tasks';
import { userRoutes } from './routes/users';
import type { TaskEventHub } from './task-events';
import { webApp } from './web-app';

export interface ApiOptions extends SignInOptions, HealthOptions {
  /** Relays task changes to open pages (`GET /events`); absent: live updates are off (503). */
  readonly taskEvents?: TaskEventHub;
  /** express's `trust proxy` (`BATON_TRUST_PROXY`): who may name the client in `X-Forwarded-For`; unset: nobody. */
  readonly trustProxy?: number | readonly string[] | null;
  /** Where each request is logged, one JSON line (`npm run api`); absent: no request log (`npm start`). */
  readonly logger?: Logger;
  /** What `/metrics` serves, behind its own token (`BATON_METRICS_TOKEN`); absent: no `/metrics`. */
  readonly metrics?: { readonly collector: BatonMetrics; readonly token: string } | null;
  /** Where each request's span starts (`OTEL_EXPORTER_OTLP_ENDPOINT`); absent: no tracing. */
  readonly tracer?: Tracer | null;
}

const contracts = new WeakMap<express.Express, readonly DocumentedOperation[]>();

/** The operations the app's routers declared, in the order they were mounted. */
export function operationsOf(app: express.Express): readonly DocumentedOperation[] {
  const operations = contracts.get(app);
  if (!operations) throw new Error('this app was not made by createApp');
  return operations;
}

/** The app's OpenAPI document, as `/openapi.json` serves it. */
export function openApiDocumentOf(app: express.Express): object {
  return openApiDocument(operationsOf(app), { version: BATON_VERSION });
}

export function createApp(context: EngineContext, options: ApiOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  if (options.trustProxy != null) app.set('trust proxy', options.trustProxy);
  const authThrottle = options.authThrottle ?? new FailedAuthThrottle();
  const metrics = options.metrics ?? null;
  // First: every answer counts, those of the middlewares below included (401, 413, 415...).
  const spans = options.tracer ? requestSpans(options.tracer, new RouteTemplates(() => app.router)) : null;
  if (spans) app.use(spans.open);
  if (options.logger) app.use(requestLog(options.logger));
  if (metrics) app.use(metrics.collector.httpMiddleware(new RouteTemplates(() => app.router)));
  app.use(apiResponseHeaders);
  // A draft's YAML travels in a larger JSON body (`POST /definitions/plan`), which its route reads after authentication.
  const jsonBody = express.json({ limit: '1mb' });
  app.use((request, response, next) => (readsItsOwnBody(request) ? next() : jsonBody(request, response, next)));
  app.use(
    express.text({
      type: ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'],
      limit: MAXIMUM_DEFINITION_BYTES,
    }),
  );
  app.use((request, response, next) =>
    readsItsOwnBody(request) ? next() : refuseUnparsedBodies(request, response, next),
  );
  // After the body parsers: their stream callbacks would run outside the request's scope.
  app.use(requestId);
  if (spans) app.use(spans.enter);

  const operations: DocumentedOperation[] = [];
  // Each router's operations go into the document as its routes go into the app: none is left out.
  const mount = (routes: Router | ContractRouter) => {
    if (routes instanceof ContractRouter) {
      operations.push(...routes.operations);
      app.use(routes.router);
    } else {
      app.use(routes);
    }
  };
  contracts.set(app, operations);
  app.use(contractRoutes(() => openApiDocumentOf(app)));
  mount(healthRoutes(context, options));
  if (metrics) mount(metricsRoutes(metrics.collector, metrics.token));
  app.use(webApp());
  mount(signInRoutes(context, { ...options, authThrottle }));
  app.use(authentication(context.db, options.authenticator, authThrottle));
  app.use(refuseUnstorableJson);
  mount(sessionRoutes(context));
  mount(eventRoutes(options.taskEvents));
  mount(userRoutes(context));
  mount(requestRoutes(context));
  mount(adminRoutes(context));
  mount(definitionRoutes(context));
  mount(instanceRoutes(context));
  mount(taskRoutes(context, { onCompleted: (department) => metrics?.collector.taskCompleted(department) }));
  mount(commentRoutes(context));
  mount(attachmentRoutes(context));
  mount(notificationRoutes(context));
  mount(reportRoutes(context));
  mount(auditRoutes(context));
  app.use(notFoundRoute);
  app.use(problemHandler);
  return app;
}
