/** The API's JSON shapes the web app reads (README, "API"); instants are ISO-8601 strings. */

export type Role = 'admin' | 'owner' | 'manager' | 'staff' | 'requester';
export type Locale = 'en' | 'fr';

export interface User {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly department: string | null;
  readonly email: string | null;
  readonly timeZone: string;
  readonly locale: Locale;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

/** A JSON Schema as the API sends it (a start form, a task's form). */
export type JsonSchema = Record<string, unknown>;

export interface CatalogueItem {
  readonly key: string;
  readonly version: number;
  readonly title: string;
  readonly description: string | null;
  readonly category: string | null;
  readonly summary: string | null;
  readonly form: JsonSchema;
  readonly email: string | null;
}

export type InstanceStatus = string;

export interface RequestSummary {
  readonly id: string;
  readonly key: string;
  /** The process's title. */
  readonly title: string;
  /** What this request is about; the process's title when the process names no subject. */
  readonly subject: string;
  readonly status: InstanceStatus;
  readonly startedAt: string;
  readonly completedAt: string | null;
}

export interface TimelineEntry {
  readonly at: string;
  readonly event: 'opened' | 'waiting-on' | 'taken' | 'done' | 'comment' | 'closed' | string;
  /** The entry in English; the fields below give the page the same facts to write in its own language. */
  readonly text: string;
  readonly actor: { readonly id: string; readonly name: string } | null;
  readonly step: { readonly id: string; readonly title: string } | null;
  readonly department: { readonly id: string; readonly name: string } | null;
  readonly body: string | null;
}

export interface RequestDetails extends RequestSummary {
  readonly expectedAt: string | null;
  readonly waitingOn: { readonly title: string; readonly department: string; readonly dueAt: string | null }[];
  readonly timeline: TimelineEntry[];
}

export type TaskStatus = 'pending' | 'open' | 'done' | 'cancelled' | string;

export interface Task {
  readonly id: string;
  readonly instanceId: string;
  readonly stepId: string;
  readonly kind: 'task' | 'approval' | string;
  readonly title: string;
  readonly description: string | null;
  readonly department: string;
  readonly status: TaskStatus;
  readonly dueAt: string;
  readonly overdue: boolean;
  readonly estimatedCost: number | null;
  readonly actualCost: number | null;
  readonly output: Record<string, unknown> | null;
  readonly form: JsonSchema | null;
  readonly openedAt: string;
  readonly completedAt: string | null;
  readonly completedByName: string | null;
  readonly assignee: { readonly id: string; readonly name: string | null } | null;
}

export interface Comment {
  readonly id: string;
  readonly author: { readonly id: string; readonly name: string };
  readonly body: string;
  readonly source: 'api' | 'email' | string;
  readonly createdAt: string;
}

export interface Department {
  readonly id: string;
  readonly name: string;
  readonly email: string | null;
  readonly lead: string | null;
}

/** One of a department's active people (`GET /departments/:id/members`). */
export interface Member {
  readonly id: string;
  readonly name: string;
  readonly email: string | null;
}

/** What `GET /events` sends as `task` whenever a task the caller may see opens, changes hands or closes. */
export interface TaskEvent {
  readonly id: string;
  readonly instanceId: string;
  readonly department: string;
  readonly assigneeId: string | null;
  readonly status: TaskStatus;
}

/** One field the API refused: `field` is a JSON Pointer into the body's form data (`/summary`). */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** A deployed version of a process (`GET /definitions`). */
export interface DefinitionSummary {
  readonly key: string;
  readonly version: number;
  readonly title: string;
  readonly owner: string;
  readonly checksum: string;
  readonly deployedAt: string;
}

/** `GET /definitions/:key`: the latest version, its YAML and compiled plan, and every version. */
export interface DefinitionDetails extends DefinitionSummary {
  readonly source: string;
  readonly plan: { readonly input?: JsonSchema; readonly steps?: readonly unknown[] } & Record<string, unknown>;
  readonly versions: readonly DefinitionSummary[];
}
