import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../infra/ports';
import { ApiClient } from '../support/api-client';
import { type ApiProcess, startApiProcess } from '../support/api-process';
import { definitionsFolder, startTestBaton, type TestBaton, testDatabaseUrl } from '../support/test-baton';
import { type PersonFields, person } from '../support/users';
import { eventually } from '../support/wait';
import { findSchemathesis, runSchemathesis, type SchemathesisRun, summaryOf } from './schemathesis-run';

/** A start form whose fields are all optional and tasks for finance: what schemathesis starts opens tasks. */
const PROCESS = fs.readFileSync(path.join(__dirname, 'contract-purchase.yaml'), 'utf8');
/** The bootstrap admin of the API process: no record to deactivate, no token to revoke or rotate. */
const BOOTSTRAP_ADMIN_TOKEN = 'schemathesis-bootstrap-admin-token-0123456789';
const REPORTS = path.join(os.tmpdir(), `baton-schemathesis-${process.pid}`);

/**
 * What every run sends and checks. The phases as schemathesis 4 names them: the document's
 * examples, the coverage of each schema's edges (positive and negative), random fuzzing, and the
 * stateful chains that follow the documented and inferred links (start an instance → its tasks
 * → complete one). A fixed seed makes a failure reproducible with the same command line.
 */
const COMMON_ARGUMENTS = [
  '--checks',
  'not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance',
  '--phases',
  'examples,coverage,fuzzing,stateful',
  '--mode',
  'all',
  '--seed',
  '1410',
  '--generation-deterministic',
  '--request-timeout',
  '20',
  '--workers',
  '2',
];

interface Caller {
  readonly name: string;
  readonly seeded?: PersonFields;
  /** Test cases per operation and phase: the admin, who may call everything, gets the most. */
  readonly maxExamples: number;
}

/**
 * One run per role, each with a token of its own: what a run destroys (its own token revoked
 * or rotated, its user deactivated) ends that run only. The seeded admin may deactivate the other
 * seeded users, so it comes after them; the bootstrap admin, whom no operation can lock out, comes
 * last with the largest budget, and nothing has to be excluded from any run.
 */
const CALLERS: readonly Caller[] = [
  { name: 'requester', seeded: { name: 'Rita Requester', role: 'requester' }, maxExamples: 5 },
  { name: 'staff', seeded: { name: 'Sam Staff', role: 'staff', department: 'finance' }, maxExamples: 5 },
  { name: 'manager', seeded: { name: 'Mona Manager', role: 'manager', department: 'finance' }, maxExamples: 5 },
  { name: 'owner', seeded: { name: 'Otto Owner', role: 'owner', department: 'operations' }, maxExamples: 5 },
  { name: 'admin', seeded: { name: 'Ada Admin', role: 'admin' }, maxExamples: 5 },
  { name: 'bootstrap-admin', maxExamples: 25 },
];

let t: TestBaton;
let api: ApiProcess;
let documentUrl: string;
let admin: ApiClient;

beforeAll(async () => {
  // Before anything starts: without schemathesis the test fails at once, saying how to install it.
  findSchemathesis();
  const definitions = definitionsFolder({ 'contract-purchase.yaml': PROCESS });
  // Its worker opens the tasks of the instances schemathesis starts; the API process is what is tested.
  t = await startTestBaton('schemathesis', definitions);
  const port = await findFreePort();
  api = await startApiProcess({
    port,
    databaseUrl: await testDatabaseUrl('baton_test_schemathesis'),
    adminToken: BOOTSTRAP_ADMIN_TOKEN,
    taskQueue: `test-schemathesis-${process.pid}`,
    definitionsDir: definitions,
  });
  documentUrl = `http://127.0.0.1:${port}/openapi.json`;
  admin = new ApiClient(`http://127.0.0.1:${port}`, BOOTSTRAP_ADMIN_TOKEN);
});

afterAll(async () => {
  if (api && api.child.exitCode === null) {
    api.child.kill('SIGTERM');
    await api.exited();
  }
  await t?.stop();
});

describe('the API against its own document (schemathesis)', () => {
  it('answers every operation, for every role, as its document says and never with a 5xx', async () => {
    // Something to find: an instance with an open task, before any run starts its own.
    const started = await admin.post('/definitions/contract-purchase/instances', { input: { item: 'a desk' } });
    expect(started.status).toBe(201);
    await eventually(
      async () => (await admin.get(`/tasks?instance=${started.body.id}`)).body.items.length > 0,
      'the first task to open',
    );
    const tokens = new Map<string, string>([['bootstrap-admin', BOOTSTRAP_ADMIN_TOKEN]]);
    for (const caller of CALLERS) {
      if (caller.seeded) tokens.set(caller.name, (await person(admin, caller.seeded)).client.token ?? '');
    }

    const runs: SchemathesisRun[] = [];
    for (const caller of CALLERS) {
      runs.push(
        await runSchemathesis({
          name: caller.name,
          documentUrl,
          token: tokens.get(caller.name) ?? '',
          reportDirectory: REPORTS,
          args: [...COMMON_ARGUMENTS, '--max-examples', String(caller.maxExamples)],
        }),
      );
    }

    const summary = summaryOf(runs);
    console.log(summary.text);
    // A 5xx is logged by the API with its stack: the line a developer needs beside the curl.
    const errorLog = api
      .output()
      .split('\n')
      .filter((line) => line.includes('"level":"error"'));
    expect(summary.serverErrors, `${summary.failuresText}\nthe API logged:\n${errorLog.join('\n')}`).toEqual([]);
    expect(summary.failedRuns, summary.failuresText).toEqual([]);
    expect(summary.conformanceFailures, summary.failuresText).toEqual([]);
    expect(summary.requests).toBeGreaterThanOrEqual(1000);
    // The stateful chains reached their end: a task of an instance schemathesis started, completed.
    expect(summary.completedChains, summary.text).toBeGreaterThan(0);
  }, 900_000);
});
