import type { DataSource } from 'typeorm';
import type { DefinitionRow } from '../db/entities/definition';
import type { InstanceRow } from '../db/entities/instance';
import { ConflictError, DefinitionInvalidError, NotFoundError, ValidationError } from '../errors';
import type { InstanceForecast } from '../forecast/forecast-instance';
import { MAXIMUM_FORECAST_DEPTH } from '../forecast/forecast-process';
import type { ProcessForecast } from '../forecast/result';
import { assertNever } from '../plan/assert-never';
import { parseIsoDate } from '../plan/civil-date';
import type { InstanceCost, InstanceView, StepView } from '../plan/instance-view';
import type { CompiledProcess, JsonObject } from '../plan/types';
import { upgradePlan } from '../plan/upgrade';
import { validateAgainst } from '../validation/field-errors';
import type { InputChangePreview } from '../workflows/messages';
import { ComputeLimitError, planInstanceOffLoop, planProcessOffLoop } from './compute/pool';
import type { Planned } from './compute/tasks';
import type { EngineContext } from './context';
import { type DefinitionFolders, findDefinition, validateDefinition } from './definitions';
import { changedInput, findInstanceRow, queryInputChangePreview, queryStatus } from './instances';

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
export async function planDefinition(db: DataSource, request: PlanRequest, now = Date.now()): Promise<ProcessForecast> {
  const definition = await findDefinition(db, request.key, request.version);
  return planForStart(db, `"${definition.key}" v${definition.version}`, upgradePlan(definition.plan), request, now);
}

/** What `POST /definitions/plan` plans: a process's YAML not deployed, for a start form. */
export interface DraftPlanRequest extends Omit<PlanRequest, 'key' | 'version'> {
  readonly source: string;
  /** Where compile errors point (`definitions/x.yaml`). */
  readonly file: string;
}

/**
 * The action plan of a process not deployed yet (a dry run before the deploy): its YAML is
 * compiled as a deploy compiles it (`DefinitionInvalidError` with each error's line and column),
 * then planned as `planDefinition` plans a deployed one. Nothing is stored; the sub-processes it
 * starts are planned from their latest deployed versions.
 */
export async function planDraft(
  db: DataSource,
  folders: DefinitionFolders,
  request: DraftPlanRequest,
  now = Date.now(),
): Promise<ProcessForecast> {
  const compiled = await validateDefinition(db, request.source, request.file, folders);
  if (!compiled.ok) throw new DefinitionInvalidError(compiled.errors);
  return planForStart(db, `the draft of "${compiled.plan.key}"`, compiled.plan, request, now);
}

async function planForStart(
  db: DataSource,
  name: string,
  plan: CompiledProcess,
  request: Omit<PlanRequest, 'key' | 'version'>,
  now: number,
): Promise<ProcessForecast> {
  const inputErrors = validateAgainst(plan.input, request.input);
  if (inputErrors.length > 0) {
    throw new ValidationError(`the input does not match the start form of "${plan.key}"`, inputErrors);
  }
  return planOffLoop(name, async () =>
    planProcessOffLoop({
      plan,
      input: request.input as JsonObject,
      options: {
        start: startOf(request.start, now),
        ...(request.calendar === undefined ? {} : { calendar: request.calendar }),
        ...(request.budget === undefined ? {} : { budget: request.budget }),
      },
      subProcesses: await subProcessesOf(db, plan),
    }),
  );
}

