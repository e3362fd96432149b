import { addDuration, subtractDuration } from './business-time';
import type { CompiledCalendar } from './calendar';
import { parseCalendarDuration } from './calendar-duration';
import type { EscalationTime } from './types';

/** How an escalation's time is written, for error hints. */
export const ESCALATION_TIME_FORMS = ['due', '1 business day before due', '2 business days after due', '4h after due'];

/** Who a rung may notify besides a department id or `role:<name>`. */
export const ESCALATION_RECIPIENTS = ['department', 'department-lead', 'process-owner', 'requester'] as const;

const RELATIVE = /^(.+) (before|after) due$/;

/** `due`, `<duration> before due` or `<duration> after due`; undefined for anything else. */
export function parseEscalationTime(text: string): EscalationTime | undefined {
  if (text === 'due') return { relative: 'at' };
  const match = RELATIVE.exec(text);
  if (match === null) return undefined;
  const by = parseCalendarDuration(match[1] ?? '');
  const relative = match[2] === 'before' ? 'before' : 'after';
  return by === undefined ? undefined : { relative, by };
}

/** When a rung fires for a task due at `dueAt`, counted in the instance's calendar. */
export function escalationInstant(time: EscalationTime, dueAt: number, calendar: CompiledCalendar): number {
  if (time.relative === 'at') return dueAt;
  return time.relative === 'before'
    ? subtractDuration(dueAt, time.by, calendar)
    : addDuration(dueAt, time.by, calendar);
}
