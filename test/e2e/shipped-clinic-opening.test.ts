import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { recordHistory } from '../support/histories';
import { inboxOf, StaffRoster, shippedExample, stepOf, untilOpen } from '../support/shipped';
import { SHIPPED_DEFINITIONS, startTestBaton, type TestBaton } from '../support/test-baton';
import { userClient } from '../support/users';

const INPUT = shippedExample('clinic-opening');

/**
 * The example opens on Monday 7 June 2027; fr-business counts Monday to Friday, 09:00-18:00 in
 * Paris (UTC+2 in summer), without Ascension (Thursday 6 May) and Whit Monday (17 May). Worked out
 * by hand, counting back from the opening, the opening day itself not counted:
 */
const DUE = {
  // 30 business days: 4-1 June (5), 31-24 May (10), 21-18 May (14; the 17th off), 14-10 May (19),
  // 7 May (20; the 6th off), 5-3 May (23), 30-26 April (28), 23-22 April (30): Thursday 22 April.
  works: '2027-04-22T16:00:00.000Z',
  // 15 business days: Friday 14 May (Whit Monday skipped).
  equipment: '2027-05-14T16:00:00.000Z',
  staffing: '2027-05-14T16:00:00.000Z',
  // 10 business days: Monday 24 May, two weeks before the opening Monday.
  pharmacy: '2027-05-24T16:00:00.000Z',
  'it-setup': '2027-05-24T16:00:00.000Z',
  // 5 business days: Monday 31 May.
  'quality-sign-off': '2027-05-31T16:00:00.000Z',
} as const;

const EQUIPMENT = [
  { department: 'maintenance', title: 'Ultrasound scanner', cost: 42_000 },
  { department: 'maintenance', title: 'Digital X-ray room', cost: 95_000 },
  { department: 'maintenance', title: 'Defibrillators (three)', cost: 6600 },
  { department: 'maintenance', title: 'Steam steriliser', cost: 18_500 },
  { department: 'it', title: 'Imaging review workstation (PACS)', cost: 7800 },
  { department: 'logistics', title: 'Examination tables and couches (eight)', cost: 9600 },
];
const EQUIPMENT_IDS = EQUIPMENT.map((_, index) => `equipment[${index}]`);

const WORKS_OUTPUT = { contractor: 'Rhône Santé Travaux', completedOn: '2027-04-09', acceptanceReport: 'PV-2027-118' };

interface StepJson {
  stepId: string;
  kind: string;
  status: string;
  title: string | null;
  department: string | null;
  round?: number;
  items?: StepJson[];
}

