import { optionalTsToMs } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import type { AuditEntry } from './audit';
import { auditOfInstance } from './audit';
import type { Actor, EngineContext } from './context';
import { dependencyOutage } from './dependency-outages';
import { findInstanceRow } from './instances';
import { errorMessage } from './temporal-failures';

/**
 * One readable history of an instance: what people did through Baton (its audit rows), what the
 * read model saw (tasks opened and completed, notifications written) and what the workflow did
 * (its Temporal history, summarised), merged in time order.
 */
export interface TimelineEntry {
  readonly at: string;
  readonly source: 'baton' | 'workflow';
  readonly kind: string;
  readonly actor?: { readonly id: string; readonly name: string; readonly role?: string };
  readonly step?: string;
  readonly task?: string;
  /** One English sentence. */
  readonly summary: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface Timeline {
  readonly instanceId: string;
  readonly items: TimelineEntry[];
  /** True when entries were left out: past `limit`, or past the part of the workflow's history read. */
  readonly truncated: boolean;
}

/** The most history events read per timeline (two pages): a long-running instance's timeline stays fast. */
export const TIMELINE_HISTORY_EVENTS = 2_000;
const HISTORY_PAGE_SIZE = 1_000;
/** The most rows read of each of Baton's tables per timeline. */
const RECORDS_READ = 2_000;

/**
 * `reader`: staff read what other departments did on their tasks (who, when) but not what it
 * said — the output and the before/after of a task of another department, a comment on one —
 * as GET /tasks/:id and its comments keep those to the task's department.
 */
export async function instanceTimeline(
  context: EngineContext,
  id: string,
  limit: number,
  reader: Actor,
): Promise<Timeline> {
  await findInstanceRow(context, id);
  const [audit, records, history] = await Promise.all([
    auditOfInstance(context.db, id, RECORDS_READ),
    readModelEntries(context, id),
    workflowEntries(context, id),
  ]);
  const titles = new Map(records.tasks.map((task) => [task.id, task.title]));
  const othersTasks = new Set(
    reader.role === 'staff'
      ? records.tasks.filter((task) => task.department !== reader.department).map((task) => task.id)
      : [],
  );
  const withheld = (entry: AuditEntry) => entry.taskId !== null && othersTasks.has(entry.taskId);
  const names = await namesOf(context, [...history.actorIds, ...audit.flatMap(assigneesOf)]);
  const completedInAudit = new Set(audit.filter((entry) => entry.action === 'task.completed').map((e) => e.taskId));
  let entries: TimelineEntry[] = [
    ...audit.map((entry) => auditEntry(entry, titles, names, withheld(entry))),
    ...records.entries.filter((entry) => !(entry.kind === 'task-completed' && completedInAudit.has(entry.task ?? ''))),
    ...history.entries.map((entry) => withActorName(entry, names)),
  ];
  let truncated = history.cutAt !== null || audit.length === RECORDS_READ || records.full;
  // What happened after the part of the history read is left out too, so the two sources agree.
  if (history.cutAt !== null) {
    const cutAt = history.cutAt;
    entries = entries.filter((entry) => entry.at <= cutAt);
  }
  entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  if (entries.length > limit) {
    entries = entries.slice(0, limit);
    truncated = true;
  }
  return { instanceId: id, items: entries, truncated };
}

type Names = ReadonlyMap<string, string>;

function assigneesOf(entry: AuditEntry): string[] {
  const after = entry.after as { assigneeId?: unknown } | null;
  return typeof after?.assigneeId === 'string' ? [after.assigneeId] : [];
}

async function namesOf(context: EngineContext, ids: readonly string[]): Promise<Names> {
  const uuids = [...new Set(ids)].filter((id) => /^[0-9a-f-]{36}$/.test(id));
  const rows: { id: string; name: string }[] =
    uuids.length === 0 ? [] : await context.db.query('SELECT id, name FROM users WHERE id = ANY($1::uuid[])', [uuids]);
  return new Map([['admin', 'bootstrap admin'], ...rows.map((row): [string, string] => [row.id, row.name])]);
}

function stepOf(taskId: string | null): string | undefined {
  if (taskId === null) return undefined;
  const dot = taskId.indexOf('.');
  return dot < 0 ? undefined : taskId.slice(dot + 1).replace(/\[\d+\]$/, '');
}

function quoted(text: string, length = 80): string {
  return `"${text.length > length ? `${text.slice(0, length - 1)}…` : text}"`;
}

/** `withheld`: what the change said is left out (who did what stays), for a reader who may not read its task. */
function auditEntry(entry: AuditEntry, titles: Names, names: Names, withheld: boolean): TimelineEntry {
  const who = entry.actor.name;
  const task = entry.taskId ?? undefined;
  const title = task === undefined ? undefined : quoted(titles.get(task) ?? task);
  const after = (entry.after ?? {}) as Record<string, unknown>;
  const before = (entry.before ?? {}) as Record<string, unknown>;
  const step = stepOf(entry.taskId) ?? (entry.subject.type === 'step' ? stepOf(entry.subject.id) : undefined);
  let summary: string;
  switch (entry.action) {
    case 'instance.started': {
      const via = after.via === 'mail' ? ' by mail' : after.via === 'catalogue' ? ' from the catalogue' : '';
      summary = `${who} started ${String(after.key)} v${String(after.version)}${via}`;
      break;
    }
    case 'instance.cancelled':
      summary = `${who} cancelled the instance`;
      break;
    case 'instance.input-changed':
      summary = `${who} changed the input (${changedFields(before.input, after.input).join(', ') || 'no field'})`;
      break;
    case 'step.retried':
      summary = `${who} retried the failed step ${step}`;
      break;
    case 'step.skipped':
      summary = `${who} skipped the failed step ${step}`;
      break;
    case 'task.claimed':
      summary = `${who} claimed ${title}`;
      break;
    case 'task.unclaimed':
      summary = `${who} put ${title} back in its queue`;
      break;
    case 'task.assigned':
      summary = `${who} gave ${title} to ${names.get(String(after.assigneeId)) ?? String(after.assigneeId)}`;
      break;
    case 'task.reassigned':
      summary = `${who} moved ${title} from the ${String(before.department)} queue to the ${String(after.department)} queue`;
      break;
    case 'task.completed':
      summary = `${who} completed ${title}`;
      break;
    case 'comment.added':
      summary = `${who} commented${task === undefined ? '' : ` on ${title}`}${withheld ? '' : `: ${quoted(String(after.body ?? ''))}`}`;
      break;
    case 'delivery.redelivered':
      summary = `${who} had a notification sent again`;
      break;
    default:
      summary = `${who}: ${entry.action}`;
  }
  return {
    at: entry.at.toISOString(),
    source: 'baton',
    kind: entry.action,
    actor: entry.actor,
    ...(step === undefined ? {} : { step }),
    ...(task === undefined ? {} : { task }),
    summary,
    details: withheld ? { auditId: entry.id } : { auditId: entry.id, before: entry.before, after: entry.after },
  };
}

function changedFields(before: unknown, after: unknown): string[] {
  const was = (before ?? {}) as Record<string, unknown>;
  const is = (after ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(was), ...Object.keys(is)])].filter(
    (field) => JSON.stringify(was[field]) !== JSON.stringify(is[field]),
  );
}

