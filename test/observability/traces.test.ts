import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../infra/ports';
import { ApiClient } from '../support/api-client';
import { type ApiProcess, startApiProcess } from '../support/api-process';
import { definitionsFolder, testDatabaseUrl } from '../support/test-baton';
import { type OtlpCollector, type ReceivedSpan, startOtlpCollector } from './otlp-collector';
import { killIfRunning, startWorkerProcess, stopProcess, type WorkerProcess } from './processes';

const NAME = 'traces';
const ADMIN_TOKEN = 'traces-admin-token-of-at-least-32-characters';

const LAPTOP = `
process: laptop
title: Set up a laptop
owner: it
input: { type: object, properties: {} }
tasks:
  - { id: setup, title: Set up the laptop, department: it, due: 2d }
`;

/** A caller's own trace, which the completion joins (W3C trace context). */
const CALLER_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';

/** OTLP's span kind of a server's span. */
const SERVER = 2;

describe('traces, with OTEL_EXPORTER_OTLP_ENDPOINT set on the API and the worker', () => {
  let collector: OtlpCollector;
  let api: ApiProcess | undefined;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    collector = await startOtlpCollector();
    const databaseUrl = await testDatabaseUrl(`baton_test_${NAME}`);
    const taskQueue = `test-${NAME}-${process.pid}`;
    // Spans wait in their batch until the processes stop: what arrives was flushed on the way out.
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint, OTEL_BSP_SCHEDULE_DELAY: '600000' };
    const port = await findFreePort();
    api = await startApiProcess({
      port,
      databaseUrl,
      adminToken: ADMIN_TOKEN,
      taskQueue,
      definitionsDir: definitionsFolder({ 'laptop.yaml': LAPTOP }),
      env,
    });
    worker = await startWorkerProcess({ databaseUrl, taskQueue, env });
    const admin = new ApiClient(`http://127.0.0.1:${port}`, ADMIN_TOKEN);

    const started = await admin.post('/definitions/laptop/instances', { input: {} });
    expect(started.status).toBe(201);
    const completed = await admin.request(
      'POST',
      `/tasks/${started.body.id}.setup/complete`,
      JSON.stringify({ output: {} }),
      'application/json',
      { traceparent: `00-${CALLER_TRACE_ID}-${CALLER_SPAN_ID}-01` },
    );
    expect(completed.status).toBe(200);

    expect(await stopProcess(api.child)).toBe(0);
    expect(await stopProcess(worker.child)).toBe(0);
  });

  afterAll(async () => {
    killIfRunning(api?.child);
    killIfRunning(worker?.child);
    await collector?.stop();
  });

  /** The span named so, which must be there once (the collector is this file's own). */
  const span = (name: string): ReceivedSpan => {
    const found = collector.spans().filter((candidate) => candidate.name === name);
    expect(found.map((candidate) => candidate.name)).toEqual([name]);
    return found[0] as ReceivedSpan;
  };
  /** The spans whose name starts so, children of `parent`. */
  const childrenOf = (parent: ReceivedSpan, prefix: string) =>
    collector
      .spans()
      .filter((candidate) => candidate.parentSpanId === parent.spanId && candidate.name.startsWith(prefix));

  it('follow a start from its request through the Temporal client into the workflow and its activities', () => {
    const request = span('POST /definitions/:key/instances');
    expect(request).toMatchObject({ service: 'baton-api', kind: SERVER, parentSpanId: '', statusCode: 0 });
    expect(request.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.route': '/definitions/:key/instances',
      'url.path': '/definitions/laptop/instances',
      'http.response.status_code': 201,
    });

    const call = span('UpdateWithStartWorkflow:firstTasksOpened');
    expect(call).toMatchObject({ service: 'baton-api', traceId: request.traceId, parentSpanId: request.spanId });
    const run = span('RunWorkflow:processWorkflow');
    expect(run).toMatchObject({ service: 'baton-worker', traceId: request.traceId, parentSpanId: call.spanId });
    expect(span('HandleUpdate:firstTasksOpened')).toMatchObject({
      traceId: request.traceId,
      parentSpanId: call.spanId,
    });

    const scheduled = childrenOf(run, 'StartActivity:');
    expect(scheduled.length).toBeGreaterThan(0);
    for (const schedule of scheduled) {
      const attempts = childrenOf(schedule, 'RunActivity:');
      expect(attempts.map(({ name }) => name)).toEqual([schedule.name.replace('Start', 'Run')]);
      expect(attempts[0]).toMatchObject({ service: 'baton-worker', traceId: request.traceId });
    }
  });

  it("follow a completion in the caller's trace, through the update's handler to the activities it runs", () => {
    const request = span('POST /tasks/:id/complete');
    expect(request).toMatchObject({
      service: 'baton-api',
      kind: SERVER,
      traceId: CALLER_TRACE_ID,
      parentSpanId: CALLER_SPAN_ID,
    });
    expect(request.attributes).toMatchObject({ 'http.route': '/tasks/:id/complete', 'http.response.status_code': 200 });

    const call = span('StartWorkflowUpdate:completeTask');
    expect(call).toMatchObject({ service: 'baton-api', traceId: CALLER_TRACE_ID, parentSpanId: request.spanId });
    expect(span('ValidateUpdate:completeTask')).toMatchObject({ traceId: CALLER_TRACE_ID, parentSpanId: call.spanId });
    const handler = span('HandleUpdate:completeTask');
    expect(handler).toMatchObject({ service: 'baton-worker', traceId: CALLER_TRACE_ID, parentSpanId: call.spanId });

    const scheduled = childrenOf(handler, 'StartActivity:');
    expect(scheduled.map(({ name }) => name)).toContain('StartActivity:completeTask');
    for (const schedule of scheduled) {
      expect(childrenOf(schedule, 'RunActivity:')).toEqual([
        expect.objectContaining({ service: 'baton-worker', traceId: CALLER_TRACE_ID }),
      ]);
    }
  });

  it('keep the two requests in two traces, with every span of the worker in one of them', () => {
    const requestTraces = [span('POST /definitions/:key/instances').traceId, CALLER_TRACE_ID];
    expect(requestTraces[0]).not.toBe(CALLER_TRACE_ID);
    const workerSpans = collector.spans().filter(({ service }) => service === 'baton-worker');
    expect(workerSpans.length).toBeGreaterThan(0);
    expect(workerSpans.filter(({ traceId }) => !requestTraces.includes(traceId))).toEqual([]);
  });
});
