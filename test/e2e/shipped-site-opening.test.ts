import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { recordHistory } from '../support/histories';
import { sampleOutput } from '../support/sample-output';
import {
  type FakeDirectory,
  openTasks,
  StaffRoster,
  shippedDefinitionsWith,
  shippedExample,
  startFakeDirectory,
  stepOf,
  type TaskJson,
  untilOpen,
} from '../support/shipped';
import { startTestBaton, type TestBaton } from '../support/test-baton';
import { userClient } from '../support/users';
import { eventually } from '../support/wait';

const INPUT = shippedExample('site-opening');

const HIRES = [
  {
    employeeName: 'Claire Martin',
    jobRole: 'store-manager',
    startDate: '2027-04-06',
    email: 'claire.martin@example.com',
  },
  { employeeName: 'Hugo Petit', jobRole: 'cashier', startDate: '2027-04-13' },
  { employeeName: 'Inès Roux', jobRole: 'stock-clerk', startDate: '2027-04-13' },
];

/** What each department does on the site, with the output it gives. */
const SITE_WORK: Record<string, { department: string; output: object; actualCost?: number }> = {
  'building-permit': { department: 'legal', output: { permitNumber: 'PC-069-2027-0042', issuedOn: '2027-01-20' } },
  'fit-out': {
    department: 'maintenance',
    output: { contractor: 'BatiRhône', completedOn: '2027-03-05', acceptanceReport: 'PV-2027-031' },
    actualCost: 47_250,
  },
  'safety-inspection': { department: 'maintenance', output: { inspectionPassed: true, reportReference: 'SEC-77' } },
  'opening-authorisation': {
    department: 'legal',
    output: { authorisationNumber: 'AUT-2027-118', validFrom: '2027-04-20' },
  },
  banking: { department: 'finance', output: { merchantId: 'MID-5521', cashFloat: 1500 } },
  'network-line': { department: 'it', output: { lineId: 'FIB-99812', provider: 'Orange Business' } },
  'pos-install': { department: 'it', output: { posSiteId: 'POS-LYO-012', terminalCount: 4 } },
  'it-validation': { department: 'it', output: { validated: true, testTransactionId: 'TX-0001' } },
  shelving: { department: 'logistics', output: { deliveryNote: 'BL-3310', installedOn: '2027-03-12' } },
  'initial-stock': { department: 'logistics', output: { purchaseOrder: 'PO-88120', palletsDelivered: 34 } },
  'alarm-system': { department: 'security', output: { alarmContractId: 'ALM-4410', alarmTested: true } },
};

interface StepJson {
  stepId: string;
  kind: string;
  status: string;
  title: string | null;
  items?: StepJson[];
  child?: { instanceId: string; status?: string; cost?: { estimated: number; actual: number } };
}

