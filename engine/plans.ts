import type { DataSource } from 'typeorm';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { parseIsoDate } from '../plan/civil-date';
import { ExpressionBudgetError } from '../plan/evaluate';
import type { CompiledProcess, JsonObject } from '../plan/types';
import { upgradePlan } from '../plan/upgrade';
import { type InstancePlan, planInstance } from '../planner/plan-instance';
import { planProcess, UnknownCalendarError } from '../planner/plan-process';
import type { ProcessPlan } from '../planner/result';
import type { InstanceCost } from '../workflows/messages';
import type { EngineContext } from './context';
import { findDefinition } from './definitions';
import { findInstanceRow, queryStatus } from './instances';
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
  const loadProcess = latestProcesses(db);
  try {
    return await planProcess(plan, request.input as JsonObject, {
      start: startOf(request.start, now),
      ...(request.calendar === undefined ? {} : { calendar: request.calendar }),
      ...(request.budget === undefined ? {} : { budget: request.budget }),
      loadProcess,
    });
  } catch (error) {
    if (error instanceof ExpressionBudgetError) throw overBudget(definition, error);
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

/** A plan cannot stand on an expression that ran away: the owner must fix the process, or the caller the input. */
function overBudget(definition: { key: string; version: number }, error: ExpressionBudgetError): ValidationError {
  return new ValidationError(
    `"${definition.key}" v${definition.version} cannot be planned for this input: an expression ran past its budget`,
    [{ field: '/input', message: error.message }],
  );
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

/** Sub-processes planned from their latest deployed versions, each read once. */
function latestProcesses(db: DataSource): (key: string) => Promise<CompiledProcess | undefined> {
  const loaded = new Map<string, CompiledProcess | undefined>();
  return async (key) => {
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
}

/** The plan of a running instance, with what its work has cost so far as the instance counts it. */
export interface RunningInstancePlan extends InstancePlan {
  readonly cost: InstanceCost;
}

/**
 * The action plan of a running instance from where it stands: its status query gives each step's
 * status, dates and costs; the version it started with, its current input and the calendar its
 * start chose give the rest. 409 once the instance has ended: its steps have their real dates.
 */
export async function planRunningInstance(
  context: EngineContext,
  id: string,
  now = Date.now(),
): Promise<RunningInstancePlan> {
  const row = await findInstanceRow(context, id);
  if (row.status !== 'running') {
    throw new ConflictError(`instance ${id} is ${row.status}: GET /instances/${id} has its steps' real dates`);
  }
  const [view, definition] = await Promise.all([
    queryStatus(context, id),
    findDefinition(context.db, row.key, row.version),
  ]);
  const { calendar } = view;
  if (view.status !== 'running') {
    throw new ConflictError(`instance ${id} is ${view.status}: GET /instances/${id} has its steps' real dates`);
  }
  try {
    const plan = await planInstance(upgradePlan(definition.plan), row.input as JsonObject, view, {
      now,
      startedAt: row.startedAt.getTime(),
      ...(calendar === undefined ? {} : { calendar }),
      loadProcess: latestProcesses(context.db),
    });
    return { ...plan, cost: view.cost };
  } catch (error) {
    if (error instanceof ExpressionBudgetError) throw overBudget(definition, error);
    throw error;
  }
}
