import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { COMMENT_SOURCES } from '../../db/entities/comment';
import { DELIVERY_CHANNELS, DELIVERY_STATUSES } from '../../db/entities/delivery';
import { TASK_STATUSES } from '../../db/entities/task';
import { LOCALES, ROLES } from '../../db/entities/user';
import { INSTANCE_STATUSES, STEP_STATUSES } from '../../plan/instance-view';
import { NOTIFICATION_KINDS } from '../../plan/recipient';
import { TASK_KINDS } from '../../plan/steps';
import { STEP_KINDS } from '../../plan/types';

/**
 * The JSON shapes the API answers with, named: `/openapi.json` lists each once under
 * `components.schemas` (by its `$id`) and the presenters are typed by them. Times are ISO-8601
 * strings; ids are strings (UUIDs for Baton's own records).
 */

export function Nullable<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}

export function OneOf<const Values extends readonly string[]>(values: Values, options: { description?: string } = {}) {
  return Type.Unsafe<Values[number]>({ type: 'string', enum: [...values], ...options });
}

export const DateTime = Type.String({ format: 'date-time' });
export const Id = Type.String({ minLength: 1, maxLength: 64 });
/** What a definition's form or a task's output holds: any JSON object. */
export const JsonObject = Type.Record(Type.String(), Type.Unknown());

/** A page of a list and the cursor of the next one (null on the last). */
export function Page<T extends TSchema>(items: T, id: string) {
  return Type.Object({ items: Type.Array(items), nextCursor: Nullable(Type.String()) }, { $id: id });
}

/** The query parameters of a paged list. */
export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, description: 'items per page (default 50)' })),
  cursor: Type.Optional(
    Type.String({ maxLength: 500, description: 'the `nextCursor` of the previous page, as it was given' }),
  ),
};

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String({ description: "Baton's stable error code (`not-found`, `validation-failed`...)" }),
    detail: Type.String({ description: 'what went wrong and how to fix it' }),
    errors: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }))),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details; further members carry the details of some codes.' },
);

/** Who holds a task: a name only while their user is there to name. */
export const Person = Type.Object({ id: Type.String(), name: Nullable(Type.String()) });

export const Task = Type.Object(
  {
    id: Type.String(),
    instanceId: Type.String(),
    stepId: Type.String(),
    kind: OneOf(TASK_KINDS),
    title: Type.String(),
    description: Nullable(Type.String()),
    department: Type.String(),
    status: OneOf(TASK_STATUSES),
    dueAt: DateTime,
    overdue: Type.Boolean(),
    estimatedCost: Type.Number(),
    actualCost: Nullable(Type.Number()),
    output: Nullable(JsonObject),
    form: Nullable(JsonObject),
    openedAt: DateTime,
    completedAt: Nullable(DateTime),
    completedBy: Nullable(Type.String()),
    completedByName: Nullable(Type.String()),
    assignee: Nullable(Person),
    round: Type.Integer({ minimum: 0 }),
    note: Nullable(Type.String()),
    earlierRoundsCost: Type.Number(),
    parentInstanceId: Nullable(Type.String()),
  },
  { $id: 'Task' },
);
export type TaskJson = Static<typeof Task>;
export const TaskPage = Page(Task, 'TaskPage');

export const InstanceSummary = Type.Object(
  {
    id: Type.String(),
    key: Type.String(),
    version: Type.Integer(),
    status: OneOf(INSTANCE_STATUSES),
    input: JsonObject,
    startedAt: DateTime,
    completedAt: Nullable(DateTime),
    parentInstanceId: Nullable(Type.String()),
    parentStepId: Nullable(Type.String()),
  },
  { $id: 'InstanceSummary' },
);
export type InstanceSummaryJson = Static<typeof InstanceSummary>;
export const InstancePage = Page(InstanceSummary, 'InstancePage');

const CostFigures = Type.Object({
  estimated: Type.Number(),
  committed: Type.Number(),
  actual: Type.Number(),
  forecast: Type.Number(),
});

export const InstanceCost = Type.Object(
  {
    estimated: Type.Number(),
    committed: Type.Number(),
    actual: Type.Number(),
    forecast: Type.Number(),
    byDepartment: Type.Record(Type.String(), CostFigures),
  },
  // No `$id`: an instance holds it twice (its own, a sub-process's), and one schema may name an `$id` once.
  { description: 'what an instance costs; `byDepartment` splits the same figures' },
);

const Progress = Type.Object({ done: Type.Integer(), total: Type.Integer() });

const ChildSummary = Type.Object({
  instanceId: Type.String(),
  status: Type.Optional(OneOf(INSTANCE_STATUSES)),
  progress: Type.Optional(Progress),
  cost: Type.Optional(InstanceCost),
});

