import { type Static, type TSchema, Type } from '@sinclair/typebox';
import type { EstimateBasis } from '../../forecast/result';
import { UNKNOWN } from '../../forecast/result';
import { INSTANCE_STATUSES, STEP_STATUSES } from '../../plan/instance-view';
import { STEP_KINDS } from '../../plan/types';
import { DateTime, DefinitionSummary, InstanceCost, Nullable, OneOf, Page } from './schemas';

/**
 * The processes' side of the API: definitions (deployed, validated, planned), instances' starts
 * and their action plans, and the managers' reports (the entities other areas share, `Instance`
 * and `DefinitionSummary`, are in schemas.ts).
 */

/** Arrays and members read-only all the way down: what a handler returns may be built of readonly parts. */
type DeepReadonly<T> = T extends readonly (infer Item)[]
  ? readonly DeepReadonly<Item>[]
  : T extends object
    ? { readonly [Key in keyof T]: DeepReadonly<T[Key]> }
    : T;

/**
 * The same schema, its static type read-only: the forecast is built of readonly arrays, which a
 * schema's static type (mutable arrays) would refuse although the JSON is the same.
 */
function ReadOnly<T extends TSchema>(schema: T) {
  return Type.Unsafe<DeepReadonly<Static<T>>>(schema);
}

const LocalDateTime = Type.String({
  format: 'date-time',
  description: "an RFC 3339 date-time at the calendar's offset (`2027-03-01T09:00:00+01:00`)",
});
const Unknown = Type.Literal(UNKNOWN, { description: 'only the run will tell' });

export const DefinitionPage = Page(DefinitionSummary, 'DefinitionPage');

export const DeployedDefinition = Type.Object({
  key: Type.String(),
  version: Type.Integer({ minimum: 1 }),
  checksum: Type.String({
    description: 'identifies what was deployed: the same YAML deployed again answers the same version',
  }),
});

export const ValidDefinition = Type.Object({
  valid: Type.Literal(true),
  key: Type.String(),
  steps: Type.Integer({ minimum: 0, description: 'how many steps it compiled to' }),
});

const CompiledStep = Type.Object({ id: Type.String(), kind: OneOf(STEP_KINDS) });

const CompiledPlan = ReadOnly(
  Type.Object(
    {
      formatVersion: Type.Integer(),
      key: Type.String(),
      title: Type.String(),
      input: Type.Record(Type.String(), Type.Unknown(), { description: 'the JSON Schema of the start form' }),
      steps: Type.Array(CompiledStep),
    },
    {
      description:
        'The process as its deploy compiled it (steps in an order of `after`); beyond these members its shape is ' +
        "Baton's own and may change between versions.",
    },
  ),
);

export const Definition = Type.Object(
  {
    ...DefinitionSummary.properties,
    source: Type.String({ description: 'the YAML as it was deployed' }),
    plan: CompiledPlan,
    versions: Type.Array(DefinitionSummary, { description: 'every version deployed, the latest included' }),
  },
  { $id: 'Definition', description: 'The latest version of a process, its YAML and compiled plan, and every version.' },
);

const MAXIMUM_VERSION = 2_147_483_647;
/** What the start form's calendar may be: one of the process's calendars, by id. */
const CalendarId = Type.String({ minLength: 1, maxLength: 200, description: "one of the process's calendars" });
const StartForm = Type.Record(Type.String(), Type.Unknown(), { description: "the process's start form, filled" });

export const StartBody = Type.Object(
  {
    input: StartForm,
    version: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: MAXIMUM_VERSION }))),
    calendar: Type.Optional(Nullable(CalendarId)),
  },
  { additionalProperties: false },
);

export const StartedInstance = Type.Object({
  id: Type.String(),
  key: Type.String(),
  version: Type.Integer(),
  status: OneOf(INSTANCE_STATUSES),
});

const PlanOptions = {
  calendar: Type.Optional(Nullable(CalendarId)),
  start: Type.Optional(
    Nullable(
      Type.String({
        minLength: 1,
        maxLength: 40,
        description: 'a `YYYY-MM-DD` date (its working hours start) or an RFC 3339 date-time; now when absent',
      }),
    ),
  ),
  budget: Type.Optional(Nullable(Type.Number({ minimum: 0, description: "instead of the process's own budget" }))),
};

export const PlanBody = Type.Object(
  {
    input: StartForm,
    version: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: MAXIMUM_VERSION }))),
    ...PlanOptions,
  },
  { additionalProperties: false },
);

export const DraftPlanBody = Type.Object(
  {
    source: Type.String({
      minLength: 1,
      description: 'the YAML of the process, as `POST /definitions` would take it (2 MiB at most)',
    }),
    input: StartForm,
    ...PlanOptions,
  },
  { additionalProperties: false },
);

const ESTIMATE_BASES = [
  'effort',
  'actual',
  'due',
  'instant',
  'wait',
  'timeout',
  'sub-process',
  'default',
  'unknown',
] as const satisfies readonly EstimateBasis[];

