import { describe, expect, it } from 'vitest';
import { forecastInstance } from '../../forecast/forecast-instance';
import type { PlannedStep, ProcessForecast } from '../../forecast/result';
import type { InstanceView, StepView } from '../../plan/instance-view';
import { compilePlan, yaml } from '../compiler/support';
import { FR_TEST } from './support';

/**
 * A running instance's plan from its status view. Dates worked out by hand: Paris (UTC+2 in May),
 * Monday to Friday 09:00-18:00, Thursday 2027-05-06 off. The instance started Monday 2027-05-03
 * at 09:00; the contract was done Tuesday at 17:00, which opened the kit, the setup and a desk.
 */
const OPENING = yaml`
  process: opening
  title: Open a shop
  owner: hr
  calendar: fr-test
  input:
    type: object
    required: [openingDate, role, kits]
    properties:
      openingDate: { type: string, format: date }
      role: { type: string }
      kits: { type: array, items: { type: string } }
  tasks:
    - { id: contract, title: Contract, department: hr, due: 3 business days, cost: 100 }
    - { id: approval, type: approval, when: "input.role = 'manager'", title: Approve, department: finance, after: [contract], due: 2d }
    - { id: kit, forEach: input.kits, after: [contract], title: "{{ item }}", department: it, due: 2 business days, cost: 10 }
    - { id: setup, title: Setup, department: it, after: [contract], due: 10 business days, effort: 1 business day }
    - id: keys
      title: Keys
      department: hr
      after: [kit, setup]
      due: { before: input.openingDate, by: 1 business day }
    - { id: opened, type: milestone, after: [keys] }
`;

const plan = () => compilePlan(OPENING, { calendars: { 'fr-test': FR_TEST } });
const input = (openingDate: string) => ({ openingDate, role: 'clerk', kits: ['laptop', 'badge'] });
/** Paris local time in May (UTC+2) as an ISO instant. */
const paris = (local: string) => new Date(`${local}+02:00`).toISOString();
const HOUR = 3_600_000;

function step(stepId: string, status: StepView['status'], fields: Partial<StepView> = {}): StepView {
  return {
    stepId,
    kind: 'task',
    title: stepId,
    department: 'it',
    status,
    taskId: null,
    openedAt: null,
    dueAt: null,
    overdue: false,
    estimatedCost: 0,
    actualCost: null,
    completedAt: null,
    completedBy: null,
    error: null,
    round: 0,
    ...fields,
  };
}

const VIEW: InstanceView = {
  instanceId: 'i-1',
  key: 'opening',
  version: 1,
  status: 'running',
  progress: { done: 2, total: 6 },
  cost: { estimated: 120, committed: 110, actual: 110, forecast: 120, byDepartment: {} },
  completedAt: null,
  steps: [
    step('contract', 'done', {
      department: 'hr',
      openedAt: paris('2027-05-03T09:00:00'),
      dueAt: paris('2027-05-05T18:00:00'),
      completedAt: paris('2027-05-04T17:00:00'),
      estimatedCost: 100,
      actualCost: 100,
    }),
    step('approval', 'skipped', { kind: 'approval', department: null }),
    step('kit', 'open', {
      department: null,
      items: [
        // 2 business days from Tuesday 17:00: Wednesday, (Thursday off) Friday 17:00.
        step('kit[0]', 'open', { openedAt: paris('2027-05-04T17:00:00'), dueAt: paris('2027-05-07T17:00:00') }),
        step('kit[1]', 'done', {
          openedAt: paris('2027-05-04T17:00:00'),
          dueAt: paris('2027-05-07T17:00:00'),
          completedAt: paris('2027-05-05T10:00:00'),
          estimatedCost: 10,
          actualCost: 10,
        }),
      ],
    }),
    step('setup', 'open', { openedAt: paris('2027-05-04T17:00:00'), dueAt: paris('2027-05-19T17:00:00') }),
    step('keys', 'pending', { department: 'hr' }),
    step('opened', 'pending', { kind: 'milestone', department: null }),
  ],
};

const stepOf = (result: ProcessForecast, id: string): PlannedStep => {
  const found = result.steps.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
};