const StepFields = {
  stepId: Type.String(),
  kind: OneOf(STEP_KINDS),
  title: Nullable(Type.String()),
  department: Nullable(Type.String()),
  status: OneOf(STEP_STATUSES),
  taskId: Nullable(Type.String()),
  dueAt: Nullable(DateTime),
  overdue: Type.Boolean(),
  estimatedCost: Type.Number(),
  actualCost: Nullable(Type.Number()),
  completedAt: Nullable(DateTime),
  error: Type.Optional(Type.String({ description: 'why the step failed; a manager may retry or skip it' })),
  round: Type.Optional(Type.Integer({ description: 'how many times an approval sent the step back' })),
  waitUntil: Type.Optional(DateTime),
  child: Type.Optional(ChildSummary),
};

/** A step, or one item of a `forEach` step (`stepId` like `equipment[2]`), whose own items nest once more at most. */
export const Step = Type.Recursive((Self) => Type.Object({ ...StepFields, items: Type.Optional(Type.Array(Self)) }), {
  $id: 'Step',
});
export type StepJson = Static<typeof Step>;

export const Instance = Type.Object(
  {
    ...InstanceSummary.properties,
    progress: Progress,
    cost: InstanceCost,
    budget: Type.Optional(Type.Object({ amount: Type.Number(), currency: Type.String(), overBudget: Type.Boolean() })),
    steps: Type.Array(Step),
  },
  { $id: 'Instance' },
);
export type InstanceJson = Static<typeof Instance>;

export const DefinitionSummary = Type.Object(
  {
    key: Type.String(),
    version: Type.Integer(),
    title: Type.String(),
    owner: Nullable(Type.String()),
    checksum: Type.String(),
    deployedAt: DateTime,
  },
  { $id: 'DefinitionSummary' },
);
export type DefinitionSummaryJson = Static<typeof DefinitionSummary>;

export const User = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    role: OneOf(ROLES),
    department: Nullable(Type.String()),
    email: Nullable(Type.String()),
    timeZone: Type.String({ description: 'an IANA time zone (`Europe/Paris`): the dates in their mail' }),
    locale: OneOf(LOCALES),
    active: Type.Boolean(),
    createdAt: DateTime,
  },
  { $id: 'User' },
);
export type UserJson = Static<typeof User>;

export const Token = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    createdAt: DateTime,
    expiresAt: DateTime,
    lastUsedAt: Nullable(DateTime),
    revokedAt: Nullable(DateTime),
  },
  { $id: 'Token', description: "A user's API token, never its secret (shown once, when it is made)." },
);
export type TokenJson = Static<typeof Token>;

export const Department = Type.Object(
  { id: Type.String(), name: Type.String(), email: Nullable(Type.String()), lead: Nullable(Type.String()) },
  { $id: 'Department' },
);
export type DepartmentJson = Static<typeof Department>;

export const Notification = Type.Object(
  {
    id: Type.String(),
    instanceId: Nullable(Type.String()),
    taskId: Nullable(Type.String()),
    kind: OneOf(NOTIFICATION_KINDS),
    recipient: Type.String(),
    subject: Nullable(Type.String()),
    message: Type.String(),
    createdAt: DateTime,
    deliveredAt: Nullable(DateTime),
  },
  { $id: 'Notification' },
);
export type NotificationJson = Static<typeof Notification>;

export const Comment = Type.Object(
  {
    id: Type.String(),
    instanceId: Type.String(),
    taskId: Nullable(Type.String()),
    author: Type.Object({ id: Type.String(), name: Type.String() }),
    body: Type.String(),
    source: OneOf(COMMENT_SOURCES),
    createdAt: DateTime,
  },
  { $id: 'Comment' },
);
export type CommentJson = Static<typeof Comment>;

export const Delivery = Type.Object(
  {
    id: Type.String(),
    channel: OneOf(DELIVERY_CHANNELS),
    to: Nullable(Type.String()),
    webhookId: Type.Optional(Type.String()),
    status: OneOf(DELIVERY_STATUSES),
    attempts: Type.Integer(),
    lastError: Nullable(Type.String()),
    nextAttemptAt: Nullable(DateTime),
    deliveredAt: Nullable(DateTime),
  },
  { $id: 'Delivery' },
);
export type DeliveryJson = Static<typeof Delivery>;

export const Webhook = Type.Object(
  {
    id: Type.String(),
    url: Type.String(),
    events: Type.Array(Type.String()),
    createdBy: Nullable(Type.String()),
    createdAt: DateTime,
  },
  { $id: 'Webhook', description: 'A webhook as listed: its secret is shown once, when it is created.' },
);
export type WebhookJson = Static<typeof Webhook>;