/** A unit's members; `Self` is the whole plan, which a sub-process's unit holds as its own. */
function unitMembers<Self extends TSchema>(self: Self) {
  return {
    id: Type.String({ description: 'the step id, or an item of a `forEach` step (`equipment[1]`)' }),
    title: Nullable(Type.String()),
    department: Nullable(
      Type.String({ description: 'tasks and approvals; null for other kinds or when only the run will tell' }),
    ),
    earliestStart: LocalDateTime,
    expectedFinish: LocalDateTime,
    basis: OneOf(ESTIMATE_BASES, { description: 'where the expected duration comes from' }),
    due: Nullable(LocalDateTime),
    slackMs: Nullable(
      Type.Number({ description: 'working time from the expected finish to the due, in ms; negative: at risk' }),
    ),
    slackDays: Nullable(Type.Number({ description: 'the same in working days (two decimals)' })),
    floatMs: Nullable(
      Type.Number({
        description:
          'working time it could finish later without moving the expected finish of the process, in ms; ' +
          '0 on the critical path, null once it has ended',
      }),
    ),
    floatDays: Nullable(Type.Number({ description: 'the same in working days (two decimals)' })),
    estimatedCost: Type.Number(),
    critical: Type.Boolean({ description: 'on the critical path' }),
    notes: Type.Array(Type.String(), {
      description: 'what could not be known, was assumed, or would fail at run time',
    }),
    subProcess: Type.Optional(self),
    status: Type.Optional(OneOf(STEP_STATUSES, { description: "a running instance's plan: where the unit stands" })),
    openedAt: Type.Optional(Nullable(LocalDateTime)),
    completedAt: Type.Optional(Nullable(LocalDateTime)),
    actualCost: Type.Optional(Nullable(Type.Number())),
  };
}

/** The members of a process's plan, whose units' sub-processes are `Self`. */
function planMembers<Self extends TSchema>(self: Self) {
  const PlannedUnit = Type.Object(unitMembers(self));
  const PlannedStep = Type.Object({
    ...unitMembers(self),
    kind: OneOf(STEP_KINDS),
    after: Type.Array(Type.String()),
    condition: Nullable(
      Type.Union([Type.Literal('met'), Type.Literal('not met'), Unknown], { description: 'its `when`' }),
    ),
    skipped: Type.Boolean(),
    items: Nullable(
      Type.Array(PlannedUnit, {
        description: "a `forEach` step's items (one representative item when only the run knows the list)",
      }),
    ),
    itemCount: Nullable(
      Type.Union([Type.Integer({ minimum: 0 }), Unknown], {
        description: "a `forEach` step's number of items (when unknown, `estimatedCost` is one item's)",
      }),
    ),
  });
  const PlannedAnchor = Type.Object(
    {
      expression: Type.String(),
      kind: Type.Union([Type.Literal('before'), Type.Literal('after')]),
      value: Type.Union([Type.String(), Type.Number()], { description: 'the date or date-time it gave' }),
      units: Type.Array(Type.Object({ id: Type.String(), due: LocalDateTime, met: Type.Boolean() })),
      met: Type.Boolean(),
      finishBefore: Nullable(
        Type.Boolean({ description: '`before` anchors: whether the whole process is expected to finish before it' }),
      ),
    },
    { description: 'a date some dues are anchored to (`due: { before: input.openingDate, by: 1 business day }`)' },
  );
  const PlannedCosts = Type.Object({
    total: Type.Number(),
    byDepartment: Type.Record(Type.String(), Type.Number(), { description: "sub-processes' costs included" }),
    budget: Nullable(Type.Number()),
    remaining: Nullable(Type.Number({ description: 'budget minus total' })),
    overBudget: Nullable(Type.Boolean()),
    itemsUnknown: Type.Array(Type.Object({ step: Type.String(), costPerItem: Type.Number() }), {
      description: '`forEach` steps whose number of items only the run knows: `total` counts one item of each',
    }),
  });
  return {
    key: Type.String(),
    title: Type.String(),
    start: LocalDateTime,
    calendar: Type.String({
      description: 'the calendar dates are counted in (`always-open` when the process names none)',
    }),
    timeZone: Type.String(),
    expectedFinish: LocalDateTime,
    workingDays: Type.Number({ description: 'working time from start to expected finish, in working days' }),
    daysOff: Type.Array(Type.String({ format: 'date' }), {
      description: 'weekends and holidays of the calendar from the start to the last finish or due',
    }),
    steps: Type.Array(PlannedStep),
    criticalPath: Type.Array(Type.String(), { description: 'unit ids, first to last, deciding the expected finish' }),
    anchors: Type.Array(PlannedAnchor),
    costs: PlannedCosts,
    notes: Type.Array(Type.String()),
  };
}

const RecursiveProcessPlan = Type.Recursive((Self) => Type.Object(planMembers(Self)), {
  $id: 'ProcessPlan',
  description:
    'The action plan of a process for a start form: when each step is expected, what it costs, what is at risk.',
});

