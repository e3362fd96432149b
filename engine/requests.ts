import type { DataSource } from 'typeorm';
import type { InstanceRow } from '../db/entities/instance';
import { User, type UserRow } from '../db/entities/user';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { evaluateAll } from '../plan/evaluate';
import { storable } from '../plan/storable-text';
import { expressionsIn, renderText } from '../plan/template';
import type { CatalogueEntry, CompiledProcess, JsonObject, JsonSchema, MailIntake } from '../plan/types';
import { upgradePlan } from '../plan/upgrade';
import type { Actor, EngineContext } from './context';
import { findDefinition } from './definitions';
import { isUuid } from './ids';
import { findInstanceRow, type StartedInstance, startInstance } from './instances';
import { decodeCursor, type Page, pageFromRows } from './pagination';
import { planRunningInstance } from './plans';
import { actorNameSql } from './task-records';

/** How many of the latest comments a request's timeline shows. */
const TIMELINE_COMMENTS = 50;

/** A process the caller may request, with the form they fill (what Baton knows of them left out). */
export interface CatalogueItem {
  readonly key: string;
  readonly version: number;
  readonly title: string;
  readonly description: string | null;
  readonly category: string;
  readonly summary: string;
  readonly form: JsonSchema;
  /** Where it may also be requested by mail. */
  readonly email: string | null;
}

/** The latest version of every process in the catalogue whose audience includes the caller, by category and title. */
export async function listCatalogue(db: DataSource, actor: Actor): Promise<CatalogueItem[]> {
  const items = (await latestCatalogue(db))
    .filter(({ plan }) => plan.catalogue !== undefined && isInAudience(plan.catalogue, actor))
    .map(({ version, plan }) => catalogueItem(version, plan));
  return items.sort((a, b) => a.category.localeCompare(b.category) || a.title.localeCompare(b.title));
}

/**
 * One entry of the caller's catalogue, as `listCatalogue` shows it. A key that is unknown, out of
 * the catalogue or not offered to the caller is the same 404: a requester cannot probe what exists.
 */
export async function getCatalogueItem(db: DataSource, key: string, actor: Actor): Promise<CatalogueItem> {
  const [entry] = await latestCatalogue(db, key);
  if (!entry?.plan.catalogue || !isInAudience(entry.plan.catalogue, actor)) {
    throw new NotFoundError(`"${key}" is not in your catalogue; see GET /catalogue for what you may request`);
  }
  return catalogueItem(entry.version, entry.plan);
}

/** Every process of the catalogue at its latest version (or only `key`'s), and its intake address if it has one. */
export async function latestCatalogue(
  db: DataSource,
  key?: string,
): Promise<{ readonly key: string; readonly version: number; readonly plan: CompiledProcess }[]> {
  // Only the latest version counts: a process taken out of the catalogue leaves it.
  const rows: { key: string; version: number; plan: never }[] = await db.query(
    `SELECT d.key, d.version, d.plan FROM definitions d
      WHERE d.version = (SELECT max(version) FROM definitions latest WHERE latest.key = d.key)
        AND d.plan ? 'catalogue' ${key === undefined ? '' : 'AND d.key = $1'}
      ORDER BY d.key`,
    key === undefined ? [] : [key],
  );
  return rows.map((row) => ({ key: row.key, version: row.version, plan: upgradePlan(row.plan) }));
}

export interface RequestOptions {
  readonly idempotencyKey?: string;
  /** How the request came: through the API (the default) or by mail (the intake). */
  readonly via?: 'catalogue' | 'mail';
}

/**
 * Starts a process of the catalogue for the caller, who becomes its requester: the fields the
 * catalogue fills from the requester are theirs, whatever the caller sent.
 */