describe('forecastInstance: a running instance planned from where it stands', () => {
  it('keeps the real dates of what is done and schedules the rest after the open steps', async () => {
    const now = Date.parse(paris('2027-05-05T10:00:00'));
    const result = await forecastInstance(plan(), input('2027-05-12'), VIEW, {
      now,
      startedAt: Date.parse(paris('2027-05-03T09:00:00')),
    });
    expect(result).toMatchObject({
      instanceId: 'i-1',
      version: 1,
      start: '2027-05-03T09:00:00+02:00',
      now: '2027-05-05T10:00:00+02:00',
    });
    // Done Tuesday 17:00, due Wednesday 18:00: 1 hour Tuesday and 9 Wednesday to spare.
    expect(stepOf(result, 'contract')).toMatchObject({
      status: 'done',
      basis: 'actual',
      earliestStart: '2027-05-03T09:00:00+02:00',
      expectedFinish: '2027-05-04T17:00:00+02:00',
      openedAt: '2027-05-03T09:00:00+02:00',
      completedAt: '2027-05-04T17:00:00+02:00',
      slackMs: 10 * HOUR,
      actualCost: 100,
      critical: false,
    });
    expect(stepOf(result, 'approval')).toMatchObject({ status: 'skipped', skipped: true, condition: 'not met' });
    const kit = stepOf(result, 'kit');
    expect(kit.items?.map((item) => [item.id, item.status, item.expectedFinish, item.critical])).toEqual([
      ['kit[0]', 'open', '2027-05-07T17:00:00+02:00', true],
      ['kit[1]', 'done', '2027-05-05T10:00:00+02:00', false],
    ]);
    // Opened Tuesday 17:00 with an effort of 1 business day: Wednesday 17:00; due Wednesday 19th 17:00.
    expect(stepOf(result, 'setup')).toMatchObject({
      status: 'open',
      basis: 'effort',
      expectedFinish: '2027-05-05T17:00:00+02:00',
      due: '2027-05-19T17:00:00+02:00',
    });
    // Ready when the kit ends (Friday 17:00); due the business day before Wednesday 12th: Tuesday 18:00.
    expect(stepOf(result, 'keys')).toMatchObject({
      status: 'pending',
      openedAt: null,
      earliestStart: '2027-05-07T17:00:00+02:00',
      expectedFinish: '2027-05-11T18:00:00+02:00',
      due: '2027-05-11T18:00:00+02:00',
      slackMs: 0,
    });
    expect(result.expectedFinish).toBe('2027-05-11T18:00:00+02:00');
    expect(result.criticalPath).toEqual(['kit[0]', 'keys', 'opened']);
    expect(result.atRisk).toEqual([]);
  });

  it('expects an overdue open task to end now and lists what misses its due or its anchor', async () => {
    // Monday 10th at 12:00, the laptop still open: due Friday 17:00, 4 working hours ago (Fri 17-18, Mon 9-12).
    const now = Date.parse(paris('2027-05-10T12:00:00'));
    const result = await forecastInstance(plan(), input('2027-05-10'), VIEW, {
      now,
      startedAt: Date.parse(paris('2027-05-03T09:00:00')),
    });
    expect(stepOf(result, 'kit').items?.[0]).toMatchObject({
      expectedFinish: '2027-05-10T12:00:00+02:00',
      slackMs: -4 * HOUR,
    });
    // The keys start now; due Friday 7th 18:00 (the business day before Monday 10th), 3 working hours ago.
    expect(stepOf(result, 'keys')).toMatchObject({
      earliestStart: '2027-05-10T12:00:00+02:00',
      expectedFinish: '2027-05-10T12:00:00+02:00',
      due: '2027-05-07T18:00:00+02:00',
      slackMs: -3 * HOUR,
    });
    expect(result.atRisk).toEqual([
      {
        id: 'kit[0]',
        department: 'it',
        status: 'open',
        expectedFinish: '2027-05-10T12:00:00+02:00',
        due: '2027-05-07T17:00:00+02:00',
        slackMs: -4 * HOUR,
        slackDays: -0.44,
        reasons: ['due'],
      },
      {
        id: 'keys',
        department: 'hr',
        status: 'pending',
        expectedFinish: '2027-05-10T12:00:00+02:00',
        due: '2027-05-07T18:00:00+02:00',
        slackMs: -3 * HOUR,
        slackDays: -0.33,
        reasons: ['due', 'input.openingDate'],
      },
    ]);
    expect(result.anchors[0]).toMatchObject({ value: '2027-05-10', met: false, finishBefore: false });
  });
});
