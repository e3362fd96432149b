import type { Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ConfigError } from '../errors';
import type { Environment } from './config';
import { BATON_VERSION } from './version';

export interface TracingSettings {
  /** Where spans are sent, OTLP over HTTP (JSON). */
  readonly tracesUrl: string;
  /** `service.name` of every span this process sends. */
  readonly serviceName: string;
}

/**
 * OpenTelemetry's standard variables: `OTEL_EXPORTER_OTLP_ENDPOINT` turns tracing on, spans going
 * to its `/v1/traces` (or to `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, as given, which alone turns it
 * on too); `OTEL_SERVICE_NAME` names the process, `defaultServiceName` otherwise. Null: tracing is
 * off, and nothing of it is set up.
 */
export function readTracingSettings(env: Environment, defaultServiceName: string): TracingSettings | null {
  const endpoint = readOptional(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  const tracesEndpoint = readOptional(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const [variable, tracesUrl] =
    tracesEndpoint !== null
      ? ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', tracesEndpoint]
      : ['OTEL_EXPORTER_OTLP_ENDPOINT', endpoint === null ? null : `${endpoint.replace(/\/+$/, '')}/v1/traces`];
  if (tracesUrl === null) return null;
  if (!isHttpUrl(tracesUrl)) {
    throw new ConfigError(
      variable,
      `${variable} is not an http(s) URL`,
      'give the collector’s OTLP/HTTP address, e.g. http://otel-collector:4318, or unset it to turn tracing off',
    );
  }
  return { tracesUrl, serviceName: readOptional(env, 'OTEL_SERVICE_NAME') ?? defaultServiceName };
}

export interface Tracing {
  /** Where the process's own spans start (the API's one per request). */
  readonly tracer: Tracer;
  /** What every finished span goes through, those the workflows hand over to the worker too. */
  readonly spanProcessor: SpanProcessor;
  readonly resource: Resource;
  /**
   * Sends the spans still buffered and stops: the last thing a process does before it exits. An
   * unreachable collector holds it back `TRACING_FLUSH_MS` at most, so the stop still fits in the
   * orchestrator's grace period.
   */
  shutdown(): Promise<void>;
}

/**
 * Registers this process's tracer provider, globally: Temporal's interceptors and the W3C
 * `traceparent` propagation they use read OpenTelemetry's global API. Spans leave in batches
 * (`OTEL_BSP_SCHEDULE_DELAY`, 5 s by default), off the requests' path.
 */
export function startTracing(settings: TracingSettings): Tracing {
  const resource = new Resource({ 'service.name': settings.serviceName, 'service.version': BATON_VERSION });
  const spanProcessor = new BatchSpanProcessor(new OTLPTraceExporter({ url: settings.tracesUrl }));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register();
  return {
    tracer: provider.getTracer('baton', BATON_VERSION),
    spanProcessor,
    resource,
    shutdown: async () => {
      let timer: NodeJS.Timeout | undefined;
      const givenUp = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, TRACING_FLUSH_MS);
      });
      // Spans the collector refuses are lost either way: the process stops all the same.
      await Promise.race([provider.shutdown().catch(() => undefined), givenUp]);
      clearTimeout(timer);
    },
  };
}

/** How long a stopping process waits for its last spans to be sent. */
export const TRACING_FLUSH_MS = 3_000;

function readOptional(env: Environment, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
