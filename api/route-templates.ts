import type { Request } from 'express';
import { match } from 'path-to-regexp';

/** What a request's metrics are labelled with when no route of the API takes its path and method. */
export const UNMATCHED_ROUTE = 'unmatched';

/** The parts of Express's router read here (its stack is not in its types). */
interface StackLayer {
  readonly route?: { readonly path: unknown; readonly methods: Readonly<Record<string, boolean>> };
  readonly handle?: { readonly stack?: readonly StackLayer[] };
  readonly rawPath?: unknown;
}

export interface RouteTemplate {
  readonly template: string;
  readonly methods: ReadonlySet<string>;
  readonly matches: (path: string) => boolean;
}

/**
 * The route template of a request (`/tasks/:id`, never the path it was sent to), so metrics keep
 * one series per route whatever the ids: the route Express matched, or, for a request answered
 * before routing (401 by the authentication, 400 by a body parser), the first route of the app
 * that takes its method and path, as Express would have tried them; `unmatched` otherwise.
 */
export class RouteTemplates {
  private routes: readonly RouteTemplate[] | null = null;

  /** `router`: the app's, read at the first request, once every route is in place. */
  constructor(private readonly router: () => { readonly stack: readonly unknown[] }) {}

  of(request: Request): string {
    const matched: unknown = request.route?.path;
    if (typeof matched === 'string') return `${request.baseUrl}${matched}`;
    const method = request.method === 'HEAD' ? 'get' : request.method.toLowerCase();
    // The path as sent, without its query: never parsed as a URL (`//a:b` is no URL and must not throw here).
    const path = request.originalUrl.split('?', 1)[0] ?? '/';
    // Express's layers, typed by what is read of them (each property is checked before use).
    this.routes ??= routesOf(this.router().stack as readonly StackLayer[], '');
    const route = this.routes.find(
      (candidate) => (candidate.methods.has(method) || candidate.methods.has('_all')) && candidate.matches(path),
    );
    return route?.template ?? UNMATCHED_ROUTE;
  }
}

/** Every route of an app (`app.router`): its template and its methods. */
export function routesOfApp(router: { readonly stack: readonly unknown[] }): readonly RouteTemplate[] {
  return routesOf(router.stack as readonly StackLayer[], '');
}

function routesOf(stack: readonly StackLayer[], prefix: string): RouteTemplate[] {
  return stack.flatMap((layer): RouteTemplate[] => {
    if (layer.route) {
      const { path, methods } = layer.route;
      const paths = (Array.isArray(path) ? path : [path]).filter((item): item is string => typeof item === 'string');
      const allowed = new Set(Object.keys(methods).filter((method) => methods[method]));
      return paths.map((item) => {
        const template = `${prefix}${item}`;
        const matcher = match(template, { decode: false, end: true, trailing: true, sensitive: false });
        return { template, methods: allowed, matches: (candidate: string) => matcher(candidate) !== false };
      });
    }
    // A router mounted on a path (`app.use('/x', router)`): its routes under that prefix.
    const nested = layer.handle?.stack;
    if (!nested || typeof layer.rawPath !== 'string') return [];
    return routesOf(nested, layer.rawPath === '/' ? prefix : `${prefix}${layer.rawPath}`);
  });
}
