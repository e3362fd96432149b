import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findFreePort } from '../infra/ports';
import { ApiClient } from '../test/support/api-client';
import { benchDefinitionsFolder } from './support/baton-under-test';
import { checkInvariants, type ExpectedInstance } from './support/chaos-invariants';
import { batonProcess, type KillableService, postgresService, temporalService } from './support/chaos-services';
import { type Outcome, RequestLog, type StaffTally, sleep, startInstances, workInbox } from './support/chaos-traffic';
import { report, target } from './support/report';
import { type Scenario, sizeFromEnvironment } from './support/scenario';
import { round } from './support/stats';

const DEPARTMENTS = ['logistics', 'it', 'maintenance'] as const;
const TASK_QUEUE = 'bench-chaos';

/** Four tasks over three departments, with a fan-out, a join and a notify step between them. */
const ERRAND = `
process: errand
title: Errand worked through faults
owner: operations
input:
  type: object
  required: [errand]
  properties:
    errand: { type: integer }
tasks:
  - { id: request, title: "Request {{ input.errand }}", department: logistics, due: 1d }
  - { id: check-stock, title: Check the stock, department: it, after: [request], due: 1d }
  - { id: check-site, title: Check the site, department: maintenance, after: [request], due: 1d }
  - id: announce
    type: notify
    after: [check-stock, check-site]
    to: { departments: [logistics, maintenance] }
    text: "Errand {{ input.errand }} is ready."
  - { id: close, title: Close, department: logistics, after: [announce], due: 1d }
`;
const EXPECTED: ExpectedInstance = {
  taskSteps: ['request', 'check-stock', 'check-site', 'close'],
  notifyRecipients: ['department:logistics', 'department:maintenance'],
};

/** For pacing the starts over the whole schedule: the time a service takes to come back and prove it. */
const RESTART_ESTIMATE_MS = 15_000;
/** A fault whose service gives no successful completion within this after its restart has not recovered. */
const RECOVERY_TIMEOUT_MS = 120_000;
const DRAIN_TIMEOUT_MS = 180_000;

interface FaultWindow {
  readonly service: KillableService['name'];
  readonly killedAt: number;
  readonly restartedAt: number;
  readonly readyAt: number;
  /** The end of the first completion answered 200 after the restart; null if none came. */
  readonly recoveredAt: number | null;
  /** Until when failures count as this fault's: its recovery, or the next phase when it never recovered. */
  readonly endsAt: number;
}

interface ChaosSizes {
  readonly instances: number;
  readonly outageMs: number;
  readonly warmUpMs: number;
  readonly settleMs: number;
  readonly dwellMs: number;
}

function sizes(smoke: boolean): ChaosSizes {
  if (smoke) return { instances: 6, outageMs: 3_000, warmUpMs: 3_000, settleMs: 1_000, dwellMs: 500 };
  return {
    instances: sizeFromEnvironment('BENCH_CHAOS_INSTANCES', 40, 'instances'),
    outageMs: sizeFromEnvironment('BENCH_CHAOS_OUTAGE_S', 25, 'seconds of outage') * 1000,
    warmUpMs: 10_000,
    settleMs: 10_000,
    dwellMs: 5_000,
  };
}

/** kill -9 of the service, an outage, a restart, then waiting for the first completion that proves recovery. */
async function inflict(service: KillableService, log: RequestLog, outageMs: number): Promise<FaultWindow> {
  console.log(`  kill -9 ${service.name}, ${outageMs / 1000}s outage...`);
  const killedAt = Date.now();
  await service.kill();
  await sleep(outageMs);
  const restartedAt = Date.now();
  await service.start();
  const readyAt = Date.now();
  const firstCompletion = () =>
    log.requests.find((r) => r.operation === 'complete' && r.outcome === 200 && r.endedAt >= restartedAt);
  while (!firstCompletion() && Date.now() - restartedAt < RECOVERY_TIMEOUT_MS) await sleep(100);
  const recoveredAt = firstCompletion()?.endedAt ?? null;
  console.log(
    `  ${service.name} ready ${seconds(readyAt - restartedAt)}s after its restart, first completion after ${recoveredAt === null ? 'never' : `${seconds(recoveredAt - restartedAt)}s`}`,
  );
  return { service: service.name, killedAt, restartedAt, readyAt, recoveredAt, endsAt: recoveredAt ?? Date.now() };
}

function seconds(ms: number): number {
  return round(ms / 1000, 1);
}

