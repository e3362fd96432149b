import { describe, expect, it } from 'vitest';
import { forecastProcess, UnknownCalendarError } from '../../forecast/forecast-process';
import type { PlannedStep, ProcessForecast } from '../../forecast/result';
import type { CompiledProcess } from '../../plan/types';
import { compilePlan, yaml } from '../compiler/support';
import { FR_TEST } from './support';

/**
 * Every expected date below is worked out by hand from the rules of plan/business-time.ts (see the
 * comments), not by calling it. The calendar: Paris, Monday to Friday 09:00-18:00, Thursday
 * 2027-05-06 (Ascension) off. The process starts on Monday 2027-05-03, at 09:00.
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
  data:
    kitPrice: { laptop: 900, badge: 20 }
  tasks:
    - { id: contract, title: Contract, department: hr, due: 3 business days, cost: 100 }
    - id: approval
      type: approval
      when: input.role = 'manager'
      title: Approve
      department: finance
      after: [contract]
      due: 2d
    - id: kit
      forEach: input.kits
      after: [contract]
      title: "{{ item }}"
      department: it
      due: 2 business days
      cost: $lookup(data.kitPrice, item)
    - { id: setup, title: Setup, department: it, after: [contract], due: 10 business days, effort: 1 business day }
    - id: per-hire
      forEach: steps.contract.output.hires
      after: [contract]
      title: "Desk for {{ item.name }}"
      department: "{{ item.department }}"
      due: 1 business day
      cost: 50
    - id: keys
      title: Keys
      department: hr
      after: [kit, setup]
      due: { before: input.openingDate, by: 1 business day }
    - id: followup
      type: notify
      when: steps.keys.output.ok
      after: [keys]
      to: { departments: [hr] }
      text: Keys handed over
    - { id: opened, type: milestone, after: [followup] }
`;

const plan = () => compilePlan(OPENING, { calendars: { 'fr-test': FR_TEST } });
const input = (openingDate: string) => ({ openingDate, role: 'clerk', kits: ['laptop', 'badge'] });
const stepOf = (result: ProcessForecast, id: string): PlannedStep => {
  const found = result.steps.find((step) => step.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
};

describe('forecastProcess on a small process, in a calendar with a weekend and a holiday', () => {
  it('dates each step from its dependencies, by its due or its effort', async () => {
    const result = await forecastProcess(plan(), input('2027-05-12'), { start: '2027-05-03', budget: 1000 });
    expect(result.start).toBe('2027-05-03T09:00:00+02:00');
    expect(result.calendar).toBe('fr-test');

    // Monday 09:00 counts from Friday 18:00 (rule 3): 3 business days is Wednesday 18:00.
    expect(stepOf(result, 'contract')).toMatchObject({
      department: 'hr',
      earliestStart: '2027-05-03T09:00:00+02:00',
      expectedFinish: '2027-05-05T18:00:00+02:00',
      due: '2027-05-05T18:00:00+02:00',
      basis: 'due',
      slackMs: 0,
      estimatedCost: 100,
      critical: true,
    });
    expect(stepOf(result, 'approval')).toMatchObject({ condition: 'not met', skipped: true, estimatedCost: 0 });

    // Two items from Wednesday 18:00; 2 business days skip Thursday's holiday and the weekend: Monday 18:00.
    const kit = stepOf(result, 'kit');
    expect(kit.items?.map((item) => [item.id, item.title, item.due, item.estimatedCost])).toEqual([
      ['kit[0]', 'laptop', '2027-05-10T18:00:00+02:00', 900],
      ['kit[1]', 'badge', '2027-05-10T18:00:00+02:00', 20],
    ]);
    expect(kit).toMatchObject({ expectedFinish: '2027-05-10T18:00:00+02:00', estimatedCost: 920 });

    // Effort 1 business day: Friday 18:00; due 10 business days later, Thursday 2027-05-20 18:00:
    // slack is the 9 business days between (Mon 10 to Thu 20), 9 hours each.
    expect(stepOf(result, 'setup')).toMatchObject({
      basis: 'effort',
      expectedFinish: '2027-05-07T18:00:00+02:00',
      due: '2027-05-20T18:00:00+02:00',
      slackMs: 81 * 3_600_000,
      slackDays: 9,
    });

    // Due the business day before Wednesday 12th: Tuesday 18:00; ready Monday 18:00 (the kit).
    expect(stepOf(result, 'keys')).toMatchObject({
      earliestStart: '2027-05-10T18:00:00+02:00',
      expectedFinish: '2027-05-11T18:00:00+02:00',
      due: '2027-05-11T18:00:00+02:00',
      slackMs: 0,
    });
    expect(result.expectedFinish).toBe('2027-05-11T18:00:00+02:00');
    // Mon 3, Tue 4, Wed 5, Fri 7, Mon 10, Tue 11.
    expect(result.workingDays).toBe(6);
    expect(result.daysOff).toEqual(['2027-05-06', '2027-05-08', '2027-05-09', '2027-05-15', '2027-05-16']);
    expect(result.criticalPath).toEqual(['contract', 'kit[0]', 'keys', 'followup', 'opened']);
    expect(result.anchors).toEqual([
      {
        expression: 'input.openingDate',
        kind: 'before',
        value: '2027-05-12',
        units: [{ id: 'keys', due: '2027-05-11T18:00:00+02:00', met: true }],
        met: true,
        finishBefore: true,
      },
    ]);
  });

  it('says what only the run knows, assumes the step runs, and plans one representative item', async () => {
    const result = await forecastProcess(plan(), input('2027-05-12'), { start: '2027-05-03' });
    expect(stepOf(result, 'followup')).toMatchObject({
      condition: 'unknown before the run',
      skipped: false,
      notes: ['condition unknown before the run: assumed to hold'],
    });
    const perHire = stepOf(result, 'per-hire');
    expect(perHire.notes).toEqual(['items unknown before the run: one representative item planned']);
    expect(perHire.items).toHaveLength(1);
    expect(perHire.items?.[0]).toMatchObject({
      id: 'per-hire[0]',
      title: 'Desk for {{ item.name }}',
      department: null,
      // Wednesday 18:00 plus 1 business day: Thursday is off, so Friday 18:00.
      expectedFinish: '2027-05-07T18:00:00+02:00',
      estimatedCost: 50,
      notes: ['department unknown before the run'],
    });
  });

  it('totals costs by department against the budget', async () => {
    const result = await forecastProcess(plan(), input('2027-05-12'), { start: '2027-05-03', budget: 1000 });
    expect(result.costs).toEqual({
      total: 1070,
      // The desk per hire: its department comes from the hire, and how many hires only the run knows.
      byDepartment: { '(department set at run time)': 50, hr: 100, it: 920 },
      budget: 1000,
      remaining: -70,
      overBudget: true,
      itemsUnknown: [{ step: 'per-hire', costPerItem: 50 }],
    });
    expect(stepOf(result, 'per-hire')).toMatchObject({ itemCount: 'unknown before the run', estimatedCost: 50 });
    expect(stepOf(result, 'kit').itemCount).toBe(2);
    expect(stepOf(result, 'contract').itemCount).toBeNull();
  });

  it('gives each step its total float: how much later it may finish without moving the expected finish', async () => {
    const result = await forecastProcess(plan(), input('2027-05-12'), { start: '2027-05-03' });
    const hours = 3_600_000;
    // The critical path (contract, kit, keys, followup, opened) has none.
    for (const id of ['contract', 'kit', 'kit[0]', 'kit[1]', 'keys', 'followup', 'opened']) {
      const step =
        result.steps.find((each) => each.id === id) ?? stepOf(result, 'kit').items?.find((each) => each.id === id);
      expect([id, step?.floatMs]).toEqual([id, 0]);
    }
    // Setup ends Friday 18:00; keys wait for it and start Monday 18:00: Monday's 9 hours.
    expect(stepOf(result, 'setup')).toMatchObject({ floatMs: 9 * hours, floatDays: 1 });
    // The desk per hire ends Friday 18:00 and nothing waits for it: Monday and Tuesday, to the finish.
    expect(stepOf(result, 'per-hire')).toMatchObject({ floatMs: 18 * hours, floatDays: 2 });
    expect(stepOf(result, 'per-hire').items?.[0]).toMatchObject({ floatMs: 18 * hours, floatDays: 2 });
  });

  it('shows a due anchored before a date the plan cannot meet as at risk', async () => {
    // Opening on Monday 10th: the keys are due Friday 7th 18:00, but the kit ends Monday 18:00.
    const result = await forecastProcess(plan(), input('2027-05-10'), { start: '2027-05-03' });
    expect(stepOf(result, 'keys')).toMatchObject({
      due: '2027-05-07T18:00:00+02:00',
      expectedFinish: '2027-05-10T18:00:00+02:00',
      slackMs: -9 * 3_600_000,
      slackDays: -1,
    });
    expect(result.anchors[0]).toMatchObject({ value: '2027-05-10', met: false, finishBefore: false });
  });

  it('takes a start instant and refuses a calendar the process cannot count in', async () => {
    const result = await forecastProcess(plan(), input('2027-05-12'), {
      start: Date.parse('2027-05-03T12:00:00+02:00'),
    });
    // From Monday noon, 3 business days: Tuesday, Wednesday, (Thursday off) Friday, at noon.
    expect(stepOf(result, 'contract').due).toBe('2027-05-07T12:00:00+02:00');
    await expect(
      forecastProcess(plan(), input('2027-05-12'), { start: '2027-05-03', calendar: 'us-business' }),
    ).rejects.toThrow(UnknownCalendarError);
  });
});

const WITH_CHILD = yaml`
  process: parent
  title: Parent
  owner: hr
  input: { type: object, properties: { name: { type: string } } }
  tasks:
    - { id: first, title: First, department: hr, due: 2d, cost: 10 }
    - { id: child, type: process, process: child, after: [first], input: { name: "{{ input.name }}" } }
    - { id: last, title: Last, department: it, after: [child], due: 1d }
`;

const CHILD = yaml`
  process: child
  title: Child
  owner: hr
  input: { type: object, properties: { name: { type: string } } }
  tasks:
    - { id: a, title: "A for {{ input.name }}", department: finance, due: 3d, cost: 30 }
    - { id: b, title: B, department: logistics, after: [a], due: 4d, cost: 40 }
`;

describe('forecastProcess with a sub-process', () => {
  const start = Date.parse('2027-01-04T00:00:00Z');
  const day = 86_400_000;
  const iso = (days: number) => new Date(start + days * day).toISOString().replace('.000Z', '+00:00');

  it('plans the sub-process from its own steps when its definition is at hand', async () => {
    const child = compilePlan(CHILD);
    const loadProcess = (key: string): CompiledProcess | undefined => (key === 'child' ? child : undefined);
    const result = await forecastProcess(compilePlan(WITH_CHILD), { name: 'Ada' }, { start, loadProcess });
    // first 2 days, the child 3 + 4, last 1: 10 days, every day counting.
    expect(stepOf(result, 'child')).toMatchObject({
      basis: 'sub-process',
      earliestStart: iso(2),
      expectedFinish: iso(9),
      estimatedCost: 70,
    });
    expect(stepOf(result, 'child').subProcess?.steps[0]?.title).toBe('A for Ada');
    expect(result.expectedFinish).toBe(iso(10));
    expect(result.costs.byDepartment).toEqual({ finance: 30, hr: 10, it: 0, logistics: 40 });
  });

  it('counts a sub-process it cannot read as 5 business days', async () => {
    const result = await forecastProcess(compilePlan(WITH_CHILD), { name: 'Ada' }, { start });
    expect(stepOf(result, 'child')).toMatchObject({ basis: 'default', expectedFinish: iso(7) });
    expect(stepOf(result, 'child').notes).toEqual(['"child" is not at hand: counted as 5 business days']);
  });
});

/** Ids are looked up in plain-JSON records: Object.prototype's member names must find nothing there. */
const PROTOTYPE_NAMES = yaml`
  process: prototype-names
  title: Names of Object.prototype's members
  owner: hr
  calendar: "{{ input.calendar }}"
  input:
    type: object
    properties:
      calendar: { type: string }
      department: { type: string }
  data:
    constructor: { price: 12 }
  tasks:
    - id: constructor
      title: "Priced {{ data.constructor.price }}"
      department: "{{ input.department }}"
      due: 1 business day
      cost: data.constructor.price
`;

