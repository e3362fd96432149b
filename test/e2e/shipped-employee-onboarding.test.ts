import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { recordHistory } from '../support/histories';
import {
  type FakeDirectory,
  inboxOf,
  StaffRoster,
  shippedDefinitionsWith,
  shippedExample,
  startFakeDirectory,
  stepOf,
  untilOpen,
} from '../support/shipped';
import { startTestBaton, type TestBaton } from '../support/test-baton';
import { userClient } from '../support/users';

const STORE_MANAGER = {
  employeeName: 'Claire Martin',
  jobRole: 'store-manager',
  startDate: '2027-04-19',
  sites: [
    { code: 'LYO-012', type: 'store' },
    { code: 'LYO-901', type: 'warehouse' },
  ],
  email: 'claire.martin@example.com',
};

interface StepJson {
  stepId: string;
  kind: string;
  status: string;
  department: string | null;
  title: string | null;
  estimatedCost: number;
  items?: StepJson[];
}

/** The shipped employee-onboarding, with its catalogue and a stand-in identity directory, over HTTP. */
describe('shipped process: employee-onboarding', () => {
  let t: TestBaton;
  let directory: FakeDirectory;
  let manager: ApiClient;
  let staff: StaffRoster;

  beforeAll(async () => {
    directory = await startFakeDirectory();
    t = await startTestBaton('shipped-onboarding', shippedDefinitionsWith(directory.url), {
      BATON_CALL_HOSTS: directory.host,
    });
    manager = await userClient(t.admin, 'manager');
    staff = new StaffRoster(t.admin);
  });

  afterAll(async () => {
    await t?.stop();
    await directory?.close();
  });

  async function complete(taskId: string, department: string, output: object, actualCost?: number) {
    const answer = await (await staff.of(department)).post(`/tasks/${taskId}/complete`, {
      output,
      ...(actualCost === undefined ? {} : { actualCost }),
    });
    expect(answer.status, `completing ${taskId}: ${JSON.stringify(answer.body)}`).toBe(200);
    return answer.body;
  }

  async function statusOf(id: string): Promise<{ status: string; steps: StepJson[]; [key: string]: unknown }> {
    const status = await manager.get(`/instances/${id}`);
    expect(status.status).toBe(200);
    return status.body;
  }

  it('accepts its shipped example', async () => {
    const started = await manager.post('/definitions/employee-onboarding/instances', {
      input: shippedExample('employee-onboarding'),
    });
    expect(started.status).toBe(201);
    expect((await manager.post(`/instances/${started.body.id}/cancel`)).status).toBe(200);
  });

  it('onboards a store manager: approval sent back once, catalogue equipment, accounts from the directory, a badge per site', async () => {
    const started = await manager.post('/definitions/employee-onboarding/instances', { input: STORE_MANAGER });
    expect(started.status).toBe(201);
    const id = started.body.id;

    // HR alone has work: the contract.
    await untilOpen(manager, id, ['contract']);
    expect(await inboxOf(await staff.of('hr'), id)).toEqual({ contract: 'Employment contract for Claire Martin' });
    const contract = (await (await staff.of('hr')).get(`/tasks/${id}.contract`)).body;
    expect(contract.description).toBe(
      'Draft, sign and register the Store manager contract starting on 2027-04-19 at LYO-012.',
    );
    await complete(`${id}.contract`, 'hr', { contractId: 'CT-2027-0101', signedOn: '2027-03-01' });

    // A store manager's hire is approved by operations before anything is ordered.
    await untilOpen(manager, id, ['hire-approval']);
    const operations = await staff.of('operations');
    expect(await inboxOf(operations, id)).toEqual({
      'hire-approval': 'Approve the hire of Claire Martin as Store manager',
    });
    const approval = (await operations.get(`/tasks/${id}.hire-approval`)).body;
    expect(approval).toMatchObject({ kind: 'approval', department: 'operations', round: 0 });
    expect(approval.description).toContain('Contract CT-2027-0101');
    expect(approval.description).toContain('Equipment to order: laptop, phone, uniform, store-keys');
    expect(
      (await (await staff.of('hr')).post(`/tasks/${id}.hire-approval/complete`, { output: { decision: 'approve' } }))
        .status,
    ).toBe(403);

    // Rejected: the contract goes back to HR with the reason.
    await complete(`${id}.hire-approval`, 'operations', {
      decision: 'reject',
      comment: 'The trial period of a store manager is six months',
    });
    await untilOpen(manager, id, ['contract']);
    const reopened = (await (await staff.of('hr')).get(`/tasks/${id}.contract`)).body;
    expect(reopened).toMatchObject({
      status: 'open',
      round: 1,
      note: 'The trial period of a store manager is six months',
    });
    await complete(`${id}.contract`, 'hr', {
      contractId: 'CT-2027-0102',
      signedOn: '2027-03-03',
      trialPeriodMonths: 6,
    });
    await untilOpen(manager, id, ['hire-approval']);
    expect((await operations.get(`/tasks/${id}.hire-approval`)).body.description).toContain('Contract CT-2027-0102');
    expect(directory.requests).toHaveLength(0);
    await complete(`${id}.hire-approval`, 'operations', { decision: 'approve', comment: 'OK with six months' });

    // Approved: payroll, one task per catalogue item, a badge per site, and the directory creates the account.
    await untilOpen(manager, id, [
      'payroll',
      'access-rights',
      'equipment[0]',
      'equipment[1]',
      'equipment[2]',
      'equipment[3]',
      'badges[0]',
      'badges[1]',
    ]);
    const calls = directory.requests.filter((request) => request.body.reference === id);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      method: 'POST',
      path: '/accounts',
      headers: { 'x-requested-by': 'baton' },
      body: {
        displayName: 'Claire Martin',
        personalEmail: 'claire.martin@example.com',
        jobRole: 'store-manager',
        groups: ['pos-supervisor', 'back-office', 'store-reports', 'timesheets-approval'],
        sites: ['LYO-012', 'LYO-901'],
        startDate: '2027-04-19',
      },
    });

    expect(await inboxOf(await staff.of('finance'), id)).toEqual({ payroll: 'Register Claire Martin in payroll' });
    expect(await inboxOf(await staff.of('it'), id)).toEqual({
      'access-rights': 'Check the access rights of claire.martin (Claire Martin)',
      'equipment[0]': 'Laptop for Claire Martin',
      'equipment[1]': 'Mobile phone for Claire Martin',
    });
    expect(await inboxOf(await staff.of('logistics'), id)).toEqual({
      'equipment[2]': 'Uniform (two sets) for Claire Martin',
    });
    expect(await inboxOf(await staff.of('security'), id)).toEqual({
      'equipment[3]': 'Store keys and safe code for Claire Martin',
      'badges[0]': 'Access badge for Claire Martin at LYO-012',
    });
    expect(await inboxOf(await staff.of('maintenance'), id)).toEqual({
      'badges[1]': 'Access badge for Claire Martin at LYO-901',
    });
    expect(await inboxOf(await staff.of('training'), id)).toEqual({});

    const it_ = await staff.of('it');
    const accessRights = (await it_.get(`/tasks/${id}.access-rights`)).body;
    expect(accessRights.description).toContain('mailbox claire.martin@corp.example.com');
    expect(accessRights.description).toContain('pos-supervisor, back-office, store-reports, timesheets-approval');
    const laptop = (await it_.get(`/tasks/${id}.equipment[0]`)).body;
    expect(laptop).toMatchObject({ estimatedCost: 1400, description: 'Deliver to site LYO-012 before 2027-04-19.' });
    // Every item is due the French business day before the first day, Monday 19 April 2027:
    // Friday 16 April at 18:00 in Paris (CEST).
    expect(laptop.dueAt).toBe('2027-04-16T16:00:00.000Z');
    const keys = (await (await staff.of('security')).get(`/tasks/${id}.equipment[3]`)).body;
    expect(keys.estimatedCost).toBe(40);
    expect(keys.dueAt).toBe('2027-04-16T16:00:00.000Z');

    const running = await statusOf(id);
    expect(stepOf(running.steps, 'equipment')).toMatchObject({ status: 'open', estimatedCost: 1400 + 350 + 90 + 40 });
    expect(stepOf(running.steps, 'create-accounts')).toMatchObject({ kind: 'call', status: 'done' });
    expect(stepOf(running.steps, 'ready')).toMatchObject({ kind: 'milestone', status: 'pending' });

    await complete(`${id}.payroll`, 'finance', { payrollId: 'PAY-88121' });
    await complete(`${id}.access-rights`, 'it', { groupsVerified: ['pos-supervisor', 'back-office'] });
    await complete(`${id}.equipment[0]`, 'it', { deliveredOn: '2027-04-12', assetTag: 'LT-3321' }, 1350);
    await complete(`${id}.equipment[1]`, 'it', { deliveredOn: '2027-04-12', assetTag: 'PH-0912' });
    await complete(`${id}.equipment[2]`, 'logistics', { deliveredOn: '2027-04-14' });
    await complete(`${id}.equipment[3]`, 'security', { deliveredOn: '2027-04-16' });
    await complete(`${id}.badges[0]`, 'security', {
      badgeNumber: 'B-1201',
      accessZones: ['sales-floor', 'office', 'safe-room'],
    });
    expect((await operations.get(`/tasks/${id}.first-day`)).status).toBe(409);
    await complete(`${id}.badges[1]`, 'maintenance', { badgeNumber: 'W-0077', accessZones: ['loading-dock'] });

    // Everything is ready: the milestone is passed, the employee and operations are told, operations welcomes.
    await untilOpen(manager, id, ['first-day']);
    const ready = await statusOf(id);
    expect(stepOf(ready.steps, 'ready')).toMatchObject({
      status: 'done',
      title: 'Claire Martin is ready to start on 2027-04-19',
    });
    const messages = (await manager.get(`/notifications?instance=${id}&kind=notify`)).body.items;
    expect(messages.map((message: { recipient: string }) => message.recipient).sort()).toEqual([
      'address:claire.martin@example.com',
      'department:operations',
    ]);
    expect(messages[0].subject).toBe('Welcome, Claire Martin: your first day is 2027-04-19');
    expect(messages[0].message).toContain('Your login is claire.martin');
    expect(await inboxOf(operations, id)).toEqual({ 'first-day': 'Welcome Claire Martin at LYO-012' });
    await complete(`${id}.first-day`, 'operations', { welcomedOn: '2027-04-19', welcomedBy: 'Marc Dubois' });

    const training = (await (await staff.of('training')).get(`/tasks/${id}.training`)).body;
    expect(training.description).toBe(
      'Modules for a Store manager: company-induction, fire-safety, store-management, labour-law.',
    );
    await complete(`${id}.training`, 'training', {
      modulesCompleted: ['company-induction', 'fire-safety', 'store-management', 'labour-law'],
      completedOn: '2027-05-03',
    });

    const finished = await statusOf(id);
    // The contract was drafted twice: the rejected round's work counts too.
    const estimated = 2 * 150 + 40 + 60 + (1400 + 350 + 90 + 40) + 2 * 25 + 50 + 400;
    expect(finished).toMatchObject({
      status: 'completed',
      progress: { done: 11, total: 11 },
      cost: { estimated, actual: estimated - 1400 + 1350 },
    });
    expect(stepOf(finished.steps, 'contract')).toMatchObject({ actualCost: 300 });
    expect(finished.steps.map((step) => [step.stepId, step.status])).toEqual([
      ['contract', 'done'],
      ['hire-approval', 'done'],
      ['payroll', 'done'],
      ['create-accounts', 'done'],
      ['access-rights', 'done'],
      ['equipment', 'done'],
      ['badges', 'done'],
      ['ready', 'done'],
      ['welcome-message', 'done'],
      ['first-day', 'done'],
      ['training', 'done'],
    ]);
    expect(stepOf(finished.steps, 'badges').items?.map((badge) => badge.department)).toEqual([
      'security',
      'maintenance',
    ]);
    recordHistory(id, 'shipped-employee-onboarding');
  });

  it('skips the approval for a cashier, orders only the cashier kit, and tells operations alone without an e-mail', async () => {
    const started = await manager.post('/definitions/employee-onboarding/instances', {
      input: {
        employeeName: 'Hugo Petit',
        jobRole: 'cashier',
        startDate: '2027-02-01',
        sites: [{ code: 'NAN-004', type: 'store' }],
      },
    });
    const id = started.body.id;
    await complete(`${id}.contract`, 'hr', { contractId: 'CT-2027-0150', signedOn: '2027-01-10' });

    const open = await untilOpen(manager, id, [
      'payroll',
      'access-rights',
      'equipment[0]',
      'equipment[1]',
      'badges[0]',
    ]);
    const byStep = Object.fromEntries(
      open.map((task) => [task.stepId, [task.department, task.title, task.estimatedCost]]),
    );
    expect(byStep).toEqual({
      payroll: ['finance', 'Register Hugo Petit in payroll', 40],
      'access-rights': ['it', 'Check the access rights of hugo.petit (Hugo Petit)', 60],
      'equipment[0]': ['logistics', 'Uniform (two sets) for Hugo Petit', 90],
      'equipment[1]': ['logistics', 'Safety shoes for Hugo Petit', 75],
      'badges[0]': ['security', 'Access badge for Hugo Petit at NAN-004', 25],
    });
    expect(stepOf((await statusOf(id)).steps, 'hire-approval')).toMatchObject({ kind: 'approval', status: 'skipped' });
    const call = directory.requests.find((request) => request.body.reference === id);
    expect(call?.body).toMatchObject({ jobRole: 'cashier', groups: ['pos-cashier', 'timesheets'], sites: ['NAN-004'] });
    expect(call?.body).not.toHaveProperty('personalEmail');

    for (const task of open) await complete(task.id, task.department, sampleFor(task.stepId));
    await untilOpen(manager, id, ['first-day']);
    const messages = (await manager.get(`/notifications?instance=${id}&kind=notify`)).body.items;
    expect(messages.map((message: { recipient: string }) => message.recipient)).toEqual(['department:operations']);
    await complete(`${id}.first-day`, 'operations', { welcomedOn: '2027-02-01', welcomedBy: 'Nina' });
    await complete(`${id}.training`, 'training', { modulesCompleted: ['checkout'], completedOn: '2027-02-12' });

    const estimated = 150 + 40 + 60 + 90 + 75 + 25 + 50 + 400;
    expect(await statusOf(id)).toMatchObject({
      status: 'completed',
      progress: { done: 11, total: 11 },
      cost: { estimated, actual: estimated },
    });
  });

  it('ends as rejected, with nothing ordered, when the approver rejects the second round too', async () => {
    const id = (
      await manager.post('/definitions/employee-onboarding/instances', {
        input: {
          employeeName: 'Ada Lovelace',
          jobRole: 'developer',
          startDate: '2027-03-01',
          sites: [{ code: 'PAR-001', type: 'office' }],
        },
      })
    ).body.id;
    for (const round of [0, 1]) {
      await complete(`${id}.contract`, 'hr', { contractId: `CT-DEV-${round}`, signedOn: '2027-02-01' });
      await untilOpen(manager, id, ['hire-approval']);
      // A developer's hire is approved by IT, as the catalogue says.
      expect(await inboxOf(await staff.of('it'), id)).toEqual({
        'hire-approval': 'Approve the hire of Ada Lovelace as Developer',
      });
      await complete(`${id}.hire-approval`, 'it', { decision: 'reject', comment: `salary band (${round})` });
    }
    const ended = await statusOf(id);
    expect(ended.status).toBe('rejected');
    expect(stepOf(ended.steps, 'equipment').status).toBe('cancelled');
    expect(directory.requests.filter((request) => request.body.reference === id)).toEqual([]);
    expect((await manager.get(`/tasks?instance=${id}&status=open`)).body.items).toEqual([]);
  });
});

function sampleFor(stepId: string): object {
  if (stepId === 'payroll') return { payrollId: 'PAY-1' };
  if (stepId === 'access-rights') return { groupsVerified: ['pos-cashier'] };
  if (stepId.startsWith('equipment')) return { deliveredOn: '2027-01-25' };
  return { badgeNumber: 'B-1', accessZones: ['sales-floor'] };
}
