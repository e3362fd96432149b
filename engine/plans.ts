import type { DataSource } from 'typeorm';
import { NotFoundError, ValidationError } from '../errors';
import { parseIsoDate } from '../plan/civil-date';
import type { CompiledProcess, JsonObject } from '../plan/types';
import { upgradePlan } from '../plan/upgrade';
import { planProcess, UnknownCalendarError } from '../planner/plan-process';
import type { ProcessPlan } from '../planner/result';
import { findDefinition } from './definitions';
import { validateAgainst } from './json-schema';

export interface PlanRequest {
  readonly key: string;
  readonly version?: number;
  readonly input: unknown;
  /** `YYYY-MM-DD` (the start of that day's working hours) or an RFC 3339 date-time; now when absent. */
  readonly start?: string;
  readonly calendar?: string;
  readonly budget?: number;
}

/**
 * The action plan of a deployed process for a start form, without starting anything. The input is
 * checked as a start checks it; sub-processes are planned from their latest deployed versions.
 */
export async function planDefinition(db: DataSource, request: PlanRequest, now = Date.now()): Promise<ProcessPlan> {
  const definition = await findDefinition(db, request.key, request.version);
  const plan = upgradePlan(definition.plan);
  const inputErrors = validateAgainst(plan.input, request.input);
  if (inputErrors.length > 0) {
    throw new ValidationError(`the input does not match the start form of "${definition.key}"`, inputErrors);
  }
  const loaded = new Map<string, CompiledProcess | undefined>();
  const loadProcess = async (key: string): Promise<CompiledProcess | undefined> => {
    if (!loaded.has(key)) {
      try {
        loaded.set(key, upgradePlan((await findDefinition(db, key)).plan));
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        loaded.set(key, undefined);
      }
    }
    return loaded.get(key);
  };
  try {
    return await planProcess(plan, request.input as JsonObject, {
      start: startOf(request.start, now),
      ...(request.calendar === undefined ? {} : { calendar: request.calendar }),
      ...(request.budget === undefined ? {} : { budget: request.budget }),
      loadProcess,
    });
  } catch (error) {
    if (!(error instanceof UnknownCalendarError)) throw error;
    throw new ValidationError(
      `"${definition.key}" v${definition.version} cannot count dates in calendar "${error.calendar}"`,
      [
        {
          field: '/calendar',
          message: `is not one of the process's calendars: ${error.known.join(', ') || 'it names none'}`,
        },
      ],
    );
  }
}

function startOf(start: string | undefined, now: number): number | string {
  if (start === undefined) return now;
  if (parseIsoDate(start) !== undefined) return start;
  const instant = /^\d{4}-\d{2}-\d{2}T/.test(start) ? Date.parse(start) : Number.NaN;
  if (Number.isNaN(instant)) {
    throw new ValidationError('the start is not a date', [
      {
        field: '/start',
        message: 'is not a YYYY-MM-DD date or an RFC 3339 date-time such as 2027-03-01T09:00:00+01:00',
      },
    ]);
  }
  return instant;
}