/** The shipped site-opening, each hire onboarded by the shipped employee-onboarding, over HTTP. */
describe('shipped process: site-opening', () => {
  let t: TestBaton;
  let directory: FakeDirectory;
  let manager: ApiClient;
  let staff: StaffRoster;

  beforeAll(async () => {
    directory = await startFakeDirectory();
    t = await startTestBaton('shipped-site-opening', shippedDefinitionsWith(directory.url), {
      BATON_CALL_HOSTS: directory.host,
    });
    manager = await userClient(t.admin, 'manager');
    staff = new StaffRoster(t.admin);
  });

  afterAll(async () => {
    await t?.stop();
    await directory?.close();
  });

  async function complete(task: string, department: string, output: object, actualCost?: number) {
    const answer = await (await staff.of(department)).post(`/tasks/${task}/complete`, {
      output,
      ...(actualCost === undefined ? {} : { actualCost }),
    });
    expect(answer.status, `completing ${task}: ${JSON.stringify(answer.body)}`).toBe(200);
  }

  async function statusOf(id: string): Promise<{ status: string; steps: StepJson[]; [key: string]: unknown }> {
    return (await manager.get(`/instances/${id}`)).body;
  }

  /** A department's open tasks for this site, its hires' onboardings included: titles, sorted. */
  async function inboxTitles(department: string, siteId: string): Promise<string[]> {
    const inbox = await (await staff.of(department)).get('/tasks?status=open&limit=200');
    return (inbox.body.items as (TaskJson & { parentInstanceId: string | null })[])
      .filter((task) => task.instanceId === siteId || task.parentInstanceId === siteId)
      .map((task) => task.title)
      .sort();
  }

  it('opens a store: premises, IT and stock by their departments, one onboarding per hire, then the go-live, milestone and announcement', async () => {
    const started = await manager.post('/definitions/site-opening/instances', { input: INPUT });
    expect(started.status).toBe(201);
    const id = started.body.id;

    expect(await inboxTitles('real-estate', id)).toEqual(['Sign the lease for Lyon Part-Dieu']);
    await complete(`${id}.lease`, 'real-estate', {
      leaseReference: 'BAIL-2027-LYO-012',
      signedOn: '2027-01-08',
      monthlyRent: 18_500,
    });

    // The lease opens three departments' work at once.
    await untilOpen(manager, id, ['building-permit', 'banking', 'hire-staff']);
    expect(await inboxTitles('legal', id)).toEqual(['Obtain the works permit for Lyon Part-Dieu']);
    expect(await inboxTitles('finance', id)).toEqual(['Bank account and card acquiring for Lyon Part-Dieu']);
    expect(await inboxTitles('hr', id)).toEqual(['Hire the team for Lyon Part-Dieu']);

    // HR lists the hires: each becomes an employee-onboarding of its own, at this site.
    const missingHires = await (await staff.of('hr')).post(`/tasks/${id}.hire-staff/complete`, { output: {} });
    expect(missingHires.status).toBe(422);
    await complete(`${id}.hire-staff`, 'hr', { hires: HIRES });
    const children = await eventually(async () => {
      const items = stepOf((await statusOf(id)).steps, 'onboard-staff').items ?? [];
      return items.length === 3 && items.every((item) => item.child?.status === 'running') ? items : null;
    }, 'the three onboardings to start');
    const childIds = children.map((item) => item.child?.instanceId ?? '');
    for (const [index, childId] of childIds.entries()) {
      const child = (await manager.get(`/instances/${childId}`)).body;
      const { email, ...hire } = HIRES[index] ?? { email: undefined };
      expect(child).toMatchObject({
        key: 'employee-onboarding',
        parentInstanceId: id,
        parentStepId: `onboard-staff[${index}]`,
        input: { ...hire, ...(email ? { email } : {}), sites: [{ code: 'LYO-012', type: 'store' }] },
      });
    }
    expect(await inboxTitles('hr', id)).toEqual([
      'Employment contract for Claire Martin',
      'Employment contract for Hugo Petit',
      'Employment contract for Inès Roux',
    ]);

    // The site's own work, department by department, while the team is onboarded.
    await complete(`${id}.banking`, 'finance', SITE_WORK.banking?.output ?? {});
    for (const stepId of ['building-permit', 'fit-out']) {
      const work = SITE_WORK[stepId];
      if (work) await complete(`${id}.${stepId}`, work.department, work.output, work.actualCost);
    }
    await untilOpen(manager, id, ['safety-inspection', 'network-line', 'shelving', 'alarm-system']);
    expect(await inboxTitles('maintenance', id)).toEqual(['Fire and safety inspection of Lyon Part-Dieu']);
    expect(await inboxTitles('it', id)).toEqual(['Install the network line at Lyon Part-Dieu']);
    expect(await inboxTitles('logistics', id)).toEqual([
      'Deliver and install shelving and equipment at Lyon Part-Dieu',
    ]);
    expect(await inboxTitles('security', id)).toEqual(['Alarm system for Lyon Part-Dieu']);
    for (const stepId of [
      'safety-inspection',
      'opening-authorisation',
      'network-line',
      'pos-install',
      'it-validation',
      'shelving',
      'initial-stock',
      'alarm-system',
    ]) {
      const work = SITE_WORK[stepId];
      if (work) await complete(`${id}.${stepId}`, work.department, work.output);
    }

    // Only the onboardings hold the site back now: the team's training waits for them.
    const waiting = await statusOf(id);
    expect(stepOf(waiting.steps, 'onboard-staff').status).toBe('open');
    expect(stepOf(waiting.steps, 'train-staff').status).toBe('pending');
    expect((await openTasks(manager, id)).filter((task) => task.instanceId === id)).toEqual([]);

    for (const childId of childIds) await complete(`${childId}.contract`, 'hr', sampleOutput(contractForm));
    // The store manager's hire is approved by operations; the others have no approval.
    await untilOpen(manager, childIds[0] ?? '', ['hire-approval']);
    expect(await inboxTitles('operations', id)).toEqual(['Approve the hire of Claire Martin as Store manager']);
    await complete(`${childIds[0]}.hire-approval`, 'operations', { decision: 'approve' });
    for (const childId of childIds) await runOnboarding(childId);

    const accounts = directory.requests.filter((request) => childIds.includes(String(request.body.reference)));
    expect(accounts.map((request) => [request.body.displayName, request.body.sites])).toEqual(
      expect.arrayContaining([
        ['Claire Martin', ['LYO-012']],
        ['Hugo Petit', ['LYO-012']],
        ['Inès Roux', ['LYO-012']],
      ]),
    );
    expect(accounts).toHaveLength(3);

    // Once every hire is onboarded, training trains the whole team on the installed POS.
    await untilOpen(manager, id, ['train-staff']);
    const training = (await (await staff.of('training')).get(`/tasks/${id}.train-staff`)).body;
    expect(training.title).toBe('Train the Lyon Part-Dieu team');
    expect(training.description).toContain('for the 3 people hired');
    await complete(`${id}.train-staff`, 'training', { traineesCount: 3, attendanceSheet: 'ATT-2027-04-20' });

    await untilOpen(manager, id, ['go-live']);
    expect(await inboxTitles('operations', id)).toEqual(['Go-live sign-off for Lyon Part-Dieu']);
    await complete(`${id}.go-live`, 'operations', { openingDate: '2027-05-03', notes: 'Ready' });

    // The opening day is reached and every department is told.
    const finished = await statusOf(id);
    expect(stepOf(finished.steps, 'opening-day')).toMatchObject({
      kind: 'milestone',
      status: 'done',
      title: 'Lyon Part-Dieu opens on 2027-05-03',
    });
    const announced = (await manager.get(`/notifications?instance=${id}&kind=notify`)).body.items;
    expect(announced.map((message: { recipient: string }) => message.recipient).sort()).toEqual([
      'department:finance',
      'department:hr',
      'department:it',
      'department:logistics',
      'department:maintenance',
      'department:operations',
      'department:security',
      'department:training',
      'role:site-manager',
    ]);
    expect(announced[0].subject).toBe('Lyon Part-Dieu (LYO-012) opens on 2027-05-03');
    expect(announced[0].message).toBe(
      'Lyon Part-Dieu, 17 rue du Docteur Bouchut, Lyon, opens to the public on 2027-05-03 with Claire Martin and a team of 3. Its site code is LYO-012.',
    );

    // The site's own tasks, plus each hire's onboarding (store manager, cashier, stock clerk) rolled up.
    const ownEstimated =
      2500 + 1800 + 45_000 + 900 + 300 + 250 + 1200 + 8500 + 400 + 18_000 + 60_000 + 6000 + 3500 + 4500 + 0;
    const onboardingCosts = 2605 + 890 + 1370;
    expect(finished).toMatchObject({
      status: 'completed',
      progress: { done: 18, total: 18 },
      cost: {
        estimated: ownEstimated + onboardingCosts,
        actual: ownEstimated - 45_000 + 47_250 + onboardingCosts,
      },
    });
    expect(finished.steps.every((step) => step.status === 'done')).toBe(true);
    const onboardStaff = stepOf(finished.steps, 'onboard-staff');
    expect(onboardStaff).toMatchObject({ estimatedCost: onboardingCosts, actualCost: onboardingCosts });
    expect(
      (onboardStaff.items ?? []).map((item) => [
        item.child?.status,
        item.child?.cost?.estimated,
        item.child?.cost?.actual,
      ]),
    ).toEqual([
      ['completed', 2605, 2605],
      ['completed', 890, 890],
      ['completed', 1370, 1370],
    ]);
    recordHistory(id, 'shipped-site-opening');
  });

  /** Completes what is open in an onboarding, as its departments would, until it completes. */
  async function runOnboarding(childId: string): Promise<void> {
    await eventually(async () => {
      const child = await statusOf(childId);
      if (child.status === 'completed') return true;
      expect(child.status).toBe('running');
      for (const task of await openTasks(manager, childId)) {
        await complete(
          task.id,
          task.department,
          task.kind === 'approval' ? { decision: 'approve' } : sampleOutput(task.form),
        );
      }
      return false;
    }, `the onboarding ${childId} to complete`);
  }
});

const contractForm = {
  type: 'object',
  required: ['contractId', 'signedOn'],
  properties: { contractId: { type: 'string' }, signedOn: { type: 'string', format: 'date' } },
};
