import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { WORKFLOW_BUNDLER_OPTIONS } from '../../worker';
import { HISTORIES_DIR } from '../support/histories';

/**
 * Histories recorded from the end-to-end runs (BATON_RECORD_HISTORIES=1 npm test) replayed
 * against today's workflow code: a change that would break running instances fails here.
 */
describe('recorded histories', () => {
  const files = fs.readdirSync(HISTORIES_DIR).filter((file) => file.endsWith('.json'));

  it('exist for the shipped processes', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'site-opening-completed.json',
        'site-opening-cancelled.json',
        'shipped-employee-onboarding.json',
        'shipped-site-opening.json',
        'shipped-service-desk-request.json',
        'shipped-clinic-opening.json',
      ]),
    );
  });

  it('replay deterministically with the current interpreter', async () => {
    const histories = files.map((file) => ({
      workflowId: path.basename(file, '.json'),
      history: JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, file), 'utf8')),
    }));
    const results = Worker.runReplayHistories(
      // Bundled as the worker bundles it.
      { workflowsPath: path.resolve(__dirname, '../../workflows/index.ts'), bundlerOptions: WORKFLOW_BUNDLER_OPTIONS },
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
  });
});
