import { type Static, Type } from '@sinclair/typebox';
import { AUDIT_ACTION_NAMES, AUDIT_ACTIONS, type AuditSubjectType } from '../../db/audit';
import { INSTANCE_STATUSES } from '../../plan/instance-view';
import { NOTIFICATION_KINDS } from '../../plan/recipient';
import { Comment, DateTime, Delivery, JsonObject, Notification, Nullable, OneOf, Page, Webhook } from './schemas';

/**
 * The requesters' side and what surrounds every instance: the catalogue and requests, comments,
 * attachments, the outbox and its webhooks, the audit trail and an instance's timeline (the
 * entities they share with other areas, `Comment`, `Notification`, `Delivery` and `Webhook`, are
 * in schemas.ts).
 */

/** Someone a line names, by the name they had then. */
const NamedPerson = Type.Object({ id: Type.String(), name: Type.String() });

export const CatalogueItem = Type.Object(
  {
    key: Type.String(),
    version: Type.Integer(),
    title: Type.String(),
    description: Nullable(Type.String()),
    category: Type.String(),
    summary: Type.String(),
    form: Type.Record(Type.String(), Type.Unknown(), {
      description:
        'the JSON Schema of what a request sends as `input` (the fields Baton fills from the requester left out)',
    }),
    email: Nullable(Type.String({ description: 'where it may also be requested by mail' })),
  },
  { $id: 'CatalogueItem', description: 'A process the caller may request, at its latest version.' },
);
export const CataloguePage = Page(CatalogueItem, 'CataloguePage');

export const RequestBody = Type.Object(
  { input: Type.Record(Type.String(), Type.Unknown(), { description: "the catalogue item's form, filled" }) },
  { additionalProperties: false },
);

const RequestSummaryFields = {
  id: Type.String(),
  key: Type.String({ description: "the process's key" }),
  title: Type.String({ description: "the process's title" }),
  subject: Type.String({ description: 'what this request is about; the title when the process declares no subject' }),
  status: OneOf(INSTANCE_STATUSES),
  startedAt: DateTime,
  completedAt: Nullable(DateTime),
};

export const RequestSummary = Type.Object(RequestSummaryFields, { $id: 'RequestSummary' });
export const RequestPage = Page(RequestSummary, 'RequestPage');

/** What a line of a request's story tells, in the order a request lives it. */
export const REQUEST_EVENTS = ['opened', 'waiting-on', 'taken', 'done', 'comment', 'closed'] as const;

const RequestTimelineEntry = Type.Object(
  {
    at: DateTime,
    event: OneOf(REQUEST_EVENTS),
    text: Type.String({ description: 'the line in English' }),
    actor: Nullable(NamedPerson),
    step: Nullable(Type.Object({ id: Type.String(), title: Type.String() })),
    department: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
    body: Nullable(Type.String({ description: 'what a comment says' })),
  },
  {
    $id: 'RequestTimelineEntry',
    description: 'One line of a request as its requester reads it: `text`, and the same facts structured.',
  },
);

export const Request = Type.Object(
  {
    ...RequestSummaryFields,
    expectedAt: Nullable(
      Type.String({ format: 'date-time', description: 'when it should be done, from its live plan; null once ended' }),
    ),
    waitingOn: Type.Array(Type.Object({ title: Type.String(), department: Type.String(), dueAt: DateTime }), {
      description: 'the open tasks it waits on now',
    }),
    timeline: Type.Array(RequestTimelineEntry),
  },
  { $id: 'Request' },
);
export type RequestJson = Static<typeof Request>;

export const Attachment = Type.Object(
  {
    id: Type.String(),
    instanceId: Type.String(),
    commentId: Nullable(
      Type.String({ description: 'the comment a reply became; null: it came with the mail that opened the request' }),
    ),
    fileName: Type.String(),
    contentType: Type.String({ description: "as the sender's mail client named it" }),
    size: Type.Integer({ minimum: 0, description: 'bytes' }),
    createdAt: DateTime,
  },
  { $id: 'Attachment', description: 'A file a mail brought to an instance, without its bytes.' },
);
export type AttachmentJson = Static<typeof Attachment>;
export const AttachmentPage = Page(Attachment, 'AttachmentPage');