describe('forecastProcess with ids named like Object.prototype members', () => {
  const known = ['hr', 'constructor'];
  const compiled = () => compilePlan(PROTOTYPE_NAMES, { departments: known, calendars: { 'fr-test': FR_TEST } });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'refuses calendar "%s", chosen by the start or by the process, as unknown',
    async (calendar) => {
      const options = { start: '2027-05-03' };
      await expect(
        forecastProcess(compiled(), { calendar: 'fr-test', department: 'hr' }, { ...options, calendar }),
      ).rejects.toThrow(UnknownCalendarError);
      await expect(forecastProcess(compiled(), { calendar, department: 'hr' }, options)).rejects.toThrow(
        UnknownCalendarError,
      );
    },
  );

  it('totals the cost of a department called "constructor" as a number', async () => {
    const result = await forecastProcess(
      compiled(),
      { calendar: 'fr-test', department: 'constructor' },
      { start: '2027-05-03' },
    );
    expect(stepOf(result, 'constructor')).toMatchObject({ title: 'Priced 12', department: 'constructor' });
    expect(result.costs).toMatchObject({ total: 12, byDepartment: { constructor: 12 } });
  });
});

describe('forecastProcess with a wait until a date', () => {
  it("ends the wait at the start of the date's day in the calendar's zone", async () => {
    const waiting = compilePlan(
      yaml`
        process: waiting
        title: Waiting
        owner: hr
        calendar: fr-test
        input: { type: object, properties: { openingDate: { type: string } } }
        tasks:
          - { id: until-opening, type: wait, until: input.openingDate }
          - { id: opened, type: milestone, after: [until-opening] }
      `,
      { calendars: { 'fr-test': FR_TEST } },
    );
    const result = await forecastProcess(waiting, { openingDate: '2027-05-12' }, { start: '2027-05-03' });
    // Midnight in Paris (UTC+2 in May), not midnight UTC (02:00 in Paris).
    expect(stepOf(result, 'until-opening')).toMatchObject({
      basis: 'wait',
      expectedFinish: '2027-05-12T00:00:00+02:00',
    });
  });
});
