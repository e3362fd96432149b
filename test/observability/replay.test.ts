import fs from 'node:fs';
import path from 'node:path';
import { Resource } from '@opentelemetry/resources';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { makeWorkflowExporter } from '@temporalio/interceptors-opentelemetry/lib/worker';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { WORKFLOW_BUNDLER_OPTIONS, workflowInterceptorModules } from '../../worker';
import { HISTORIES_DIR } from '../support/histories';

/**
 * The workflow interceptors only add headers, log attributes and spans, none of which Temporal
 * replays: instances started before them, or on a worker with tracing off, go on under a worker
 * with tracing on. Those histories start sub-processes with ids from `uuid4()`: with
 * OpenTelemetry's own span ids drawn from the same random numbers, they fail here.
 */
describe('recorded histories, under the worker’s workflow interceptors with tracing on', () => {
  it('replay deterministically', async () => {
    const files = fs.readdirSync(HISTORIES_DIR).filter((file) => file.endsWith('.json'));
    const histories = files.map((file) => ({
      workflowId: path.basename(file, '.json'),
      history: JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, file), 'utf8')),
    }));
    const results = Worker.runReplayHistories(
      {
        workflowsPath: path.resolve(__dirname, '../../workflows/index.ts'),
        bundlerOptions: WORKFLOW_BUNDLER_OPTIONS,
        interceptors: { workflowModules: workflowInterceptorModules(true) },
        sinks: {
          exporter: makeWorkflowExporter(new SimpleSpanProcessor(new InMemorySpanExporter()), new Resource({})),
        },
      },
      histories,
    );
    const failures: string[] = [];
    let replayed = 0;
    for await (const result of results) {
      replayed++;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(files.length);
    expect(replayed).toBeGreaterThan(0);
  });
});
