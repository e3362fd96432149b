import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileProcess } from '../../compiler';
import { forecastProcess } from '../../forecast/forecast-process';
import { ALWAYS_OPEN_CALENDAR, type CompiledCalendar } from '../../plan/calendar';
import type { CalendarDuration } from '../../plan/calendar-duration';
import type { CompiledProcess } from '../../plan/types';
import { randomInput, randomProcess, toYaml } from '../support/random-process';

const DEPARTMENTS = ['hr', 'it', 'logistics', 'maintenance', 'operations'];

const PARIS: CompiledCalendar = {
  ...ALWAYS_OPEN_CALENDAR,
  id: 'paris',
  timeZone: 'Europe/Paris',
  workingDays: [1, 2, 3, 4, 5],
  workingHours: { start: '09:00', end: '18:00' },
  holidays: ['2027-05-06', '2027-12-25'],
  years: { from: 2027, to: 2027 },
};

const effort: fc.Arbitrary<CalendarDuration | null> = fc.oneof(
  fc.constant(null),
  fc.integer({ min: 1, max: 200 }).map((hours): CalendarDuration => ({ kind: 'clock', ms: hours * 3_600_000 })),
  fc.integer({ min: 1, max: 30 }).map((days): CalendarDuration => ({ kind: 'days', days })),
  fc.integer({ min: 1, max: 30 }).map((days): CalendarDuration => ({ kind: 'business-days', days })),
  fc.integer({ min: 1, max: 40 }).map((hours): CalendarDuration => ({ kind: 'business-hours', hours })),
);

/** A random process with random efforts, counted in a random calendar from a random start. */
const scenario = fc.record({
  process: randomProcess,
  input: randomInput,
  efforts: fc.array(effort, { minLength: 8, maxLength: 8 }),
  paris: fc.boolean(),
  start: fc.integer({ min: Date.parse('2027-01-01T00:00:00Z'), max: Date.parse('2027-11-30T00:00:00Z') }),
});

describe('the plan of any process', () => {
  it('never schedules a step before a step it depends on has finished', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ process, input, efforts, paris, start }) => {
        const result = compileProcess(toYaml(process), { file: 'random.yaml', departments: DEPARTMENTS });
        if (!result.ok) throw new Error(result.errors.map((error) => error.message).join('\n'));
        const plan: CompiledProcess = {
          ...result.plan,
          ...(paris ? { calendar: [{ text: 'paris' }], calendars: { paris: PARIS } } : {}),
          steps: result.plan.steps.map((step, index) => ({ ...step, effort: efforts[index] ?? null })),
        };
        const planned = await forecastProcess(plan, input, { start });
        const finish = new Map(planned.steps.map((step) => [step.id, Date.parse(step.expectedFinish)]));
        for (const step of planned.steps) {
          const started = Date.parse(step.earliestStart);
          expect(started).toBeGreaterThanOrEqual(start);
          expect(Date.parse(step.expectedFinish)).toBeGreaterThanOrEqual(started);
          for (const dependency of step.after)
            expect(started).toBeGreaterThanOrEqual(finish.get(dependency) ?? Infinity);
          for (const item of step.items ?? []) {
            expect(Date.parse(item.earliestStart)).toBe(started);
            expect(Date.parse(item.expectedFinish)).toBeLessThanOrEqual(Date.parse(step.expectedFinish));
          }
        }
        // The critical path is a chain of dependencies that ends with the expected finish.
        const last = planned.criticalPath.at(-1)?.replace(/\[\d+\]$/, '');
        if (last !== undefined) expect(finish.get(last)).toBe(Date.parse(planned.expectedFinish));
      }),
      { numRuns: 200 },
    );
  });
});