export const CommentPage = Page(Comment, 'CommentPage');

/** A comment's text is bounded: it is stored, shown and mailed to every participant. */
export const MAXIMUM_COMMENT_LENGTH = 10_000;

export const CommentBody = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: MAXIMUM_COMMENT_LENGTH, pattern: '\\S' }) },
  { additionalProperties: false },
);

export const NotificationWithDeliveries = Type.Object(
  { ...Notification.properties, deliveries: Type.Array(Delivery) },
  { $id: 'NotificationWithDeliveries', description: 'A notification of the outbox and each channel it went by.' },
);
export type NotificationWithDeliveriesJson = Static<typeof NotificationWithDeliveries>;
export const NotificationPage = Page(NotificationWithDeliveries, 'NotificationPage');

export const WebhookBody = Type.Object(
  {
    url: Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000 }),
    events: Type.Array(OneOf(['*', ...NOTIFICATION_KINDS] as const), {
      minItems: 1,
      maxItems: NOTIFICATION_KINDS.length + 1,
      description: 'the notification kinds it receives; `*` for every kind',
    }),
    secret: Type.Optional(
      Type.String({
        maxLength: 200,
        description: '`whsec_` and the base64 of 24 to 64 random bytes; omit it to get one',
      }),
    ),
  },
  { additionalProperties: false },
);

export const CreatedWebhook = Type.Object(
  {
    ...Webhook.properties,
    secret: Type.String({ description: 'the key deliveries are signed with (Standard Webhooks); shown this once' }),
  },
  { description: 'The webhook made, with its secret.' },
);

export const WebhookPage = Page(Webhook, 'WebhookPage');

const AUDIT_SUBJECT_TYPES: readonly AuditSubjectType[] = [...new Set(Object.values(AUDIT_ACTIONS))];

export const AuditEntry = Type.Object(
  {
    id: Type.String(),
    at: DateTime,
    actor: Type.Object(
      { id: Type.String(), name: Type.String(), role: Type.String() },
      { description: 'a user, the bootstrap admin (`admin`) or Baton itself (`startup`, role `system`)' },
    ),
    action: OneOf(AUDIT_ACTION_NAMES),
    subject: Type.Object({ type: OneOf(AUDIT_SUBJECT_TYPES), id: Type.String() }),
    instanceId: Nullable(Type.String()),
    taskId: Nullable(Type.String()),
    before: Type.Unknown({ description: 'what the changed fields were; null where the change has no before' }),
    after: Type.Unknown({ description: 'what they became; null where the change has no after' }),
    requestId: Nullable(Type.String({ description: 'the `X-Request-Id` of the API call that made the change' })),
  },
  { $id: 'AuditEntry' },
);
export type AuditEntryJson = Static<typeof AuditEntry>;
export const AuditPage = Page(AuditEntry, 'AuditPage');

export const TIMELINE_SOURCES = ['baton', 'workflow'] as const;

const InstanceTimelineEntry = Type.Object(
  {
    at: DateTime,
    source: OneOf(TIMELINE_SOURCES, {
      description: "`baton`: its records (audit, tasks, notifications); `workflow`: the workflow's Temporal history",
    }),
    kind: Type.String({
      description: 'an audit action (`task.claimed`) or what happened (`task-opened`, `timer-fired`)',
    }),
    actor: Type.Optional(Type.Object({ id: Type.String(), name: Type.String(), role: Type.Optional(Type.String()) })),
    step: Type.Optional(Type.String()),
    task: Type.Optional(Type.String()),
    summary: Type.String({ description: 'one English sentence' }),
    details: JsonObject,
  },
  { $id: 'InstanceTimelineEntry' },
);

export const InstanceTimeline = Type.Object(
  {
    instanceId: Type.String(),
    items: Type.Array(InstanceTimelineEntry),
    truncated: Type.Boolean({
      description: "entries were left out: past `limit`, or past the part of the workflow's history read",
    }),
  },
  { $id: 'InstanceTimeline' },
);
