import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitionsFolder, startTestBaton, type TestBaton } from '../support/test-baton';
import { userClient } from '../support/users';
import { eventually } from '../support/wait';
import { runMain } from './run-cli';

const PROCESS = `process: cli-inventory
title: Inventory of a site
owner: logistics
input:
  type: object
  required: [site]
  properties:
    site: { type: string }
tasks:
  - id: count
    title: "Count the stock of {{ input.site }}"
    department: logistics
    due: 3d
    cost: 100
    form:
      type: object
      required: [items]
      properties:
        items: { type: integer }
`;

describe('baton deploy, start, tasks, complete and status against a running server', () => {
  let t: TestBaton;
  let file: string;
  const tokens: Record<'admin' | 'owner' | 'manager' | 'logistics', string> = {
    admin: '',
    owner: '',
    manager: '',
    logistics: '',
  };

  beforeAll(async () => {
    // Outside the definitions folder the server deploys at start: the command line deploys it.
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'baton-cli-')), 'cli-inventory.yaml');
    fs.writeFileSync(file, PROCESS);
    t = await startTestBaton('cli-commands', definitionsFolder({}));
    tokens.admin = t.baton.adminToken;
    tokens.owner = (await userClient(t.admin, 'owner')).token ?? '';
    tokens.manager = (await userClient(t.admin, 'manager')).token ?? '';
    tokens.logistics = (await userClient(t.admin, 'staff', 'logistics')).token ?? '';
  });

  afterAll(async () => {
    await t?.stop();
  });

  const as = (who: keyof typeof tokens, args: readonly string[]) =>
    runMain(args, { BATON_URL: t.baton.apiUrl, BATON_TOKEN: tokens[who] });

  it('runs a process from deploy to done', async () => {
    const deployed = await as('owner', ['deploy', file]);
    expect(deployed.stdout).toBe(`deployed  cli-inventory v1  ${file}\n`);
    expect(deployed.code).toBe(0);

    const started = await as('manager', ['start', 'cli-inventory', '--input-json', '{"site": "LYO-012"}', '--json']);
    expect(started.code).toBe(0);
    const instance = JSON.parse(started.stdout);
    expect(instance).toMatchObject({ key: 'cli-inventory', version: 1, status: 'running' });

    const inbox = await as('logistics', ['tasks', '--status', 'open', '--instance', instance.id]);
    expect(inbox.code).toBe(0);
    const [header, row, ...more] = inbox.stdout.trim().split('\n');
    expect(header).toMatch(/^TASK +DEPARTMENT +STATUS +DUE +TITLE$/);
    expect(row).toMatch(
      new RegExp(`^${instance.id}\\.count +logistics +open +\\S+ \\S+ UTC +Count the stock of LYO-012$`),
    );
    expect(more).toEqual([]);

    const completed = await as('logistics', [
      'complete',
      `${instance.id}.count`,
      '--output-json',
      '{"items": 1200}',
      '--actual-cost',
      '120',
    ]);
    expect(completed.stdout).toContain(`completed ${instance.id}.count`);
    expect(completed.stdout).toContain('status done, actual cost 120');
    expect(completed.code).toBe(0);

    const status = await as('manager', ['status', instance.id]);
    expect(status.stdout).toMatch(/^status +completed$/m);
    expect(status.stdout).toMatch(/^progress +1\/1 steps done$/m);
    expect(status.stdout).toMatch(/^cost +120 actual, 100 estimated, 120 forecast$/m);
    expect(status.stdout).toMatch(new RegExp(`^count +logistics +done +.+ ${instance.id}\\.count$`, 'm'));
    expect(status.code).toBe(0);
  });

  it('lists the instances at risk: an overdue task, or over budget', async () => {
    const late = path.join(path.dirname(file), 'cli-late.yaml');
    fs.writeFileSync(
      late,
      PROCESS.replace('process: cli-inventory', 'process: cli-late')
        .replace('due: 3d', 'due: 1s')
        .replace('owner: logistics', 'owner: logistics\nbudget: { amount: 50, currency: EUR }'),
    );
    expect((await as('owner', ['deploy', late])).code).toBe(0);
    const started = await as('manager', ['start', 'cli-late', '--input-json', '{"site": "LYO-013"}', '--json']);
    const instance = JSON.parse(started.stdout);
    await new Promise((resolve) => setTimeout(resolve, 1_200));

    const run = await as('manager', ['at-risk', '--limit', '10']);
    expect(run.code).toBe(0);
    const [header, row, ...more] = run.stdout.trim().split('\n');
    expect(header).toMatch(/^INSTANCE +PROCESS +OVERDUE +OLDEST DUE +DEPARTMENTS +COST \/ BUDGET +SUBJECT$/);
    expect(row).toMatch(
      new RegExp(`^${instance.id} +cli-late v1 +1 +\\S+ \\S+ UTC +logistics +100 / 50 OVER +Inventory of a site$`),
    );
    expect(more).toEqual([]);
    const json = JSON.parse((await as('owner', ['at-risk', '--json'])).stdout);
    expect(json.items).toHaveLength(1);
    expect((await as('logistics', ['at-risk'])).stderr).toMatch(/^error 403 forbidden: /);
  });

  it('previews new start data, then applies it', async () => {
    const anchored = path.join(path.dirname(file), 'cli-anchored.yaml');
    fs.writeFileSync(
      anchored,
      PROCESS.replace('process: cli-inventory', 'process: cli-anchored')
        .replace('required: [site]', 'required: [site, closingDate]')
        .replace('site: { type: string }', 'site: { type: string }\n    closingDate: { type: string, format: date }')
        .replace('due: 3d', 'due: { before: input.closingDate, by: 1d }'),
    );
    expect((await as('owner', ['deploy', anchored])).code).toBe(0);
    const started = await as('manager', [
      'start',
      'cli-anchored',
      '--input-json',
      '{"site": "LYO-014", "closingDate": "2031-05-10"}',
      '--json',
    ]);
    const instance = JSON.parse(started.stdout);
    const later = ['--input-json', '{"closingDate": "2031-05-20"}'];

    const preview = await as('manager', ['replan', instance.id, ...later]);
    expect(preview.code).toBe(0);
    const lines = preview.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^TASK +DEPARTMENT +DUE +WOULD BE DUE +TITLE$/);
    expect(lines[1]).toMatch(
      new RegExp(
        `^${instance.id}\\.count +logistics +2031-05-09 00:00 UTC +2031-05-19 00:00 UTC +Count the stock of LYO-014$`,
      ),
    );
    expect(lines.slice(2)).toEqual([
      'expected finish  2031-05-19 00:00 UTC; at risk: 0',
      `nothing changed: add --apply to re-plan ${instance.id}`,
    ]);

    const applied = await as('manager', ['replan', instance.id, ...later, '--apply']);
    expect(applied.stdout).toContain(`re-planned ${instance.id}`);
    const status = await as('manager', ['status', instance.id]);
    expect(status.stdout).toMatch(/^count +logistics +open +2031-05-19 00:00 UTC /m);
    const none = await as('manager', ['replan', instance.id, ...later]);
    expect(none.stdout).toContain('no open task would change its due date');
    expect((await as('manager', ['replan', instance.id])).code).toBe(2);
  });

  it('retries and skips a failed step, cancels, and lists instances and notifications', async () => {
    const calling = path.join(path.dirname(file), 'cli-call.yaml');
    fs.writeFileSync(
      calling,
      `process: cli-call
title: Register a site
owner: logistics
input: { type: object, properties: {} }
tasks:
  - id: register
    type: call
    method: POST
    url: http://localhost:1/sites
  - id: label
    title: Label the site
    department: logistics
    after: [register]
    due: 2d
`,
    );
    expect((await as('owner', ['deploy', calling])).code).toBe(0);
    const id = JSON.parse((await as('manager', ['start', 'cli-call', '--json'])).stdout).id;
    const failed = await eventually(async () => {
      const run = await as('manager', ['status', id]);
      return /^register +— +failed /m.test(run.stdout) ? run.stdout : null;
    }, 'the call to fail');
    // Outside BATON_CALL_HOSTS: refused at once, and said why.
    expect(failed).toMatch(/^register failed: .*localhost:1 is not among the hosts calls may reach/m);

    const retried = await as('manager', ['retry', id, 'register']);
    expect(retried.stdout).toBe(`retried register of ${id}: instance running\n`);
    await eventually(
      async () => /^register +— +failed /m.test((await as('manager', ['status', id])).stdout),
      'the retry to fail',
    );
    const skipped = await as('manager', ['skip', id, 'register']);
    expect(skipped.stdout).toBe(`skipped register of ${id}: instance running\n`);
    const labelling = await eventually(async () => {
      const run = await as('manager', ['status', id]);
      return /^label +logistics +open /m.test(run.stdout) ? run.stdout : null;
    }, 'the next step to open');
    expect(labelling).toMatch(/^register +— +skipped /m);
    expect((await as('manager', ['retry', id, 'label'])).stderr).toMatch(/^error 409 /);
    expect((await as('manager', ['skip', id])).code).toBe(2);

    const live = await as('manager', ['plan', id]);
    expect(live.code).toBe(0);
    expect(live.stdout).toContain('Register a site (cli-call)');
    expect(live.stdout).toMatch(/^critical path: label$/m);
    expect(live.stdout).toMatch(/^as of \S+; no step at risk$/m);

    const listed = await as('manager', ['instances', '--key', 'cli-call']);
    expect(listed.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^INSTANCE +PROCESS +STATUS +STARTED +ENDED$/),
      expect.stringMatching(new RegExp(`^${id} +cli-call v1 +running +\\S+ \\S+ UTC +—$`)),
    ]);

    const told = await as('manager', ['notifications', '--instance', id, '--kind', 'step-failed']);
    const [header, ...rows] = told.stdout.trim().split('\n');
    expect(header).toMatch(/^KIND +RECIPIENT +CREATED +DELIVERIES +SUBJECT$/);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    for (const row of rows) expect(row).toMatch(/^step-failed +department:logistics +\S+ \S+ UTC /);

    const cancelled = await as('manager', ['cancel', id]);
    expect(cancelled.stdout).toBe(`cancelled ${id}: status cancelled\n`);
    expect((await as('manager', ['instances', '--key', 'cli-call', '--status', 'running'])).stdout).toBe(
      'no instance\n',
    );
    expect((await as('manager', ['cancel', id])).stderr).toMatch(/^error 409 /);
  });

  it("reads the managers' reports", async () => {
    const departments = await as('manager', ['report', 'departments', '--from', '2026-01-01']);
    expect(departments.code).toBe(0);
    const lines = departments.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^from 2026-01-01T00:00:00.000Z to \S+$/);
    expect(lines[1]).toMatch(/^DEPARTMENT +OPEN +OVERDUE +COMPLETED +ON TIME +MEDIAN HOURS +NAME$/);
    // The first scenario completed one logistics task, on time.
    expect(lines).toContainEqual(
      expect.stringMatching(/^logistics +\d+ +\d+ +[1-9]\d* +\d+(\.\d)?% +[\d.]+ +Logistics$/),
    );

    const costs = await as('owner', ['report', 'costs', '--key', 'cli-inventory']);
    expect(costs.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^PROCESS +INSTANCES +ESTIMATED +ACTUAL +BUDGET$/),
      expect.stringMatching(/^cli-inventory v1 +1 +100 +120 +—$/),
    ]);
    expect((await as('manager', ['report'])).code).toBe(2);
    expect((await as('manager', ['report', 'costs', '--from', '2026-01-01'])).code).toBe(2);
    expect((await as('logistics', ['report', 'costs'])).stderr).toMatch(/^error 403 forbidden: /);
  });

  it('creates a person, gives them a new token, and deactivates them (an admin)', async () => {
    const created = await as('admin', [
      'users',
      'create',
      '--name',
      'Cleo Clerk',
      '--role',
      'staff',
      '--department',
      'logistics',
      '--email',
      'cleo@example.com',
    ]);
    const match = /^created (\S+) \(staff\); token, shown once: (\S+)\n$/.exec(created.stdout);
    expect(match).not.toBeNull();
    const [, userId = '', firstToken = ''] = match ?? [];
    const listed = await as('admin', ['users']);
    expect(listed.stdout).toMatch(new RegExp(`^${userId} +staff +logistics +cleo@example.com +yes +Cleo Clerk$`, 'm'));

    const renewed = await as('admin', ['users', 'token', userId]);
    const newToken = /shown once: (\S+)$/m.exec(renewed.stdout)?.[1] ?? '';
    expect(newToken).not.toBe(firstToken);
    const asCleo = (token: string) => runMain(['tasks'], { BATON_URL: t.baton.apiUrl, BATON_TOKEN: token });
    expect((await asCleo(firstToken)).stderr).toMatch(/^error 401 /);
    expect((await asCleo(newToken)).code).toBe(0);

    expect((await as('admin', ['users', 'deactivate', userId])).stdout).toBe(`deactivated ${userId}\n`);
    expect((await asCleo(newToken)).stderr).toMatch(/^error 401 /);
    expect((await as('admin', ['users'])).stdout).toMatch(new RegExp(`^${userId} .* no +Cleo Clerk$`, 'm'));
    expect((await as('manager', ['users'])).stderr).toMatch(/^error 403 forbidden: /);
    expect((await as('admin', ['users', 'create', '--name', 'Nobody'])).code).toBe(2);
  });

  it('prints a refused request as `error <status> <code>: <detail>`: exit 1', async () => {
    const run = await as('logistics', ['complete', 'no-such-instance.count', '--output-json', '{}']);
    expect(run.stderr).toMatch(/^error 404 not-found: .+/);
    expect(run.code).toBe(1);
  });

  it('prints each error of a refused definition at its file:line:col: exit 1', async () => {
    const broken = path.join(path.dirname(file), 'broken.yaml');
    fs.writeFileSync(broken, PROCESS.replace('due: 3d', 'due: soon'));
    const run = await as('owner', ['deploy', broken]);
    expect(run.stderr).toContain('error 422 definition-invalid: ');
    expect(run.stderr).toMatch(new RegExp(`^  ${broken}:13:10  invalid-due  `, 'm'));
    expect(run.code).toBe(1);
  });
});
