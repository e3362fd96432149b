import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors';
import { readTracingSettings } from '../../infra/tracing';

describe('tracing settings, from OpenTelemetry’s standard variables', () => {
  it('are off when no OTLP endpoint is set, or a blank one', () => {
    expect(readTracingSettings({}, 'baton-api')).toBeNull();
    expect(
      readTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: '  ', OTEL_SERVICE_NAME: 'api' }, 'baton-api'),
    ).toBeNull();
  });

  it('send to the endpoint’s /v1/traces, as the process’s default service unless OTEL_SERVICE_NAME names it', () => {
    expect(readTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }, 'baton-worker')).toEqual({
      tracesUrl: 'http://collector:4318/v1/traces',
      serviceName: 'baton-worker',
    });
    expect(
      readTracingSettings(
        { OTEL_EXPORTER_OTLP_ENDPOINT: 'https://collector.example.com/otlp', OTEL_SERVICE_NAME: 'baton-api-eu' },
        'baton-api',
      ),
    ).toEqual({ tracesUrl: 'https://collector.example.com/otlp/v1/traces', serviceName: 'baton-api-eu' });
  });

  it('send to OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as given, which alone turns them on too', () => {
    expect(
      readTracingSettings(
        {
          OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
          OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:4318/custom',
        },
        'baton-api',
      ),
    ).toEqual({ tracesUrl: 'http://traces:4318/custom', serviceName: 'baton-api' });
    expect(
      readTracingSettings({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:4318/v1/traces' }, 'baton-api'),
    ).toMatchObject({ tracesUrl: 'http://traces:4318/v1/traces' });
  });

  it('refuse an endpoint that is not an http(s) URL, naming the variable', () => {
    expect(() => readTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4317' }, 'baton-api')).toThrow(
      ConfigError,
    );
    expect(() =>
      readTracingSettings({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'grpc://collector:4317' }, 'baton-api'),
    ).toThrow(expect.objectContaining({ variable: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' }));
  });
});