export async function requestFromCatalogue(
  context: EngineContext,
  key: string,
  input: JsonObject,
  actor: Actor,
  options: RequestOptions = {},
): Promise<StartedInstance> {
  const definition = await findDefinition(context.db, key);
  const plan = upgradePlan(definition.plan);
  if (!plan.catalogue) throw new NotFoundError(`"${key}" is not in the catalogue; see GET /catalogue`);
  if (!isInAudience(plan.catalogue, actor)) {
    throw new ForbiddenError(`"${key}" is not offered to you; see GET /catalogue for what you may request`);
  }
  const requester = isUuid(actor.id) ? await context.db.getRepository(User).findOneBy({ id: actor.id }) : null;
  if (!requester) throw new ConflictError('the bootstrap admin cannot request anything; use a user of your own');
  const filled: JsonObject = { ...input };
  for (const [field, fact] of Object.entries(plan.catalogue.fromRequester)) {
    const value = requester[fact];
    if (value === null) {
      throw new ValidationError(`"${key}" needs your ${fact}, which Baton does not know`, [
        {
          field: `/${field}`,
          message:
            fact === 'email'
              ? `is your email: set it with PATCH /users/me`
              : `is your ${fact}: ask an admin to set it (PATCH /users/${requester.id})`,
        },
      ]);
    }
    filled[field] = value;
  }
  return startInstance(
    context,
    {
      key,
      version: definition.version,
      input: filled,
      idempotencyKey: options.idempotencyKey,
      via: options.via ?? 'catalogue',
      requester: {
        id: requester.id,
        name: requester.name,
        email: requester.email,
        department: requester.department,
      },
      requestTitle: plan.title,
      requestSubject: (instanceId) => renderSubject(plan, definition.version, filled, instanceId, requester),
    },
    actor,
  );
}

/** The longest subject kept: a line in a list, not a document. */
const MAXIMUM_SUBJECT_LENGTH = 200;

/**
 * A request's subject from its process's `catalogue.requestSubject` and its input; null when the
 * process declares none, or when it renders to nothing or fails on this input (the title serves).
 */
function renderSubject(
  plan: CompiledProcess,
  version: number,
  input: JsonObject,
  instanceId: string,
  requester: Pick<UserRow, 'id' | 'name' | 'email' | 'department'>,
): string | null {
  const subject = plan.catalogue?.requestSubject;
  if (!subject) return null;
  const context = {
    input,
    data: plan.data,
    steps: {},
    process: { key: plan.key, version, title: plan.title },
    instance: {
      id: instanceId,
      startedAt: new Date().toISOString(),
      requester: { id: requester.id, name: requester.name, email: requester.email, department: requester.department },
    },
  };
  try {
    const text = storable(renderText(subject, evaluateAll(expressionsIn(subject), context)).trim());
    return text === '' ? null : text.slice(0, MAXIMUM_SUBJECT_LENGTH);
  } catch {
    return null;
  }
}

/** The catalogue process a mail to `address` requests, if any. */
export async function processForIntakeAddress(
  db: DataSource,
  address: string,
): Promise<{ readonly key: string; readonly intake: MailIntake } | null> {
  const wanted = address.toLowerCase();
  const found = (await latestCatalogue(db)).find(({ plan }) => plan.intake?.email === wanted);
  return found?.plan.intake ? { key: found.key, intake: found.plan.intake } : null;
}

export interface RequestFilter {
  readonly limit: number;
  readonly cursor?: string;
}

/** The caller's requests, newest first. */
export async function listRequests(db: DataSource, actor: Actor, filter: RequestFilter): Promise<Page<RequestSummary>> {
  // The bootstrap admin has no row, so it requested nothing.
  if (!isUuid(actor.id)) return { items: [], nextCursor: null };
  const parameters: unknown[] = [actor.id];
  let after = '';
  if (filter.cursor !== undefined) {
    const cursor = decodeCursor(filter.cursor, isUuid);
    parameters.push(cursor.sort, cursor.id);
    after = 'AND (i.started_at, i.id) < ($2, $3)';
  }
  parameters.push(filter.limit + 1);
  const rows: RequestRecord[] = await db.query(
    `SELECT i.id, i.definition_key AS key, d.title, i.subject, i.status, i.started_at, i.completed_at
       FROM instances i JOIN definitions d ON d.key = i.definition_key AND d.version = i.definition_version
      WHERE i.requester_id = $1 ${after}
      ORDER BY i.started_at DESC, i.id DESC LIMIT $${parameters.length}`,
    parameters,
  );
  return pageFromRows(rows.map(requestSummary), filter.limit, (row) => new Date(row.startedAt));
}

export interface RequestSummary {
  readonly id: string;
  readonly key: string;
  /** The process's title. */
  readonly title: string;
  /** What this request is about (`catalogue.requestSubject`); the title when the process declares none. */
  readonly subject: string;
  readonly status: InstanceRow['status'];
  readonly startedAt: string;
  readonly completedAt: string | null;
}

/** A person named by a timeline entry. */
export interface TimelinePerson {
  readonly id: string;
  readonly name: string;
}

