import type { AddressInfo } from 'node:net';
import { type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestSpans } from '../../api/request-spans';
import { RouteTemplates } from '../../api/route-templates';

describe("the API's request spans", () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let baseUrl = '';
  let close: () => Promise<void> = async () => {};
  /** The span active in the last handler that ran: where the Temporal client's spans would hang. */
  let activeInHandler: Span | undefined;

  beforeAll(async () => {
    // The async context `enter` relies on, as startTracing registers it.
    provider.register();
    const app = express();
    const spans = requestSpans(provider.getTracer('test'), new RouteTemplates(() => app.router));
    app.use(spans.open);
    app.use(express.json());
    app.use(spans.enter);
    app.post('/tasks/:id/complete', (_request, response) => {
      activeInHandler = trace.getActiveSpan();
      response.json({ done: true });
    });
    app.get('/boom/:id', () => {
      throw new Error('boom');
    });
    // As the API's problem handler answers what a route throws.
    app.use((_error: unknown, _request: express.Request, response: express.Response, _next: express.NextFunction) => {
      response.status(500).json({ title: 'Internal Server Error' });
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });

  afterAll(async () => {
    await close();
    await provider.shutdown();
  });

  /** The span of the request just answered (a span ends when its answer is sent: polled for). */
  async function spanOf(path: string): Promise<ReadableSpan> {
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      const found = exporter.getFinishedSpans().find((span) => span.attributes['url.path'] === path);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no span for ${path}`);
  }

  it('is a server span named by the method and the route template, with the HTTP attributes', async () => {
    const answer = await fetch(`${baseUrl}/tasks/i-1.setup/complete?verbose=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ output: {} }),
    });
    expect(answer.status).toBe(200);
    const span = await spanOf('/tasks/i-1.setup/complete');
    expect(span.name).toBe('POST /tasks/:id/complete');
    expect(span.kind).toBe(SpanKind.SERVER);
    expect(span.attributes).toEqual({
      'http.request.method': 'POST',
      'url.path': '/tasks/i-1.setup/complete',
      'http.route': '/tasks/:id/complete',
      'http.response.status_code': 200,
    });
    expect(span.status.code).not.toBe(SpanStatusCode.ERROR);
  });

  it('is the active span in the handlers, past the body parsers, so the calls they make are its children', async () => {
    await fetch(`${baseUrl}/tasks/i-2.setup/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ output: {} }),
    });
    const span = await spanOf('/tasks/i-2.setup/complete');
    expect(activeInHandler?.spanContext().spanId).toBe(span.spanContext().spanId);
  });

  it("continues the caller's trace when it sends a traceparent", async () => {
    await fetch(`${baseUrl}/tasks/i-3.setup/complete`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      },
      body: '{}',
    });
    const span = await spanOf('/tasks/i-3.setup/complete');
    expect(span.spanContext().traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(span.parentSpanId).toBe('00f067aa0ba902b7');
  });

  it('is marked failed when the answer is a 5xx', async () => {
    expect((await fetch(`${baseUrl}/boom/1`)).status).toBe(500);
    const span = await spanOf('/boom/1');
    expect(span.name).toBe('GET /boom/:id');
    expect(span.attributes['http.response.status_code']).toBe(500);
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('is named by the method alone when no route takes the path', async () => {
    expect((await fetch(`${baseUrl}/nowhere/at/all`)).status).toBe(404);
    const span = await spanOf('/nowhere/at/all');
    expect(span.name).toBe('GET');
    expect(span.attributes).not.toHaveProperty('http.route');
    expect(span.status.code).not.toBe(SpanStatusCode.ERROR);
  });
});
