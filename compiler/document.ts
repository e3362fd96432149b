import type { JsonObject, JsonValue } from '../plan/types';
import type { Path } from './path';

/** A process file that passed `language/process.schema.json`: the schema, as a type. */
export interface ProcessFile {
  readonly process: string;
  readonly title: string;
  readonly owner: string;
  readonly description?: string;
  readonly input: JsonObject;
  readonly tasks: readonly TaskFile[];
}

export interface TaskFile {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly department: string;
  readonly after?: readonly string[];
  readonly due: string;
  readonly cost?: number;
  readonly form?: JsonObject;
}

/**
 * What the semantic checks read, whatever schema errors the file has: a field is kept only when it
 * has the right type, so one misplaced value does not hide the other errors of the file.
 */
export interface ProcessDraft {
  readonly owner?: string;
  readonly input?: JsonObject;
  readonly tasks: readonly TaskDraft[];
}

export interface TaskDraft {
  readonly path: Path;
  readonly id?: string;
  readonly title?: string;
  readonly description?: string;
  readonly department?: string;
  readonly due?: string;
  readonly form?: JsonObject;
  readonly after: readonly AfterEntry[];
}

export interface AfterEntry {
  readonly target: string;
  readonly path: Path;
}

export function readDraft(value: JsonValue): ProcessDraft {
  if (!isJsonObject(value)) return { tasks: [] };
  const tasks = Array.isArray(value.tasks) ? value.tasks : [];
  return {
    owner: text(value.owner),
    input: isJsonObject(value.input) ? value.input : undefined,
    tasks: tasks.flatMap((task, index) => (isJsonObject(task) ? [readTask(task, ['tasks', index])] : [])),
  };
}

function readTask(task: JsonObject, path: Path): TaskDraft {
  const after = Array.isArray(task.after) ? task.after : [];
  return {
    path,
    id: text(task.id),
    title: text(task.title),
    description: text(task.description),
    department: text(task.department),
    due: text(task.due),
    form: isJsonObject(task.form) ? task.form : undefined,
    after: after.flatMap((target, index) =>
      typeof target === 'string' ? [{ target, path: [...path, 'after', index] }] : [],
    ),
  };
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