function isFailure(outcome: Outcome): boolean {
  return typeof outcome !== 'number' || outcome >= 400;
}

function countByOutcome(outcomes: readonly Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) counts[String(outcome)] = (counts[String(outcome)] ?? 0) + 1;
  return counts;
}

/** Waits until the manager sees every instance completed, or the drain times out. */
async function waitForCompletion(manager: ApiClient, log: RequestLog, instances: number): Promise<number> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  let completed = 0;
  while (Date.now() < deadline) {
    completed = 0;
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await log.send('progress', () =>
        manager.get(`/instances?key=errand&status=completed&limit=100${cursor ? `&cursor=${cursor}` : ''}`),
      );
      if (page?.status !== 200) break;
      completed += page.body.items.length;
      cursor = page.body.nextCursor;
    }
    if (completed >= instances) return completed;
    await sleep(1_000);
  }
  return completed;
}

export const chaosScenario: Scenario = {
  name: 'chaos',
  description: 'kill -9 of the worker, the API, Temporal and Postgres in turn while staff work: nothing lost',
  async run({ smoke }) {
    const size = sizes(smoke);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-bench-chaos-'));
    // The embedded Postgres runs as its own user and must traverse the folder.
    fs.chmodSync(dataDir, 0o755);
    const definitionsDir = benchDefinitionsFolder({ 'errand.yaml': ERRAND });
    const temporal = temporalService({
      port: await findFreePort(),
      dbFile: path.join(dataDir, 'temporal.db'),
      logFile: path.join(dataDir, 'temporal.log'),
    });
    const postgres = postgresService({ port: await findFreePort(), dataDir: path.join(dataDir, 'postgres') });
    const apiPort = await findFreePort();
    const adminToken = randomBytes(24).toString('hex');
    const started: KillableService[] = [];
    let trafficStopped = false;
    let passed = false;
    try {
      for (const service of [temporal, postgres]) {
        started.push(service);
        await service.start();
      }
      const env = {
        TEMPORAL_ADDRESS: temporal.address,
        DATABASE_URL: postgres.urls().url,
        BATON_ADMIN_TOKEN: adminToken,
        BATON_TASK_QUEUE: TASK_QUEUE,
        BATON_DEFINITIONS_DIR: definitionsDir,
        BATON_RECONCILE_INTERVAL: '2',
        BATON_HOST: '127.0.0.1',
        PORT: String(apiPort),
      };
      const api = batonProcess({
        name: 'api',
        entry: 'api/server.ts',
        env,
        logFile: path.join(dataDir, 'api.log'),
        // Their JSON log lines (infra/logger.ts).
        readyLine: '"msg":"listening on',
      });
      const worker = batonProcess({
        name: 'worker',
        entry: 'worker.ts',
        env,
        logFile: path.join(dataDir, 'worker.log'),
        readyLine: '"msg":"polling task queue',
      });
      for (const service of [api, worker]) {
        started.push(service);
        await service.start();
      }

      const admin = new ApiClient(`http://127.0.0.1:${apiPort}`, adminToken);
      const user = async (role: 'manager' | 'staff', department?: string) => {
        const created = await admin.post('/users', { name: `chaos ${role} ${department ?? ''}`, role, department });
        if (created.status !== 201) throw new Error(`could not create a ${role}: ${JSON.stringify(created.body)}`);
        return admin.as(created.body.token);
      };
      const manager = await user('manager');
      const staff = await Promise.all(DEPARTMENTS.map((department) => user('staff', department)));

      const faults = [worker, api, temporal, postgres];
      const scheduleMs = size.warmUpMs + faults.length * (size.outageMs + RESTART_ESTIMATE_MS + size.settleMs);
      const log = new RequestLog();
      const tally: StaffTally = { completed: new Map(), conflicts: 0, refused: 0 };
      console.log(
        `${size.instances} errands started over ~${seconds(scheduleMs)}s, ${staff.length} staff, faults: ${faults.map((f) => f.name).join(', ')}`,
      );
      const runStartedAt = Date.now();
      const starting = startInstances({
        manager,
        processKey: 'errand',
        count: size.instances,
        intervalMs: scheduleMs / size.instances,
        log,
        until: () => trafficStopped,
      });
      const working = staff.map((member) =>
        workInbox({ staff: member, dwellMs: size.dwellMs, log, tally, until: () => trafficStopped }),
      );
      await sleep(size.warmUpMs);
      const windows: FaultWindow[] = [];
      for (const service of faults) {
        windows.push(await inflict(service, log, size.outageMs));
        await sleep(size.settleMs);
      }
      const starts = await starting;
      console.log('every start answered; waiting for every instance to complete...');
      const completedSeen = await waitForCompletion(manager, log, starts.ids.size);
      trafficStopped = true;
      await Promise.all(working);
      const durationMs = Date.now() - runStartedAt;

      console.log('checking Postgres and Temporal...');
      const invariants = await checkInvariants({
        databaseUrl: postgres.urls().url,
        temporalAddress: temporal.address,
        taskQueue: TASK_QUEUE,
        instanceIdsByKey: starts.ids,
        expected: EXPECTED,
      });

      const inWindow = (window: FaultWindow) => (request: { startedAt: number; endedAt: number }) =>
        request.endedAt >= window.killedAt && request.startedAt <= window.endsAt;
      const perFault = windows.map((window) => {
        const requests = log.requests.filter(inWindow(window));
        return {
          service: window.service,
          outageSeconds: seconds(window.restartedAt - window.killedAt),
          readySecondsAfterRestart: seconds(window.readyAt - window.restartedAt),
          recoverySeconds: window.recoveredAt === null ? null : seconds(window.recoveredAt - window.restartedAt),
          requests: requests.length,
          failedRequests: countByOutcome(requests.map((r) => r.outcome).filter(isFailure)),
        };
      });
      const outsideFaults = log.requests.filter((request) => !windows.some((window) => inWindow(window)(request)));
      const serverErrorsOtherThan503 = log.requests.filter(
        (r) => typeof r.outcome === 'number' && r.outcome >= 500 && r.outcome !== 503,
      ).length;
      const hung = log.requests.filter((r) => r.outcome === 'timeout').length;
      const failuresOutsideFaults = outsideFaults.filter((r) => isFailure(r.outcome) && r.outcome !== 409);
      const completedTwice = [...tally.completed.values()].filter((times) => times > 1).length;
      const unexpectedExits = api.unexpectedExits + worker.unexpectedExits;
      const figures = {
        instances: size.instances,
        staff: staff.length,
        outageSeconds: size.outageMs / 1000,
        durationSeconds: seconds(durationMs),
        faults: perFault,
        failuresOutsideFaults: countByOutcome(failuresOutsideFaults.map((r) => r.outcome)),
        requests: log.requests.length,
        requestsByOutcome: countByOutcome(log.requests.map((r) => r.outcome)),
        startsResumedByTheirKey: starts.resumed,
        startsRefused: starts.refused,
        completionsAnswered200: tally.completed.size,
        completionConflicts409: tally.conflicts,
        completionsRefused: tally.refused,
        completedInstancesSeenByTheApi: completedSeen,
        unexpectedExits: { api: api.unexpectedExits, worker: worker.unexpectedExits },
        stored: invariants.counts,
        violations: invariants.violations.slice(0, 50),
      };
      const checks = [
        target('instances not completed', size.instances - invariants.counts.completedInstances, '<=', 0),
        target('lost, duplicated or orphan rows and workflows', invariants.violations.length, '<=', 0),
        target('5xx other than 503', serverErrorsOtherThan503, '<=', 0),
        target('requests with no answer within 60 s', hung, '<=', 0),
        target('failed requests outside a fault (409 aside)', failuresOutsideFaults.length, '<=', 0),
        target('starts refused', starts.refused.length, '<=', 0),
        target('completions refused (4xx other than 409)', tally.refused, '<=', 0),
        target('tasks answered 200 twice', completedTwice, '<=', 0),
        target('worker or API exits nobody asked for', unexpectedExits, '<=', 0),
        ...perFault.map((fault) =>
          target(
            `${fault.service}: seconds from restart to the first completion`,
            fault.recoverySeconds ?? -1,
            '>=',
            0,
          ),
        ),
      ];
      report('chaos', figures, checks, smoke);
      const broken = checks.filter((check) => !check.met);
      if (broken.length > 0) throw new Error(`chaos: ${broken.map((check) => check.name).join('; ')}`);
      passed = true;
    } finally {
      trafficStopped = true;
      for (const service of started.reverse()) await service.stop();
      fs.rmSync(definitionsDir, { recursive: true, force: true });
      // The services' logs and data say what went wrong.
      if (passed) fs.rmSync(dataDir, { recursive: true, force: true });
      else console.error(`chaos: logs and data kept in ${dataDir}`);
    }
  },
};
