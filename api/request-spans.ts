import {
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import type { Request, RequestHandler, Response } from 'express';
import { type RouteTemplates, UNMATCHED_ROUTE } from './route-templates';

/** The API's tracing middleware, in two halves that go in two places of the app. */
export interface RequestSpans {
  /** First of all: opens the request's span, so that it times the body parsers and their refusals too. */
  readonly open: RequestHandler;
  /**
   * After the body parsers, whose callbacks lose the async context: runs the rest of the request
   * in its span, so that the Temporal calls it makes are the span's children.
   */
  readonly enter: RequestHandler;
}

/**
 * One server span per request, named by its method and route template (`POST /tasks/:id/complete`,
 * never the ids it was sent to), with OpenTelemetry's HTTP attributes; a 5xx marks it failed. A
 * caller's `traceparent` is continued, so that its trace holds Baton's part of the work.
 */
export function requestSpans(tracer: Tracer, routes: RouteTemplates): RequestSpans {
  const spans = new WeakMap<Request, Span>();
  return {
    open(request, response, next) {
      const parent = propagation.extract(ROOT_CONTEXT, request.headers);
      const attributes = { 'http.request.method': request.method, 'url.path': pathOf(request) };
      const span = tracer.startSpan(request.method, { kind: SpanKind.SERVER, attributes }, parent);
      spans.set(request, span);
      // `close` also comes when the client leaves first (a live page's event stream): the span ends then.
      response.once('close', () => end(span, request, response, routes));
      next();
    },
    enter(request, _response, next) {
      const span = spans.get(request);
      if (!span) return next();
      context.with(trace.setSpan(context.active(), span), next);
    },
  };
}

function end(span: Span, request: Request, response: Response, routes: RouteTemplates): void {
  const route = routeOf(routes, request);
  if (route !== UNMATCHED_ROUTE) {
    span.updateName(`${request.method} ${route}`);
    span.setAttribute('http.route', route);
  }
  if (response.headersSent) span.setAttribute('http.response.status_code', response.statusCode);
  // The id the request's log line and its workflows' log lines carry: from a trace to its logs.
  const requestId = response.getHeader('X-Request-Id');
  if (typeof requestId === 'string') span.setAttribute('baton.request_id', requestId);
  if (response.headersSent && response.statusCode >= 500) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: `answered ${response.statusCode}` });
  }
  span.end();
}

function routeOf(routes: RouteTemplates, request: Request): string {
  try {
    return routes.of(request);
  } catch {
    return UNMATCHED_ROUTE;
  }
}

/** The path as sent, without its query (which may hold what a trace must not keep). */
function pathOf(request: Request): string {
  return request.originalUrl.split('?', 1)[0] ?? '/';
}