/** The shipped clinic-opening over HTTP, on real Temporal and Postgres, as each department lives it. */
describe('shipped process: clinic-opening', () => {
  let t: TestBaton;
  let manager: ApiClient;
  let staff: StaffRoster;

  beforeAll(async () => {
    t = await startTestBaton('shipped-clinic-opening', SHIPPED_DEFINITIONS);
    manager = await userClient(t.admin, 'manager');
    staff = new StaffRoster(t.admin);
  });

  afterAll(async () => {
    await t?.stop();
  });

  async function complete(taskId: string, department: string, output: object, actualCost?: number) {
    const answer = await (await staff.of(department)).post(`/tasks/${taskId}/complete`, {
      output,
      ...(actualCost === undefined ? {} : { actualCost }),
    });
    expect(answer.status, `completing ${taskId}: ${JSON.stringify(answer.body)}`).toBe(200);
  }

  async function statusOf(id: string): Promise<{ status: string; steps: StepJson[]; [key: string]: unknown }> {
    const status = await manager.get(`/instances/${id}`);
    expect(status.status).toBe(200);
    return status.body;
  }

  async function dueOf(id: string, stepId: string, department: string): Promise<string> {
    const task = await (await staff.of(department)).get(`/tasks/${id}.${stepId}`);
    expect(task.status).toBe(200);
    return task.body.dueAt;
  }

  /** The equipment, pharmacy and IT work after the works, completed by their departments. */
  async function fitTheClinic(id: string, actualCost?: number) {
    for (const [index, item] of EQUIPMENT.entries()) {
      await complete(
        `${id}.equipment[${index}]`,
        item.department,
        { serialNumber: `SN-${index}-2027`, acceptanceTestPassed: true },
        actualCost,
      );
    }
    await complete(
      `${id}.pharmacy`,
      'logistics',
      { pharmacistInCharge: 'Julien Faure', openingStockOrder: 'CMD-PH-5531', coldChainChecked: true },
      actualCost,
    );
    await complete(`${id}.it-setup`, 'it', { recordsSiteId: 'DPI-VIL-C01', bookingOpen: true }, actualCost);
  }

  it('opens a clinic: works, catalogue equipment, pharmacy, IT and the care team, a sign-off that sends the works back once, the opening day and the announcement', async () => {
    const started = await manager.post('/definitions/clinic-opening/instances', { input: INPUT });
    expect(started.status).toBe(201);
    const id = started.body.id;

    // The works and the recruitment start at once, each due counted back from the opening date.
    await untilOpen(manager, id, ['works', 'staffing']);
    expect(await inboxOf(await staff.of('maintenance'), id)).toEqual({
      works: 'Fit-out works of Clinique de Villeurbanne',
    });
    expect(await inboxOf(await staff.of('hr'), id)).toEqual({
      staffing: 'Recruit the care team of Clinique de Villeurbanne',
    });
    expect(await inboxOf(await staff.of('legal'), id)).toEqual({});
    expect(await dueOf(id, 'works', 'maintenance')).toBe(DUE.works);
    expect(await dueOf(id, 'staffing', 'hr')).toBe(DUE.staffing);

    await complete(`${id}.staffing`, 'hr', { staffCount: 23, rosterReference: 'ROSTER-VIL-2027' });
    await complete(`${id}.works`, 'maintenance', WORKS_OUTPUT, 192_400);

    // The works done: one task per item of the biomedical catalogue, in its department, at its price.
    await untilOpen(manager, id, [...EQUIPMENT_IDS, 'pharmacy', 'it-setup']);
    expect(await inboxOf(await staff.of('maintenance'), id)).toEqual({
      'equipment[0]': 'Ultrasound scanner for Clinique de Villeurbanne',
      'equipment[1]': 'Digital X-ray room for Clinique de Villeurbanne',
      'equipment[2]': 'Defibrillators (three) for Clinique de Villeurbanne',
      'equipment[3]': 'Steam steriliser for Clinique de Villeurbanne',
    });
    expect(await inboxOf(await staff.of('it'), id)).toEqual({
      'equipment[4]': 'Imaging review workstation (PACS) for Clinique de Villeurbanne',
      'it-setup': 'Network and medical records system at Clinique de Villeurbanne',
    });
    expect(await inboxOf(await staff.of('logistics'), id)).toEqual({
      'equipment[5]': 'Examination tables and couches (eight) for Clinique de Villeurbanne',
      pharmacy: 'Pharmacy set-up at Clinique de Villeurbanne',
    });
    for (const [index, item] of EQUIPMENT.entries()) {
      const task = (await (await staff.of(item.department)).get(`/tasks/${id}.equipment[${index}]`)).body;
      expect(task, `equipment[${index}]`).toMatchObject({ estimatedCost: item.cost, dueAt: DUE.equipment });
    }
    expect(await dueOf(id, 'pharmacy', 'logistics')).toBe(DUE.pharmacy);
    expect(await dueOf(id, 'it-setup', 'it')).toBe(DUE['it-setup']);
    await fitTheClinic(id);

    // Quality and compliance (legal) inspects; the X-ray room's shielding is not compliant.
    await untilOpen(manager, id, ['quality-sign-off']);
    const legal = await staff.of('legal');
    expect(await inboxOf(legal, id)).toEqual({
      'quality-sign-off': 'Quality and compliance sign-off of Clinique de Villeurbanne',
    });
    const approval = (await legal.get(`/tasks/${id}.quality-sign-off`)).body;
    expect(approval).toMatchObject({ kind: 'approval', department: 'legal', round: 0, dueAt: DUE['quality-sign-off'] });
    expect(
      (await legal.post(`/tasks/${id}.quality-sign-off/complete`, { output: { decision: 'reject' } })).status,
    ).toBe(422);
    const reason = 'The X-ray room shielding certificate is missing; recommission the X-ray after the fix';
    await complete(`${id}.quality-sign-off`, 'legal', { decision: 'reject', comment: reason });

    // The works go back to maintenance with the reason; what was built on them waits again.
    await untilOpen(manager, id, ['works']);
    const reopened = (await (await staff.of('maintenance')).get(`/tasks/${id}.works`)).body;
    expect(reopened).toMatchObject({ status: 'open', round: 1, note: reason, dueAt: DUE.works });
    const sentBack = await statusOf(id);
    expect(stepOf(sentBack.steps, 'staffing').status).toBe('done');
    expect(stepOf(sentBack.steps, 'opening-day').status).toBe('pending');
    await complete(`${id}.works`, 'maintenance', { ...WORKS_OUTPUT, completedOn: '2027-04-30' }, 6800);
    await untilOpen(manager, id, [...EQUIPMENT_IDS, 'pharmacy', 'it-setup']);
    // The second round is a re-check: it costs nothing more.
    await fitTheClinic(id, 0);

    await untilOpen(manager, id, ['quality-sign-off']);
    expect((await legal.get(`/tasks/${id}.quality-sign-off`)).body).toMatchObject({ round: 1 });
    await complete(`${id}.quality-sign-off`, 'legal', { decision: 'approve', comment: 'Shielding certified' });

    // Signed off: the opening day is reached and every department is told.
    const finished = await statusOf(id);
    expect(stepOf(finished.steps, 'opening-day')).toMatchObject({
      kind: 'milestone',
      status: 'done',
      title: 'Clinique de Villeurbanne opens on 2027-06-07',
    });
    const announced = (await manager.get(`/notifications?instance=${id}&kind=notify`)).body.items;
    expect(announced.map((message: { recipient: string }) => message.recipient).sort()).toEqual([
      'department:finance',
      'department:hr',
      'department:it',
      'department:legal',
      'department:logistics',
      'department:maintenance',
      'department:operations',
      'department:security',
      'department:training',
    ]);
    expect(announced[0].subject).toBe('Clinique de Villeurbanne (VIL-C01) opens on 2027-06-07');
    expect(announced[0].message).toBe(
      'Clinique de Villeurbanne, 24 avenue Roger Salengro, Villeurbanne, receives its first patients on 2027-06-07 under Dr Nadia Benali. Its code is VIL-C01.',
    );

    // A finished round counts for what it cost, the last round for its estimate: the works
    // 192,400 then 185,000 estimated (6,800 spent on the fix); the equipment, pharmacy and IT their
    // estimates then 0 for the re-check; staffing once.
    const equipment = 42_000 + 95_000 + 6600 + 18_500 + 7800 + 9600;
    const fitting = equipment + 24_000 + 16_500;
    expect(finished).toMatchObject({
      status: 'completed',
      progress: { done: 8, total: 8 },
      cost: {
        estimated: 192_400 + 185_000 + 2 * fitting + 12_000,
        actual: 192_400 + 6800 + fitting + 12_000,
      },
    });
    expect(finished.steps.map((step) => [step.stepId, step.status])).toEqual([
      ['works', 'done'],
      ['equipment', 'done'],
      ['pharmacy', 'done'],
      ['it-setup', 'done'],
      ['staffing', 'done'],
      ['quality-sign-off', 'done'],
      ['opening-day', 'done'],
      ['announce-opening', 'done'],
    ]);
    recordHistory(id, 'shipped-clinic-opening');
  });
});
