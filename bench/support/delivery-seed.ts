import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { type MailNotification, type RenderedMail, renderMail } from '../../channels/mail-text';
import { messageIdFor, type OutgoingMail } from '../../channels/smtp';
import type { Locale } from '../../db/entities/user';
import { BOOTSTRAP_ADMIN, createUser } from '../../engine/users';

/** Where the links in the mail point; the same for the dispatcher and the baseline. */
export const PUBLIC_URL = 'https://baton.example.com';
export const MAIL_FROM = 'Baton <baton@delivery-bench.example>';

const DEPARTMENT = 'procurement';
const DEFINITION_KEY = 'bench-delivery';
const TASK_TITLE = 'Review the supplier contract';
const ACTOR = 'Dana Lead';

export interface BenchPerson {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly locale: Locale;
  readonly timeZone: string;
}

/** What the outbox rows refer to: one running instance, its task, and the people it is assigned to. */
export interface DeliverySeed {
  readonly instanceId: string;
  readonly taskId: string;
  readonly people: readonly BenchPerson[];
}

/** One `assigned` notification for one person, as the engine writes it to the outbox. */
export interface OutboxRow {
  readonly id: string;
  readonly instanceId: string;
  readonly taskId: string;
  readonly kind: 'assigned';
  readonly recipient: string;
  readonly subject: string;
  readonly message: string;
  readonly facts: { readonly taskTitle: string; readonly dueAt: string; readonly actor: string };
  readonly person: BenchPerson;
}

/** A department, a deployed definition, a running instance with an open task, and `count` people with addresses. */
export async function seedDelivery(db: DataSource, count: number): Promise<DeliverySeed> {
  await db.query('INSERT INTO departments (id, name) VALUES ($1, $2)', [DEPARTMENT, 'Procurement']);
  await db.query(
    `INSERT INTO definitions (key, version, checksum, title, owner, source, plan)
     VALUES ($1, 1, 'bench', 'Supplier onboarding', $2, 'process: bench-delivery', '{}'::jsonb)`,
    [DEFINITION_KEY, DEPARTMENT],
  );
  const instanceId = randomUUID();
  await db.query(
    `INSERT INTO instances (id, definition_key, definition_version, status, input, started_at)
     VALUES ($1, $2, 1, 'running', '{}'::jsonb, now())`,
    [instanceId, DEFINITION_KEY],
  );
  const taskId = `${instanceId}.review`;
  await db.query(
    `INSERT INTO tasks (id, instance_id, step_id, title, department, status, due_at, opened_at)
     VALUES ($1, $2, 'review', $3, $4, 'open', now() + interval '3 days', now())`,
    [taskId, instanceId, TASK_TITLE, DEPARTMENT],
  );
  const people: BenchPerson[] = [];
  for (let index = 0; index < count; index++) {
    // Half in French in Paris, half in English in New York: both renderings are exercised.
    const french = index % 2 === 0;
    const fields = {
      name: `Person ${index}`,
      email: `person${index}@delivery-bench.example`,
      locale: (french ? 'fr' : 'en') as Locale,
      timeZone: french ? 'Europe/Paris' : 'America/New_York',
    };
    const { user } = await createUser(db, { ...fields, role: 'staff', department: DEPARTMENT }, BOOTSTRAP_ADMIN);
    people.push({ id: user.id, ...fields });
  }
  return { instanceId, taskId, people };
}

/** The `index`-th notification of a round; `tag` keeps ids apart between sides and rounds. */
export function outboxRow(seed: DeliverySeed, tag: string, index: number): OutboxRow {
  const person = seed.people[index % seed.people.length];
  if (!person) throw new Error('seedDelivery made nobody to notify');
  return {
    id: `${seed.taskId}:assigned:${tag}.${index}`,
    instanceId: seed.instanceId,
    taskId: seed.taskId,
    kind: 'assigned',
    recipient: `user:${person.id}`,
    subject: `Assigned: ${TASK_TITLE}`,
    message: `${TASK_TITLE} is assigned to you by ${ACTOR}.`,
    facts: { taskTitle: TASK_TITLE, dueAt: '2026-12-18T16:00:00.000Z', actor: ACTOR },
    person,
  };
}

/** The outbox insert the engine makes (one statement, one commit: the trigger wakes the dispatchers). */
export const INSERT_OUTBOX_SQL = `INSERT INTO notifications
  (id, instance_id, task_id, kind, recipient, subject, message, facts, created_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())`;

export function insertParameters(row: OutboxRow): unknown[] {
  return [row.id, row.instanceId, row.taskId, row.kind, row.recipient, row.subject, row.message, row.facts];
}

/**
 * The mail the dispatcher sends for `row` (channels/dispatcher.ts `send`): the same rendering,
 * Message-ID and headers, built from what the sender already knows instead of read back.
 */
export function directMail(row: OutboxRow): OutgoingMail {
  const notification: MailNotification = {
    id: row.id,
    kind: row.kind,
    subject: row.subject,
    message: row.message,
    facts: row.facts,
    instanceId: row.instanceId,
    taskId: row.taskId,
    createdAt: new Date(),
  };
  const { person } = row;
  const rendered: RenderedMail = renderMail(
    notification,
    { name: person.name, locale: person.locale, timeZone: person.timeZone },
    PUBLIC_URL,
  );
  return {
    to: person.email,
    ...rendered,
    messageId: messageIdFor(row.id, person.email),
    headers: { 'X-Baton-Instance': row.instanceId, 'X-Baton-Notification': row.id },
  };
}