/** Runs a plan on the compute pool and turns what it refused into the 422 the caller reads. */
async function planOffLoop<T>(name: string, plan: () => Promise<Planned<T>>): Promise<T> {
  let outcome: Planned<T>;
  try {
    outcome = await plan();
  } catch (error) {
    if (!(error instanceof ComputeLimitError)) throw error;
    throw new ValidationError(`${name} cannot be planned for this input: ${error.message}`, [
      {
        field: '/input',
        message: 'the plan is too large to compute: fewer items, or a process split in sub-processes',
      },
    ]);
  }
  if ('plan' in outcome) return outcome.plan;
  switch (outcome.refused) {
    case 'unknown-calendar':
      throw new ValidationError(`${name} cannot count dates in calendar "${outcome.calendar}"`, [
        {
          field: '/calendar',
          message: `is not one of the process's calendars: ${outcome.known.join(', ') || 'it names none'}`,
        },
      ]);
    case 'invalid-start':
      throw new ValidationError(`${name} cannot be planned from this start`, [
        { field: '/start', message: outcome.message },
      ]);
    case 'expression-budget':
      // A plan cannot stand on an expression that ran away: the owner must fix the process, or the caller the input.
      throw new ValidationError(`${name} cannot be planned for this input: an expression ran past its budget`, [
        { field: '/input', message: outcome.message },
      ]);
    default:
      return assertNever(outcome);
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

/**
 * The latest deployed version of every process the plan starts, and of theirs in turn, loaded
 * before planning: the compute thread has no database. Unknown keys are left out (the plan says so).
 */
async function subProcessesOf(db: DataSource, plan: CompiledProcess): Promise<Record<string, CompiledProcess>> {
  const loaded: Record<string, CompiledProcess> = {};
  const seen = new Set<string>();
  let wanted = processKeysOf(plan);
  // One level more than the forecast expands, so the deepest it reaches finds its plan.
  for (let depth = 0; depth <= MAXIMUM_FORECAST_DEPTH && wanted.length > 0; depth += 1) {
    const next: string[] = [];
    for (const key of wanted) {
      if (seen.has(key)) continue;
      seen.add(key);
      try {
        const child = upgradePlan((await findDefinition(db, key)).plan);
        loaded[key] = child;
        next.push(...processKeysOf(child));
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
      }
    }
    wanted = next;
  }
  return loaded;
}

function processKeysOf(plan: CompiledProcess): string[] {
  return plan.steps.flatMap((step) => (step.kind === 'process' ? [step.process] : []));
}

/** The plan of a running instance, with what its work has cost so far as the instance counts it. */
export interface RunningInstancePlan extends InstanceForecast {
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
  if (view.status !== 'running') {
    throw new ConflictError(`instance ${id} is ${view.status}: GET /instances/${id} has its steps' real dates`);
  }
  return planFromView(context, row, definition, row.input as JsonObject, view, now);
}

/** An open task whose due a re-plan would move: where it is now and where it would go. */
export interface DueChange {
  readonly taskId: string;
  readonly stepId: string;
  readonly title: string | null;
  readonly department: string | null;
  readonly dueAt: string;
  readonly proposedDueAt: string;
}

/** What `POST /instances/:id/plan` answers: the plan the instance would follow with another input. */
export interface ProposedInstancePlan extends RunningInstancePlan {
  /** The open tasks whose due dates the new input would move. */
  readonly dueChanges: readonly DueChange[];
}

/**
 * The action plan of a running instance as if the given fields replaced those of its input,
 * nothing changed: the input is checked as `PATCH /instances/:id/input` checks it, the instance
 * computes the due dates of its open tasks (and the ends of its waits) the re-plan would give
 * them, by the code the re-plan runs, and the plan is made from a view carrying them.
 */
export async function planInputChange(
  context: EngineContext,
  id: string,
  changes: JsonObject,
  now = Date.now(),
): Promise<ProposedInstancePlan> {
  const row = await findInstanceRow(context, id);
  const { definition, input } = await changedInput(context, row, changes);
  const preview = await queryInputChangePreview(context, id, input);
  if (preview.view.status !== 'running') {
    throw new ConflictError(`instance ${id} is ${preview.view.status}; its input no longer matters`);
  }
  const view = withProposedDates(preview.view, preview);
  const plan = await planFromView(context, row, definition, input, view, now);
  const units = new Map(unitsOf(preview.view).map((unit) => [unit.stepId, unit]));
  const dueChanges = preview.dues.map((due): DueChange => {
    const unit = units.get(due.stepId);
    return {
      taskId: due.taskId,
      stepId: due.stepId,
      title: unit?.title ?? null,
      department: unit?.department ?? null,
      dueAt: due.dueAt,
      proposedDueAt: due.proposedDueAt,
    };
  });
  return { ...plan, dueChanges };
}

async function planFromView(
  context: EngineContext,
  row: InstanceRow,
  definition: DefinitionRow,
  input: JsonObject,
  view: InstanceView,
  now: number,
): Promise<RunningInstancePlan> {
  const { calendar } = view;
  const stored = upgradePlan(definition.plan);
  const plan = await planOffLoop(`"${definition.key}" v${definition.version}`, async () =>
    planInstanceOffLoop({
      plan: stored,
      input,
      view,
      options: { now, startedAt: row.startedAt.getTime(), ...(calendar === undefined ? {} : { calendar }) },
      subProcesses: await subProcessesOf(context.db, stored),
    }),
  );
  return { ...plan, cost: view.cost };
}

/** The view with the open units' due dates and wait ends the preview proposes. */
function withProposedDates(view: InstanceView, preview: Pick<InputChangePreview, 'dues' | 'waits'>): InstanceView {
  const dues = new Map(preview.dues.map((due) => [due.stepId, due.proposedDueAt]));
  const waits = new Map(preview.waits.map((wait) => [wait.stepId, wait.waitUntil]));
  const moved = (unit: StepView): StepView => {
    const dueAt = dues.get(unit.stepId);
    const waitUntil = waits.get(unit.stepId);
    return {
      ...unit,
      ...(dueAt === undefined ? {} : { dueAt }),
      ...(waitUntil === undefined ? {} : { waitUntil }),
      ...(unit.items === undefined ? {} : { items: unit.items.map(moved) }),
    };
  };
  return { ...view, steps: view.steps.map(moved) };
}

function unitsOf(view: InstanceView): StepView[] {
  return view.steps.flatMap((step) => [step, ...(step.items ?? [])]);
}
