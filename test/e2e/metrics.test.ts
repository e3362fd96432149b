import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import parsePrometheusTextFormat, { type PrometheusFamily } from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatonMetrics } from '../../api/metrics';
import { ApiClient } from '../support/api-client';
import { definitionsFolder, startTestBaton, type TestBaton } from '../support/test-baton';
import { eventually } from '../support/wait';

/** Three departments' tasks: the network check is overdue a second after it opens. */
const WALK = `
process: metrics-walk
title: Walk for the metrics
owner: operations
input: { type: object, properties: {} }
tasks:
  - { id: contract, title: Contract, department: hr, due: 1h }
  - { id: network, title: Check the network, department: it, due: 1s }
  - { id: payroll, title: Payroll, department: finance, after: [contract], due: 1h }
`;

const METRICS_TOKEN = 'm'.repeat(40);

let t: TestBaton;
let receiver: http.Server;
let received = 0;

beforeAll(async () => {
  receiver = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received += 1;
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  t = await startTestBaton('metrics', definitionsFolder({ 'metrics-walk.yaml': WALK }), {
    BATON_METRICS_TOKEN: METRICS_TOKEN,
  });
});

afterAll(async () => {
  await t?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
});

async function scrape(): Promise<PrometheusFamily[]> {
  const response = await fetch(`${t.baton.apiUrl}/metrics`, { headers: { authorization: `bearer ${METRICS_TOKEN}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusTextFormat(await response.text());
}

function family(families: readonly PrometheusFamily[], name: string): PrometheusFamily {
  const found = families.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no ${name} in the scrape`);
  return found;
}

/** The value of the one series of `name` whose labels include `labels`; undefined when there is none. */
function value(
  families: readonly PrometheusFamily[],
  name: string,
  labels: Readonly<Record<string, string>> = {},
): number | undefined {
  const series = family(families, name).metrics.filter((sample) =>
    Object.entries(labels).every(([key, expected]) => sample.labels?.[key] === expected),
  );
  if (series.length > 1) throw new Error(`${series.length} series of ${name} match ${JSON.stringify(labels)}`);
  return series[0]?.value === undefined ? undefined : Number(series[0].value);
}

function routesOf(families: readonly PrometheusFamily[]): Set<string> {
  return new Set(family(families, 'baton_http_requests_total').metrics.map((sample) => sample.labels?.route ?? ''));
}

describe('/metrics', () => {
  it('asks for the metrics token, and is not there without one configured', async () => {
    const url = `${t.baton.apiUrl}/metrics`;
    expect((await fetch(url)).status).toBe(401);
    const wrong = await fetch(url, { headers: { authorization: `Bearer ${'x'.repeat(40)}` } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
    // The admin's token is a user's, not the metrics one.
    expect((await t.admin.get('/metrics')).status).toBe(401);
  });

  it('counts requests by route template, the workload by department, completions, deliveries and the worker', async () => {
    const hook = await t.admin.post('/webhooks', {
      url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
      events: ['*'],
    });
    expect(hook.status).toBe(201);
    const started = await t.admin.post('/definitions/metrics-walk/instances', { input: {} });
    expect(started.status).toBe(201);
    const id: string = started.body.id;

    // A 200, a 404 on a known route, a 401 refused before routing, and two unknown paths.
    expect((await t.api.get('/healthz/live')).status).toBe(200);
    expect((await t.admin.get(`/tasks/${id}.no-such-step`)).status).toBe(404);
    expect((await t.api.get('/tasks')).status).toBe(401);
    expect((await t.admin.get('/no-such-page/1')).status).toBe(404);
    expect((await t.admin.get('/no-such-page/2')).status).toBe(404);

    expect((await t.admin.post(`/tasks/${id}.contract/complete`, { output: {} })).status).toBe(200);
    // The network check goes overdue; its notification reaches the webhook.
    await eventually(async () => {
      const { body } = await t.admin.get(`/notifications?instance=${id}&kind=overdue`);
      return body.items.some((item: { deliveredAt: string | null }) => item.deliveredAt !== null);
    }, 'the overdue notification delivered to the webhook');
    expect(received).toBeGreaterThanOrEqual(1);

    const families = await scrape();
    const requests = (labels: Record<string, string>) => value(families, 'baton_http_requests_total', labels);
    expect(requests({ method: 'GET', route: '/healthz/live', status: '200', status_class: '2xx' })).toBe(1);
    expect(requests({ method: 'GET', route: '/tasks/:id', status: '404', status_class: '4xx' })).toBe(1);
    expect(requests({ method: 'GET', route: '/tasks', status: '401' })).toBe(1);
    expect(requests({ method: 'GET', route: 'unmatched', status: '404' })).toBe(2);
    expect(requests({ method: 'POST', route: '/tasks/:id/complete', status: '200' })).toBe(1);
    expect(requests({ method: 'GET', route: '/metrics', status: '401' })).toBe(3);
    expect(
      value(families, 'baton_http_request_errors_total', { method: 'GET', route: '/tasks/:id', status_class: '4xx' }),
    ).toBe(1);
    expect(value(families, 'baton_http_request_errors_total', { method: 'GET', status_class: '5xx' })).toBeUndefined();
    expect(family(families, 'baton_http_request_duration_seconds').type).toBe('HISTOGRAM');
    // No raw path among the labels: ids and unknown paths are not label values.
    expect([...routesOf(families)].filter((route) => route.includes('no-such') || route.includes(id))).toEqual([]);

    // The workload, every department of the registry included.
    expect(value(families, 'baton_tasks_open', { department: 'hr' })).toBe(0);
    expect(value(families, 'baton_tasks_open', { department: 'it' })).toBe(1);
    expect(value(families, 'baton_tasks_open', { department: 'finance' })).toBe(1);
    expect(value(families, 'baton_tasks_open', { department: 'legal' })).toBe(0);
    expect(value(families, 'baton_tasks_overdue', { department: 'it' })).toBe(1);
    expect(value(families, 'baton_tasks_overdue', { department: 'finance' })).toBe(0);
    expect(value(families, 'baton_instances', { status: 'running' })).toBe(1);
    expect(value(families, 'baton_instances', { status: 'completed' })).toBe(0);
    expect(value(families, 'baton_read_model_up')).toBe(1);
    expect(value(families, 'baton_task_completions_total', { department: 'hr' })).toBe(1);

    const sent = value(families, 'baton_deliveries_total', { channel: 'webhook', outcome: 'sent' });
    expect(sent).toBeGreaterThanOrEqual(1);
    expect(family(families, 'baton_delivery_lag_seconds').type).toBe('HISTOGRAM');

    // Node's own, prefixed.
    expect(value(families, 'baton_process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(value(families, 'baton_nodejs_heap_size_used_bytes')).toBeGreaterThan(0);

    // The worker's SDK: it ran workflow and activity tasks.
    expect(value(families, 'baton_worker_metrics_up')).toBe(1);
    const taskQueue = t.baton.context.taskQueue;
    const completeTask = { activity_type: 'completeTask', task_queue: taskQueue, workflow_type: 'processWorkflow' };
    expect(value(families, 'temporal_local_activity_total', completeTask)).toBe(1);
    expect(value(families, 'temporal_local_activity_total', { activity_type: 'markTaskOverdue' })).toBe(1);
    const polls = family(families, 'temporal_workflow_task_queue_poll_succeed').metrics.filter(
      (sample) => sample.labels?.task_queue === taskQueue,
    );
    expect(polls.reduce((sum, sample) => sum + Number(sample.value), 0)).toBeGreaterThan(0);
    expect(family(families, 'temporal_workflow_task_execution_latency').type).toBe('HISTOGRAM');
  });

  it('keeps one label value for every unknown path', async () => {
    const before = routesOf(await scrape());
    const stranger = new ApiClient(t.baton.apiUrl);
    for (let n = 0; n < 5; n += 1) {
      await t.admin.get(`/random-${n}/${crypto.randomUUID()}`);
      await stranger.get(`/tasks/${crypto.randomUUID()}`);
    }
    // A request line that is no URL (`new URL('//a:b')` throws) is answered and counted, not fatal.
    for (const target of ['//a:b', '//[', '//%']) expect(await rawGet(target)).toMatch(/^HTTP\/1\.1 4\d\d /);
    const after = await scrape();
    expect(routesOf(after)).toEqual(before);
    expect(value(after, 'baton_http_requests_total', { method: 'GET', route: '/tasks/:id', status: '401' })).toBe(5);
  });

  /** Sends `GET <target>` as it is, which fetch would normalise, and resolves with the status line. */
  function rawGet(target: string): Promise<string> {
    const { hostname, port } = new URL(t.baton.apiUrl);
    return new Promise((resolve, reject) => {
      const socket = net.connect(Number(port), hostname, () => {
        socket.write(`GET ${target} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`);
      });
      let answer = '';
      socket.on('data', (chunk: Buffer) => {
        answer += chunk.toString();
      });
      socket.on('end', () => resolve(answer.split('\r\n', 1)[0] ?? ''));
      socket.on('error', reject);
    });
  }
});

describe('the workload gauges', () => {
  /** A read model that counts its queries: hr has two open tasks, one overdue; one instance runs. */
  function countingDb(fail = false) {
    const db = {
      queries: 0,
      // What pg answers is typed by its caller (DataSource.query's `T`).
      async query<T>(): Promise<T> {
        db.queries += 1;
        if (fail) throw new Error('Postgres is away');
        return [
          { kind: 'department', key: 'hr', open: '2', overdue: '1' },
          { kind: 'instances', key: 'running', open: '1', overdue: '0' },
        ] as T;
      },
    };
    return db;
  }

  it('are read once for every scrape within the cache time, then again', async () => {
    const db = countingDb();
    const metrics = new BatonMetrics({ db, workloadCacheMs: 300 });
    const [first] = await Promise.all([metrics.render(), metrics.render()]);
    await metrics.render();
    expect(db.queries).toBe(1);
    const families = parsePrometheusTextFormat(first ?? '');
    expect(value(families, 'baton_tasks_open', { department: 'hr' })).toBe(2);
    expect(value(families, 'baton_tasks_overdue', { department: 'hr' })).toBe(1);
    expect(value(families, 'baton_instances', { status: 'running' })).toBe(1);
    expect(value(families, 'baton_instances', { status: 'failed' })).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 350));
    await metrics.render();
    expect(db.queries).toBe(2);
  });

  it('are left out when Postgres does not answer, which is not cached', async () => {
    const db = countingDb(true);
    const metrics = new BatonMetrics({ db, log: () => {} });
    const families = parsePrometheusTextFormat(await metrics.render());
    expect(value(families, 'baton_read_model_up')).toBe(0);
    expect(family(families, 'baton_tasks_open').metrics).toEqual([]);
    await metrics.render();
    expect(db.queries).toBe(2);
  });
});
