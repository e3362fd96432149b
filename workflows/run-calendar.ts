import type { CompiledCalendar } from '../plan/calendar';
import type { Values } from '../plan/evaluate';
import { calendarById, calendarExpressions, calendarIdOf } from '../plan/instance-calendar';
import { needsCalendar, StepError } from '../plan/render-step';
import { ladderOf } from '../plan/steps';
import type { CompiledProcess, CompiledStep, Expression } from '../plan/types';
import type { ProcessWorkflowInput } from './messages';
import type { Runtime } from './runtime';

/** The calendar a running instance counts its dates in, from the values its units' expressions gave. */
export class RunCalendar {
  constructor(
    private readonly plan: CompiledProcess,
    private readonly run: ProcessWorkflowInput,
    private readonly runtime: Runtime,
  ) {}

  /** What a unit of the step evaluates besides its own expressions, when it counts in the calendar. */
  expressionsFor(step: CompiledStep): Expression[] {
    const counted = needsCalendar(step) || ladderOf(step, this.plan).length > 0 || this.waitsForDate(step);
    return counted ? calendarExpressions(this.plan, this.run.calendar) : [];
  }

  /** The calendar these values choose; one the process does not have fails the step. */
  of(values: Values): CompiledCalendar {
    const id = calendarIdOf(this.plan, this.run.calendar, values);
    return calendarById(
      this.plan,
      id,
      (unknown, known) =>
        new StepError(
          `the calendar "${unknown}" chosen for this instance is not one of this process's calendars (${known.join(', ') || 'none'})`,
        ),
    );
  }

  /** The calendar a wait until a date counts in, on the runtimes that count it in one. */
  forWait(values: Values): (() => CompiledCalendar) | undefined {
    return this.runtime.waitsInCalendarZone ? () => this.of(values) : undefined;
  }

  private waitsForDate(step: CompiledStep): boolean {
    return step.kind === 'wait' && 'until' in step.wait && this.runtime.waitsInCalendarZone;
  }
}
