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
 * What every run sends and checks. A fixed seed makes a failure reproducible with the same
 * command line.
 */
const COMMON_ARGUMENTS = [
  '--checks',
  'not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance',
  '--seed',
  '1410',
  '--generation-deterministic',
  '--request-timeout',
  '20',
  // One thread: Python 3.11 before 3.11.8 can fail hypothesis's source parsing when two threads parse at
  // once (a SystemError, "AST constructor recursion depth mismatch", CPython gh-106905).
  '--workers',
  '1',
];

interface Caller {
  readonly name: string;
  /** The user seeded for the run, whose token it sends; absent: the bootstrap admin's. */
  readonly seeded?: PersonFields;
  /** Test cases per operation and phase: the bootstrap admin, who may call everything, gets the most. */
  readonly maxExamples: number;
  /**
   * `positive` (valid requests only) or `all` (malformed ones too). What a malformed request is
   * answered does not depend on who sends it: the bootstrap admin's run sends those; the roles'
   * runs send valid requests, to see what each role may do and how it is answered.
   */
  readonly mode: 'positive' | 'all';
  /** Which operations it calls (schemathesis's filters on `METHOD /path`). */
  readonly selection: readonly string[];
  /**
   * The phases as schemathesis 4 names them: the document's examples, the coverage of each
   * schema's edges (positive and negative), random fuzzing, and the stateful chains that follow
   * the documented and inferred links (start an instance → its tasks → complete one); absent: all.
   */
  readonly phases?: string;
  /** It may revoke its own token or have its address throttled: 401 and 429 are its to get. */
  readonly mayLockItselfOut?: boolean;
  /** A `schemathesis.toml` beside this file, for what the command line cannot say. */
  readonly configFile?: string;
}

/**
 * What could lock a run out before its end, each called in a run of its own instead:
 * - `POST /auth/session`: every refused token counts against the caller's address, which is
 *   answered 429 for a minute after 10, whatever it sends then (the `sign-in` run);
 * - revoking one's own token (`DELETE /users/me/tokens/{tokenId}`, the `own-tokens` run);
 * - deactivating a user, replacing or revoking a user's tokens (admin only): the seeded admin
 *   would do it to itself; the bootstrap admin, who has no record and no token to lose, does it.
 */
const LOCKS_OUT = '^(POST /auth/session|DELETE /users/[^/]+(/tokens/[^/]+)?|POST /users/[^/]+/token)$';
/**
 * The one operation no run calls: `GET /events` answers a stream held open until the client goes,
 * and schemathesis reads a whole body before it checks it, so each call would only wait for the
 * request timeout. The live updates have tests of their own (test/e2e/web-sign-in, api-lifecycle,
 * test/browser/staff).
 */
const NEVER_ENDS = ['--exclude-name', 'GET /events'];
const SAFE_FOR_A_USER = [...NEVER_ENDS, '--exclude-name-regex', LOCKS_OUT];

/**
 * One run per role, each with a token of its own and a client address of its own
 * (`X-Forwarded-For`, trusted from loopback), so that what one run provokes never reaches the
 * next. The seeded admin may change the other seeded users, so it comes after them; the bootstrap
 * admin, whom no operation can lock out, comes last with the largest budget.
 */
const CALLERS: readonly Caller[] = [
  {
    name: 'requester',
    seeded: { name: 'Rita Requester', role: 'requester' },
    maxExamples: 3,
    mode: 'positive',
    selection: SAFE_FOR_A_USER,
  },
  {
    name: 'staff',
    seeded: { name: 'Sam Staff', role: 'staff', department: 'finance' },
    maxExamples: 3,
    mode: 'positive',
    selection: SAFE_FOR_A_USER,
  },
  {
    name: 'manager',
    seeded: { name: 'Mona Manager', role: 'manager', department: 'finance' },
    maxExamples: 3,
    mode: 'positive',
    selection: SAFE_FOR_A_USER,
  },
  {
    name: 'owner',
    seeded: { name: 'Otto Owner', role: 'owner', department: 'operations' },
    maxExamples: 3,
    mode: 'positive',
    selection: SAFE_FOR_A_USER,
  },
  {
    name: 'admin',
    seeded: { name: 'Ada Admin', role: 'admin' },
    maxExamples: 3,
    mode: 'positive',
    selection: SAFE_FOR_A_USER,
  },
  {
    name: 'own-tokens',
    seeded: { name: 'Tom Tokens', role: 'staff', department: 'hr' },
    maxExamples: 10,
    mode: 'all',
    selection: ['--include-path-regex', '^/users/me/tokens'],
    mayLockItselfOut: true,
  },
  {
    name: 'sign-in',
    maxExamples: 25,
    mode: 'all',
    selection: ['--include-name', 'POST /auth/session'],
    // One operation: no link to follow.
    phases: 'examples,coverage,fuzzing',
    mayLockItselfOut: true,
  },
  {
    // The chains the issue asks for, start an instance → its tasks → complete one: the whole
    // document has too many links for a short stateful phase to walk this one often, so a run
    // of its own follows only these three operations, on the process deployed here.
    name: 'start-to-complete',
    maxExamples: 40,
    mode: 'positive',
    selection: [
      '--include-operation-id',
      'startInstance',
      '--include-operation-id',
      'listTasks',
      '--include-operation-id',
      'completeTask',
    ],
    phases: 'stateful',
    configFile: 'start-to-complete.toml',
  },
  {
    name: 'bootstrap-admin',
    maxExamples: 15,
    mode: 'all',
    selection: [...NEVER_ENDS, '--exclude-name', 'POST /auth/session'],
  },
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
    env: { BATON_TRUST_PROXY: 'loopback' },
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
    const tokens = new Map<string, string>();
    for (const caller of CALLERS) {
      if (caller.seeded) tokens.set(caller.name, (await person(admin, caller.seeded)).client.token ?? '');
    }

    const runs: SchemathesisRun[] = [];
    for (const [index, caller] of CALLERS.entries()) {
      runs.push(
        await runSchemathesis({
          name: caller.name,
          documentUrl,
          token: tokens.get(caller.name) ?? BOOTSTRAP_ADMIN_TOKEN,
          tokenHolder: caller.seeded ? caller.name : 'bootstrap-admin',
          // Documentation addresses (RFC 5737), one per run.
          clientAddress: `198.51.100.${index + 1}`,
          configFile: caller.configFile && path.join(__dirname, caller.configFile),
          reportDirectory: REPORTS,
          args: [
            ...COMMON_ARGUMENTS,
            '--phases',
            caller.phases ?? 'examples,coverage,fuzzing,stateful',
            '--mode',
            caller.mode,
            '--max-examples',
            String(caller.maxExamples),
            ...caller.selection,
          ],
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
    // Each run tested what it selected to its end: none was answered 401 or 429 unless it may lock itself out.
    expect(summary.emptyRuns, summary.text).toEqual([]);
    const mayLockThemselvesOut = CALLERS.filter((caller) => caller.mayLockItselfOut).map((caller) => caller.name);
    expect(
      summary.lockedOut.filter((run) => !mayLockThemselvesOut.includes(run)),
      summary.text,
    ).toEqual([]);
    expect(summary.requests).toBeGreaterThanOrEqual(1000);
    // The stateful chains reached their end: a task of an instance schemathesis started, completed.
    expect(summary.completedChains, summary.text).toBeGreaterThan(0);
  }, 900_000);
});
