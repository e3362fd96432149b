import type { CommentRow } from '../db/entities/comment';
import type { DefinitionRow } from '../db/entities/definition';
import type { DeliveryRow } from '../db/entities/delivery';
import type { DepartmentRow } from '../db/entities/department';
import type { InstanceRow } from '../db/entities/instance';
import type { NotificationRow } from '../db/entities/notification';
import type { UserRow } from '../db/entities/user';
import type { WebhookRow } from '../db/entities/webhook';
import type { InstanceDetails } from '../engine/instances';
import type { TaskDetails } from '../engine/task-records';
import type { TokenRow } from '../engine/tokens';
import type { StepView } from '../plan/instance-view';
import type {
  CommentJson,
  DefinitionSummaryJson,
  DeliveryJson,
  DepartmentJson,
  InstanceJson,
  InstanceSummaryJson,
  NotificationJson,
  StepJson,
  TaskJson,
  TokenJson,
  UserJson,
  WebhookJson,
} from './contract/schemas';

/** The API's records as the JSON its schemas (contract/schemas.ts) promise. */

export function taskJson(task: TaskDetails): TaskJson {
  return {
    id: task.id,
    instanceId: task.instanceId,
    stepId: task.stepId,
    kind: task.kind,
    title: task.title,
    description: task.description,
    department: task.department,
    status: task.status,
    dueAt: task.dueAt.toISOString(),
    overdue: task.overdue,
    estimatedCost: task.estimatedCost,
    actualCost: task.actualCost,
    output: task.output,
    form: task.form,
    openedAt: task.openedAt.toISOString(),
    completedAt: task.completedAt?.toISOString() ?? null,
    completedBy: task.completedBy,
    completedByName: task.completedByName,
    assignee: task.assigneeId === null ? null : { id: task.assigneeId, name: task.assigneeName },
    round: task.round,
    note: task.note,
    earlierRoundsCost: task.earlierRoundsCost,
    parentInstanceId: task.parentInstanceId,
  };
}

export function instanceSummaryJson(row: InstanceRow): InstanceSummaryJson {
  return {
    id: row.id,
    key: row.key,
    version: row.version,
    status: row.status,
    input: row.input,
    startedAt: row.startedAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    parentInstanceId: row.parentInstanceId,
    parentStepId: row.parentStepId,
  };
}

export function instanceJson({ row, view, children = {} }: InstanceDetails): InstanceJson {
  const stepJson = (step: StepView): StepJson => {
    const child = step.childInstanceId === undefined ? undefined : children[step.childInstanceId];
    return {
      stepId: step.stepId,
      kind: step.kind,
      title: step.title,
      department: step.department,
      status: step.status,
      taskId: step.taskId,
      dueAt: step.dueAt,
      overdue: step.overdue,
      estimatedCost: step.estimatedCost,
      actualCost: step.actualCost,
      completedAt: step.completedAt,
      ...(step.error === null ? {} : { error: step.error }),
      ...(step.round === 0 ? {} : { round: step.round }),
      ...(step.waitUntil === undefined ? {} : { waitUntil: step.waitUntil }),
      ...(step.childInstanceId === undefined ? {} : { child: { instanceId: step.childInstanceId, ...child } }),
      ...(step.items === undefined ? {} : { items: step.items.map(stepJson) }),
    };
  };
  return {
    ...instanceSummaryJson(row),
    status: view.status,
    progress: view.progress,
    cost: view.cost,
    ...(view.budget === undefined ? {} : { budget: view.budget }),
    steps: view.steps.map(stepJson),
    completedAt: view.completedAt ?? row.completedAt?.toISOString() ?? null,
  };
}

export function definitionSummaryJson(definition: DefinitionRow): DefinitionSummaryJson {
  return {
    key: definition.key,
    version: definition.version,
    title: definition.title,
    owner: definition.owner,
    checksum: definition.checksum,
    deployedAt: definition.deployedAt.toISOString(),
  };
}

export function userJson(user: UserRow): UserJson {
  return {
    id: user.id,
    name: user.name,
    role: user.role,
    department: user.department,
    email: user.email,
    timeZone: user.timeZone,
    locale: user.locale,
    active: user.deactivatedAt === null,
    createdAt: user.createdAt.toISOString(),
  };
}

/** A user's API token, never its secret (shown once, when it is made). */
export function tokenJson(token: TokenRow): TokenJson {
  return {
    id: token.id,
    name: token.name,
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}

export function departmentJson(department: DepartmentRow): DepartmentJson {
  return { id: department.id, name: department.name, email: department.email, lead: department.lead };
}

export function notificationJson(notification: NotificationRow): NotificationJson {
  return {
    id: notification.id,
    instanceId: notification.instanceId,
    taskId: notification.taskId,
    kind: notification.kind,
    recipient: notification.recipient,
    subject: notification.subject,
    message: notification.message,
    createdAt: notification.createdAt.toISOString(),
    deliveredAt: notification.deliveredAt?.toISOString() ?? null,
  };
}

export function commentJson(comment: CommentRow): CommentJson {
  return {
    id: comment.id,
    instanceId: comment.instanceId,
    taskId: comment.taskId,
    author: { id: comment.authorId, name: comment.authorName },
    body: comment.body,
    source: comment.source,
    createdAt: comment.createdAt.toISOString(),
  };
}

export function deliveryJson(delivery: DeliveryRow): DeliveryJson {
  return {
    id: delivery.id,
    channel: delivery.channel,
    to: delivery.address,
    ...(delivery.webhookId === null ? {} : { webhookId: delivery.webhookId }),
    status: delivery.status,
    attempts: delivery.attempts,
    lastError: delivery.lastError,
    nextAttemptAt: delivery.status === 'pending' ? (delivery.nextAttemptAt?.toISOString() ?? null) : null,
    deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
  };
}

/** A webhook as listed: its secret is shown once, when it is created. */
export function webhookJson(webhook: WebhookRow): WebhookJson {
  return {
    id: webhook.id,
    url: webhook.url,
    events: webhook.events,
    createdBy: webhook.createdBy,
    createdAt: webhook.createdAt.toISOString(),
  };
}
