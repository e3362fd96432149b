/**
 * The API's JSON shapes the web app reads, as its contract states them: `api-contract.ts` is
 * generated from `/openapi.json` (`npm run api-types`), so a change of the API that the pages do
 * not follow fails `npm run typecheck`. Instants are ISO-8601 strings.
 */
import type { components, operations } from './api-contract';

export type Schemas = components['schemas'];

/** The JSON an operation answers with when it succeeds (200 or 201), by its `operationId`. */
export type AnswerOf<Id extends keyof operations> = operations[Id]['responses'] extends {
  readonly [status in 200 | 201]?: { content: { 'application/json': infer Answer } };
}
  ? Answer
  : never;

export type User = Schemas['User'];
export type Role = User['role'];
export type Locale = User['locale'];

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

/** A JSON Schema as the API sends it (a start form, a task's form). */
export type JsonSchema = Record<string, unknown>;

export type CatalogueItem = Schemas['CatalogueItem'];
export type RequestSummary = Schemas['RequestSummary'];
export type InstanceStatus = RequestSummary['status'];
export type TimelineEntry = Schemas['RequestTimelineEntry'];
export type RequestDetails = Schemas['Request'];
export type Task = Schemas['Task'];
export type TaskStatus = Task['status'];
export type Comment = Schemas['Comment'];
export type Department = Schemas['Department'];
/** One of a department's active people (`GET /departments/:id/members`). */
export type Member = Schemas['DepartmentMember'];
/** A deployed version of a process (`GET /definitions`). */
export type DefinitionSummary = Schemas['DefinitionSummary'];
/** `GET /definitions/:key`: the latest version, its YAML and compiled plan, and every version. */
export type DefinitionDetails = Schemas['Definition'];

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