/**
 * The plan as an answer. Ajv (which the CLI checks answers with) resolves a recursive schema's
 * reference to itself only below the root, so the root holds it once more.
 */
export const ProcessPlan = ReadOnly(
  Type.Unsafe<Static<typeof RecursiveProcessPlan>>({ allOf: [RecursiveProcessPlan] }),
);

/**
 * A sub-process's plan in an instance's, by reference: the plan itself is held once, in the
 * instance plan's `$defs`, since Ajv refuses a schema holding one `$id` twice.
 */
const SubProcessPlan = Type.Unsafe<Static<typeof RecursiveProcessPlan>>({ $ref: 'ProcessPlan' });
const SUB_PROCESS_PLAN_DEFINITION = { $defs: { ProcessPlan: RecursiveProcessPlan } };

const UnitAtRisk = Type.Object({
  id: Type.String(),
  department: Nullable(Type.String()),
  status: OneOf(STEP_STATUSES),
  expectedFinish: LocalDateTime,
  due: Nullable(LocalDateTime),
  slackMs: Nullable(Type.Number({ description: 'negative: working time by which it misses its due' })),
  slackDays: Nullable(Type.Number()),
  reasons: Type.Array(Type.String(), { description: '`due`, and/or the expression of an anchor it ends after' }),
});

const InstancePlanMembers = {
  ...planMembers(SubProcessPlan),
  instanceId: Type.String(),
  version: Type.Integer(),
  now: Type.String({ format: 'date-time', description: 'the instant the plan counts from' }),
  atRisk: Type.Array(UnitAtRisk),
  cost: InstanceCost,
};

export const InstancePlan = ReadOnly(
  Type.Object(InstancePlanMembers, {
    ...SUB_PROCESS_PLAN_DEFINITION,
    $id: 'InstancePlan',
    description:
      "A running instance's action plan from where it stands: what ended keeps its real dates, the rest is scheduled from now.",
  }),
);

const DueChange = Type.Object({
  taskId: Type.String(),
  stepId: Type.String(),
  title: Nullable(Type.String()),
  department: Nullable(Type.String()),
  dueAt: DateTime,
  proposedDueAt: DateTime,
});

export const ProposedInstancePlan = ReadOnly(
  Type.Object(
    {
      ...InstancePlanMembers,
      dueChanges: Type.Array(DueChange, { description: 'the open tasks whose due dates the new input would move' }),
    },
    {
      ...SUB_PROCESS_PLAN_DEFINITION,
      $id: 'ProposedInstancePlan',
      description: "A running instance's plan as if its input changed: nothing changes.",
    },
  ),
);

export const InputChangeBody = Type.Object(
  {
    input: Type.Record(Type.String(), Type.Unknown(), {
      description: 'the fields of the input to replace; the rest stays as it is',
    }),
  },
  { additionalProperties: false },
);

export const DepartmentReport = ReadOnly(
  Type.Object({
    from: DateTime,
    to: DateTime,
    items: Type.Array(
      Type.Object({
        department: Type.String(),
        name: Type.String(),
        open: Type.Integer({ description: 'open now' }),
        overdue: Type.Integer({ description: 'open now and past their due' }),
        completed: Type.Integer({ description: 'completed in the period' }),
        onTimeRate: Nullable(
          Type.Number({ minimum: 0, maximum: 1, description: 'of those, completed by their due; null when none was' }),
        ),
        medianCycleHours: Nullable(
          Type.Number({ description: 'median hours from opened to completed; null when none' }),
        ),
      }),
    ),
  }),
);

const CostFigures = {
  estimated: Type.Number({ description: 'estimated cost of the tasks not cancelled' }),
  actual: Type.Number({
    description: "done tasks' actual costs (their estimate when none was given), earlier rounds too",
  }),
  instances: Type.Integer(),
};

export const CostReport = ReadOnly(
  Type.Object({
    items: Type.Array(
      Type.Object({
        key: Type.String(),
        version: Type.Integer(),
        ...CostFigures,
        budget: Nullable(
          Type.Number({
            description:
              "the instances' total budget when the version declares a fixed one; null without, or when read from the input",
          }),
        ),
        byDepartment: Type.Record(Type.String(), Type.Object(CostFigures)),
      }),
    ),
  }),
);

export const AtRiskReport = ReadOnly(
  Type.Object({
    items: Type.Array(
      Type.Object({
        instanceId: Type.String(),
        key: Type.String(),
        version: Type.Integer(),
        title: Type.String({ description: "the process's title" }),
        subject: Type.String({ description: "a request's subject, else the process's title" }),
        startedAt: DateTime,
        overdueTasks: Type.Integer(),
        oldestOverdueDueAt: Nullable(DateTime),
        nextDueAt: Nullable(DateTime),
        departments: Type.Array(Type.String(), { description: 'those with an overdue open task' }),
        estimatedCost: Type.Number(),
        budget: Nullable(Type.Number()),
        overBudget: Type.Boolean(),
      }),
    ),
  }),
);