interface TaskRecord {
  id: string;
  title: string;
  department: string;
  status: string;
  opened_at: Date;
  due_at: Date;
  completed_at: Date | null;
  completed_by: string | null;
  completed_by_name: string | null;
  round: number;
}

interface NotificationRecord {
  id: string;
  task_id: string | null;
  kind: string;
  recipient: string;
  subject: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

/** Tasks opened and completed, and notifications written, from the read model (the instance's own rows). */
async function readModelEntries(
  context: EngineContext,
  id: string,
): Promise<{ tasks: TaskRecord[]; entries: TimelineEntry[]; full: boolean }> {
  const [tasks, notifications]: [TaskRecord[], NotificationRecord[]] = await Promise.all([
    context.db.query(
      `SELECT id, title, department, status, opened_at, due_at, completed_at, completed_by, round,
         CASE WHEN completed_by = 'admin' THEN 'bootstrap admin'
           WHEN completed_by ~ '^[0-9a-f-]{36}$' THEN (SELECT name FROM users WHERE users.id = completed_by::uuid) END
           AS completed_by_name
       FROM tasks WHERE instance_id = $1 ORDER BY opened_at, id LIMIT $2`,
      [id, RECORDS_READ],
    ),
    context.db.query(
      `SELECT id, task_id, kind, recipient, subject, created_at, delivered_at
       FROM notifications WHERE instance_id = $1 ORDER BY created_at, id LIMIT $2`,
      [id, RECORDS_READ],
    ),
  ]);
  const entries: TimelineEntry[] = [];
  for (const task of tasks) {
    const step = stepOf(task.id);
    entries.push({
      at: task.opened_at.toISOString(),
      source: 'baton',
      kind: 'task-opened',
      ...(step === undefined ? {} : { step }),
      task: task.id,
      summary: `${quoted(task.title)} opened in the ${task.department} queue, due ${task.due_at.toISOString()}${task.round > 0 ? ` (round ${task.round + 1})` : ''}`,
      details: { department: task.department, dueAt: task.due_at.toISOString(), round: task.round },
    });
    if (task.completed_at !== null) {
      const by = task.completed_by_name ?? task.completed_by ?? 'someone';
      entries.push({
        at: task.completed_at.toISOString(),
        source: 'baton',
        kind: 'task-completed',
        ...(task.completed_by === null ? {} : { actor: { id: task.completed_by, name: by } }),
        ...(step === undefined ? {} : { step }),
        task: task.id,
        summary: `${by} completed ${quoted(task.title)}`,
        details: { status: task.status },
      });
    }
  }
  for (const notification of notifications) {
    entries.push({
      at: notification.created_at.toISOString(),
      source: 'baton',
      kind: 'notification',
      ...(notification.task_id === null ? {} : { task: notification.task_id, step: stepOf(notification.task_id) }),
      summary: `Baton told ${notification.recipient} (${notification.kind})${notification.subject ? `: ${quoted(notification.subject)}` : ''}`,
      details: {
        notificationId: notification.id,
        kind: notification.kind,
        recipient: notification.recipient,
        deliveredAt: notification.delivered_at?.toISOString() ?? null,
      },
    });
  }
  return { tasks, entries, full: tasks.length === RECORDS_READ || notifications.length === RECORDS_READ };
}

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

interface WorkflowEntries {
  readonly entries: TimelineEntry[];
  /** The people named in the events (who asked for an Update), to name them. */
  readonly actorIds: string[];
  /** The time of the last event read when the history goes on past what was read; null: read whole. */
  readonly cutAt: string | null;
}

/**
 * The workflow's side, from its Temporal history (its current run), read a page at a time and
 * never past TIMELINE_HISTORY_EVENTS events. Temporal out of reach leaves this side empty, said
 * in one entry: Baton's records still tell their part.
 */
async function workflowEntries(context: EngineContext, id: string): Promise<WorkflowEntries> {
  const events: HistoryEvent[] = [];
  let nextPageToken: Uint8Array | undefined;
  try {
    do {
      const page = await context.temporal.workflowService.getWorkflowExecutionHistory({
        namespace: context.temporal.options.namespace,
        execution: { workflowId: id },
        maximumPageSize: Math.min(HISTORY_PAGE_SIZE, TIMELINE_HISTORY_EVENTS - events.length),
        nextPageToken,
      });
      events.push(...(page.history?.events ?? []));
      nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
    } while (nextPageToken !== undefined && events.length < TIMELINE_HISTORY_EVENTS);
  } catch (error) {
    const outage = dependencyOutage(error);
    return {
      entries: [
        {
          at: new Date().toISOString(),
          source: 'workflow',
          kind: 'history-unavailable',
          summary: `The workflow's history could not be read: ${outage?.message ?? errorMessage(error)}`,
          details: {},
        },
      ],
      actorIds: [],
      cutAt: null,
    };
  }
  const summarised = summariseHistory(context, events);
  const last = events.at(-1);
  const lastAt = last ? isoOf(last) : null;
  return { ...summarised, cutAt: nextPageToken !== undefined ? lastAt : null };
}

function isoOf(event: HistoryEvent): string {
  return new Date(optionalTsToMs(event.eventTime) ?? 0).toISOString();
}

/** Baton-level entries from raw events: what a reader of the instance cares about, not every event. */
function summariseHistory(context: EngineContext, events: readonly HistoryEvent[]): Omit<WorkflowEntries, 'cutAt'> {
  const converter = context.temporal.options.loadedDataConverter.payloadConverter;
  const decode = (payloads: temporal.api.common.v1.IPayloads | null | undefined): unknown[] =>
    (payloads?.payloads ?? []).map((payload) => {
      try {
        return converter.fromPayload(payload);
      } catch {
        return null;
      }
    });
  const activities = new Map<string, { type: string; input: unknown[] }>();
  const timers = new Map<string, number>();
  const updates = new Map<string, string>();
  const entries: TimelineEntry[] = [];
  const actorIds: string[] = [];
  const entry = (event: HistoryEvent, kind: string, summary: string, details: Record<string, unknown> = {}) =>
    entries.push({
      at: isoOf(event),
      source: 'workflow',
      kind,
      summary,
      details: { eventId: String(event.eventId), ...details },
    });
  // An Update runs from the start of the workflow task that takes it (its writes too, local
  // activities); the event saying it was accepted is written when that task completes.
  let taskStartedAt: string | null = null;
  for (const event of events) {
    const eventId = String(event.eventId);
    if (event.workflowTaskStartedEventAttributes) {
      taskStartedAt = isoOf(event);
    } else if (event.workflowExecutionStartedEventAttributes) {
      const started = event.workflowExecutionStartedEventAttributes;
      const continued = started.continuedExecutionRunId ? ' (continued from an earlier run)' : '';
      entry(
        event,
        'workflow-started',
        `The workflow started on task queue ${started.taskQueue?.name ?? '?'}${continued}`,
        {
          runId: started.originalExecutionRunId ?? null,
          attempt: started.attempt ?? 1,
        },
      );
    } else if (event.activityTaskScheduledEventAttributes) {
      const scheduled = event.activityTaskScheduledEventAttributes;
      activities.set(eventId, { type: scheduled.activityType?.name ?? '?', input: decode(scheduled.input) });
    } else if (event.activityTaskStartedEventAttributes) {
      const started = event.activityTaskStartedEventAttributes;
      const activity = activities.get(String(started.scheduledEventId));
      if ((started.attempt ?? 1) > 1 && activity) {
        const failure = started.lastFailure?.message ?? 'unknown';
        entry(
          event,
          'activity-retried',
          `${describeActivity(activity)} was tried again (attempt ${started.attempt}): ${failure}`,
          {
            activity: activity.type,
            attempt: started.attempt,
            lastFailure: failure,
          },
        );
      }
    } else if (event.activityTaskFailedEventAttributes || event.activityTaskTimedOutEventAttributes) {
      const failed = event.activityTaskFailedEventAttributes ?? event.activityTaskTimedOutEventAttributes;
      const activity = activities.get(String(failed?.scheduledEventId));
      const message = failed?.failure?.message ?? 'no message';
      entry(
        event,
        'activity-failed',
        `${activity ? describeActivity(activity) : 'An activity'} failed for good: ${message}`,
        {
          activity: activity?.type ?? null,
          failure: message,
          retryState: failed?.retryState ?? null,
        },
      );
    } else if (event.timerStartedEventAttributes) {
      const timer = event.timerStartedEventAttributes;
      timers.set(timer.timerId ?? '', optionalTsToMs(timer.startToFireTimeout) ?? 0);
    } else if (event.timerFiredEventAttributes) {
      const duration = timers.get(event.timerFiredEventAttributes.timerId ?? '') ?? 0;
      entry(event, 'timer-fired', `A timer set for ${humanDuration(duration)} fired (a deadline, reminder or wait)`, {
        timerId: event.timerFiredEventAttributes.timerId,
        durationMs: duration,
      });
    } else if (event.workflowExecutionUpdateAcceptedEventAttributes) {
      const accepted = event.workflowExecutionUpdateAcceptedEventAttributes;
      const name = accepted.acceptedRequest?.input?.name ?? '?';
      updates.set(accepted.protocolInstanceId ?? '', name);
      if (name === 'firstTasksOpened') continue;
      const [request] = decode(accepted.acceptedRequest?.input?.args);
      const described = describeUpdate(name, (request ?? {}) as Record<string, unknown>);
      if (described.actorId) actorIds.push(described.actorId);
      entries.push({
        at: taskStartedAt ?? isoOf(event),
        source: 'workflow',
        kind: 'update-accepted',
        ...(described.actorId ? { actor: { id: described.actorId, name: described.actorId } } : {}),
        ...(described.step ? { step: described.step } : {}),
        ...(described.task ? { task: described.task } : {}),
        // Named once the people are read (withActorName).
        summary: described.actorId ? described.summary : described.summary.replace('{actor}', 'someone'),
        details: { eventId, update: name },
      });
    } else if (event.workflowExecutionUpdateCompletedEventAttributes) {
      const completed = event.workflowExecutionUpdateCompletedEventAttributes;
      const failure = completed.outcome?.failure;
      if (failure) {
        const name = updates.get(completed.meta?.updateId ?? '') ?? 'an update';
        entry(event, 'update-failed', `The workflow refused ${name}: ${failure.message ?? 'no message'}`, {
          update: name,
        });
      }
    } else if (event.startChildWorkflowExecutionInitiatedEventAttributes) {
      // Reported once started, below.
    } else if (event.childWorkflowExecutionStartedEventAttributes) {
      const child = event.childWorkflowExecutionStartedEventAttributes;
      entry(event, 'sub-process-started', `A sub-process started (instance ${child.workflowExecution?.workflowId})`, {
        instanceId: child.workflowExecution?.workflowId ?? null,
      });
    } else if (event.childWorkflowExecutionCompletedEventAttributes) {
      const child = event.childWorkflowExecutionCompletedEventAttributes;
      entry(event, 'sub-process-ended', `The sub-process ${child.workflowExecution?.workflowId} ended`, {
        instanceId: child.workflowExecution?.workflowId ?? null,
      });
    } else if (event.childWorkflowExecutionFailedEventAttributes) {
      const child = event.childWorkflowExecutionFailedEventAttributes;
      entry(
        event,
        'sub-process-failed',
        `The sub-process ${child.workflowExecution?.workflowId} failed: ${child.failure?.message ?? ''}`,
        {
          instanceId: child.workflowExecution?.workflowId ?? null,
        },
      );
    } else if (event.workflowExecutionCompletedEventAttributes) {
      entry(event, 'workflow-completed', 'The workflow ended');
    } else if (event.workflowExecutionFailedEventAttributes) {
      const failure = event.workflowExecutionFailedEventAttributes.failure?.message ?? 'no message';
      entry(event, 'workflow-failed', `The workflow failed: ${failure}`, { failure });
    } else if (event.workflowExecutionCanceledEventAttributes) {
      entry(event, 'workflow-cancelled', 'The workflow was cancelled');
    } else if (event.workflowExecutionTerminatedEventAttributes) {
      const reason = event.workflowExecutionTerminatedEventAttributes.reason;
      entry(event, 'workflow-terminated', `The workflow was terminated in Temporal${reason ? `: ${reason}` : ''}`, {
        reason: reason ?? null,
      });
    } else if (event.workflowExecutionTimedOutEventAttributes) {
      entry(event, 'workflow-timed-out', 'The workflow timed out in Temporal');
    } else if (event.workflowExecutionContinuedAsNewEventAttributes) {
      entry(event, 'workflow-continued', 'The workflow continued as a new run (its history was getting long)', {
        newRunId: event.workflowExecutionContinuedAsNewEventAttributes.newExecutionRunId ?? null,
      });
    }
  }
  return { entries, actorIds };
}

function withActorName(entry: TimelineEntry, names: Names): TimelineEntry {
  if (!entry.actor) return entry;
  const name = names.get(entry.actor.id) ?? entry.actor.id;
  return { ...entry, actor: { id: entry.actor.id, name }, summary: entry.summary.replace('{actor}', name) };
}

function describeUpdate(
  name: string,
  request: Record<string, unknown>,
): { summary: string; actorId?: string; step?: string; task?: string } {
  const text = (field: string) => (typeof request[field] === 'string' ? (request[field] as string) : undefined);
  const task = text('taskId');
  const step = text('stepId') ?? stepOf(task ?? null);
  switch (name) {
    case 'completeTask':
      return {
        summary: `The workflow took the completion of ${task} by {actor}`,
        actorId: text('completedBy'),
        step,
        task,
      };
    case 'cancelInstance':
      return { summary: 'The workflow took the cancellation asked by {actor}', actorId: text('cancelledBy') };
    case 'changeInput':
      return { summary: 'The workflow took the new input from {actor} and re-planned', actorId: text('changedBy') };
    case 'retryStep':
      return { summary: `The workflow runs step ${step} again, asked by {actor}`, actorId: text('requestedBy'), step };
    case 'skipStep':
      return { summary: `The workflow skips step ${step}, asked by {actor}`, actorId: text('requestedBy'), step };
    case 'reassignTask':
      return {
        summary: `The workflow moved ${task} to the ${text('department')} queue, asked by {actor}`,
        actorId: text('reassignedBy'),
        step,
        task,
      };
    default:
      return { summary: `The workflow accepted the update ${name}` };
  }
}

function describeActivity(activity: { type: string; input: unknown[] }): string {
  if (activity.type === 'callHttp') {
    const call = (activity.input[0] ?? {}) as { method?: unknown; url?: unknown };
    return `The call ${String(call.method)} ${withoutQuery(String(call.url))}`;
  }
  return `The write ${activity.type}`;
}

/** A URL's query may carry a key: the timeline shows where a call went, not what it sent. */
function withoutQuery(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return 'an address';
  }
}

function humanDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return `${Math.round(ms / 1000)} s`;
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}
