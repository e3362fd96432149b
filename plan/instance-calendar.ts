import { ALWAYS_OPEN_CALENDAR, type CompiledCalendar } from './calendar';
import type { Values } from './evaluate';
import { ownValue } from './own';
import { expressionsIn, renderStrictly } from './template';
import type { CompiledProcess, Expression } from './types';

/*
 * The calendar an instance counts dates in: the one its start named, else the process's
 * (possibly chosen from the instance's data), else every day all day. The interpreter and the
 * forecast choose it by these rules, each saying in its own terms when a choice fails.
 */

type Calendars = Pick<CompiledProcess, 'calendar' | 'calendars'>;

/** What choosing the calendar reads of the instance's data: nothing when the start named one. */
export function calendarExpressions(plan: Calendars, chosen: string | undefined): Expression[] {
  return chosen === undefined && plan.calendar ? expressionsIn(plan.calendar) : [];
}

/** The id of the instance's calendar, null for none; an expression failing on the data throws `EvaluationError`. */
export function calendarIdOf(plan: Calendars, chosen: string | undefined, values: Values): string | null {
  return chosen ?? (plan.calendar ? renderStrictly(plan.calendar, values) : null);
}

/** The process's calendar of that id (its own keys only), always open for none; `unknown` says why an id is not one. */
export function calendarById(
  plan: Calendars,
  id: string | null,
  unknown: (id: string, known: readonly string[]) => Error,
): CompiledCalendar {
  if (id === null) return ALWAYS_OPEN_CALENDAR;
  const found = ownValue(plan.calendars, id);
  if (found === undefined) throw unknown(id, Object.keys(plan.calendars ?? {}));
  return found;
}