/**
 * One line of a request's story, as its requester reads it: `text` in English, and the same facts
 * structured, for a client that writes the line in its own language.
 */
export interface TimelineEntry {
  readonly at: string;
  readonly event: 'opened' | 'waiting-on' | 'taken' | 'done' | 'comment' | 'closed';
  readonly text: string;
  /** Who asked (opened), took the step, did it, or commented; null for the others. */
  readonly actor: TimelinePerson | null;
  /** The step a waiting-on, taken or done entry is about, with the title rendered for its task. */
  readonly step: { readonly id: string; readonly title: string } | null;
  /** The department a waiting-on entry waits on. */
  readonly department: { readonly id: string; readonly name: string } | null;
  /** What a comment says. */
  readonly body: string | null;
}

export interface RequestDetails extends RequestSummary {
  /** When it is expected to be done, from its live plan; null once it ended (or if it cannot be planned). */
  readonly expectedAt: string | null;
  /** What it waits on now. */
  readonly waitingOn: readonly { readonly title: string; readonly department: string; readonly dueAt: string }[];
  readonly timeline: readonly TimelineEntry[];
}

/** A request as its requester (or whoever may read its instance) sees it: where it stands, when it should be done. */
export async function getRequest(context: EngineContext, id: string, actor: Actor): Promise<RequestDetails> {
  const row = await findInstanceRow(context, id);
  if (actor.role === 'requester' && row.requesterId !== actor.id) {
    throw new NotFoundError(`you have no request ${id}; see GET /requests`);
  }
  if (row.requesterId === null) throw new NotFoundError(`instance ${id} was not requested through the catalogue`);
  const [record]: RequestRecord[] = await context.db.query(
    `SELECT i.id, i.definition_key AS key, d.title, i.subject, i.status, i.started_at, i.completed_at
       FROM instances i JOIN definitions d ON d.key = i.definition_key AND d.version = i.definition_version
      WHERE i.id = $1`,
    [id],
  );
  if (!record) throw new NotFoundError(`no request has the id ${id}`);
  const tasks: TaskRecord[] = await context.db.query(
    `SELECT t.step_id, t.title, t.status, t.opened_at, t.completed_at, t.due_at, t.department AS department_id,
            coalesce(dep.name, t.department) AS department,
            t.assignee_id, (SELECT name FROM users WHERE users.id = t.assignee_id) AS assignee, t.claimed_at,
            t.completed_by AS completed_by_id, ${actorNameSql('t.completed_by')} AS completed_by
       FROM tasks t LEFT JOIN departments dep ON dep.id = t.department
      WHERE t.instance_id = $1 OR t.parent_instance_id = $1
      ORDER BY t.opened_at, t.id`,
    [id],
  );
  // The latest comments only (the list is GET /requests/:id/comments); a requester's exclude the staff's on tasks.
  const comments: CommentRecord[] = await context.db.query(
    `SELECT author_id, author_name, body, created_at FROM comments WHERE instance_id = $1 AND (task_id IS NULL OR $2)
      ORDER BY created_at DESC, id DESC LIMIT ${TIMELINE_COMMENTS}`,
    [id, actor.role !== 'requester'],
  );
  const summary = requestSummary(record);
  const requester: TimelinePerson | null = await context.db
    .getRepository(User)
    .findOne({ select: { id: true, name: true }, where: { id: row.requesterId } });
  return {
    ...summary,
    expectedAt: summary.status === 'running' ? await expectedDate(context, id) : null,
    waitingOn: tasks
      .filter((task) => task.status === 'open')
      .map((task) => ({ title: task.title, department: task.department, dueAt: task.due_at.toISOString() })),
    timeline: timelineOf(summary, requester, tasks, comments.reverse()),
  };
}

/** When a running instance is expected to be done, from its live plan; null when it cannot be planned now. */
export async function expectedDate(context: EngineContext, id: string): Promise<string | null> {
  try {
    return (await planRunningInstance(context, id)).expectedFinish;
  } catch {
    // A plan refused (too heavy) or Temporal away: the request reads without its date.
    return null;
  }
}

function timelineOf(
  request: RequestSummary,
  requester: TimelinePerson | null,
  tasks: readonly TaskRecord[],
  comments: readonly CommentRecord[],
): TimelineEntry[] {
  const entry = (
    at: string,
    event: TimelineEntry['event'],
    text: string,
    facts: Partial<Pick<TimelineEntry, 'actor' | 'step' | 'department' | 'body'>> = {},
  ): TimelineEntry => ({ at, event, text, actor: null, step: null, department: null, body: null, ...facts });
  const entries = [
    entry(request.startedAt, 'opened', `You asked: ${request.subject}`, {
      actor: requester && { id: requester.id, name: requester.name },
    }),
  ];
  for (const task of tasks) {
    const step = { id: task.step_id, title: task.title };
    entries.push(
      entry(task.opened_at.toISOString(), 'waiting-on', `Waiting on ${task.department}: ${task.title}`, {
        step,
        department: { id: task.department_id, name: task.department },
      }),
    );
    if (task.assignee_id !== null && task.assignee !== null && task.claimed_at !== null && task.status === 'open') {
      entries.push(
        entry(task.claimed_at.toISOString(), 'taken', `Taken by ${task.assignee}`, {
          actor: { id: task.assignee_id, name: task.assignee },
          step,
        }),
      );
    }
    if (task.status === 'done' && task.completed_at) {
      entries.push(
        entry(
          task.completed_at.toISOString(),
          'done',
          `Done${task.completed_by ? ` by ${task.completed_by}` : ''}: ${task.title}`,
          {
            actor:
              task.completed_by_id !== null && task.completed_by !== null
                ? { id: task.completed_by_id, name: task.completed_by }
                : null,
            step,
          },
        ),
      );
    }
  }
  for (const comment of comments) {
    entries.push(
      entry(comment.created_at.toISOString(), 'comment', `${comment.author_name}: ${comment.body}`, {
        actor: { id: comment.author_id, name: comment.author_name },
        body: comment.body,
      }),
    );
  }
  if (request.completedAt !== null) {
    entries.push(
      entry(request.completedAt, 'closed', request.status === 'completed' ? 'Resolved' : `Closed: ${request.status}`),
    );
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}

interface RequestRecord {
  id: string;
  key: string;
  title: string;
  subject: string | null;
  status: InstanceRow['status'];
  started_at: Date;
  completed_at: Date | null;
}

interface TaskRecord {
  step_id: string;
  title: string;
  status: string;
  opened_at: Date;
  completed_at: Date | null;
  due_at: Date;
  department_id: string;
  /** The department's name (its id when it has no row). */
  department: string;
  assignee_id: string | null;
  assignee: string | null;
  claimed_at: Date | null;
  completed_by_id: string | null;
  /** The name of who completed it. */
  completed_by: string | null;
}

interface CommentRecord {
  author_id: string;
  author_name: string;
  body: string;
  created_at: Date;
}

function requestSummary(record: RequestRecord): RequestSummary {
  return {
    id: record.id,
    key: record.key,
    title: record.title,
    subject: record.subject ?? record.title,
    status: record.status,
    startedAt: record.started_at.toISOString(),
    completedAt: record.completed_at?.toISOString() ?? null,
  };
}

function isInAudience(catalogue: CatalogueEntry, actor: Actor): boolean {
  if (catalogue.audience === 'everyone' || actor.role === 'admin') return true;
  const { roles, departments } = catalogue.audience;
  return roles.includes(actor.role) || (actor.department !== null && departments.includes(actor.department));
}

function catalogueItem(version: number, plan: CompiledProcess): CatalogueItem {
  const catalogue = plan.catalogue as CatalogueEntry;
  const filled = new Set(Object.keys(catalogue.fromRequester));
  return {
    key: plan.key,
    version,
    title: plan.title,
    description: plan.description,
    category: catalogue.category,
    summary: catalogue.summary,
    form: withoutFields(plan.input, filled),
    email: plan.intake?.email ?? null,
  };
}

/** The start form as a requester fills it: what Baton fills from who they are is not asked. */
function withoutFields(form: JsonSchema, filled: ReadonlySet<string>): JsonSchema {
  if (filled.size === 0) return form;
  const properties =
    typeof form.properties === 'object' && form.properties !== null && !Array.isArray(form.properties)
      ? Object.fromEntries(Object.entries(form.properties).filter(([name]) => !filled.has(name)))
      : form.properties;
  const required = Array.isArray(form.required)
    ? form.required.filter((name) => !filled.has(String(name)))
    : form.required;
  return {
    ...form,
    ...(properties === undefined ? {} : { properties }),
    ...(required === undefined ? {} : { required }),
  };
}
