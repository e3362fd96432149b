import {
  type ALL_DEPARTMENTS,
  type JsonObject,
  type JsonValue,
  type RequesterFact,
  STEP_KINDS,
  type StepKind,
} from '../plan/types';
import type { EscalationRungFile } from './escalation';
import type { Path } from './path';

/** A process file that passed `language/process.schema.json`: the schema, as a type. */
export interface ProcessFile {
  readonly process: string;
  readonly title: string;
  readonly owner: string;
  readonly description?: string;
  /** A calendar id, or a template choosing one per instance. */
  readonly calendar?: string;
  readonly input: JsonObject;
  readonly data?: JsonObject;
  readonly imports?: readonly string[];
  readonly escalation?: readonly EscalationRungFile[];
  readonly budget?: { readonly amount: number | string; readonly currency: string };
  readonly catalogue?: {
    readonly category: string;
    readonly summary: string;
    readonly audience: 'everyone' | { readonly roles?: readonly string[]; readonly departments?: readonly string[] };
    readonly requestSubject?: string;
    readonly fromRequester?: { readonly [field: string]: RequesterFact };
  };
  readonly intake?: {
    readonly email: string;
    readonly subject: string;
    readonly body?: string;
    readonly defaults?: JsonObject;
  };
  readonly tasks: readonly StepFile[];
}

export type StepFile = TaskFile | ApprovalFile | NotifyFile | WaitFile | MilestoneFile | CallFile | ProcessStepFile;

interface StepFileBase {
  readonly id: string;
  readonly after?: readonly string[];
  readonly when?: string;
  readonly forEach?: string;
  readonly as?: string;
  /** How long the step is expected to take, for dry-run plans: a duration of `CALENDAR_DURATION_FORMS`. */
  readonly effort?: string;
  readonly description?: string;
}

/**
 * A duration or a template (`5 business days`, `{{ item.leadTime }}`), or a mapping anchoring the
 * due to a date. The schema lets through any mix of the mapping's four fields: the checks want
 * `before` with `by`, or `after` with `within`.
 */
export type DueFile =
  | string
  | { readonly before?: string; readonly by?: string; readonly after?: string; readonly within?: string };

export interface TaskFile extends StepFileBase {
  readonly type?: 'task';
  readonly title: string;
  readonly department: string;
  readonly due: DueFile;
  readonly cost?: number | string;
  readonly form?: JsonObject;
  readonly escalation?: readonly EscalationRungFile[];
}

export interface ApprovalFile extends StepFileBase {
  readonly type: 'approval';
  readonly title: string;
  readonly department: string;
  readonly due: DueFile;
  readonly cost?: number | string;
  readonly onReject?: 'cancel' | { readonly reopen: readonly string[]; readonly maxRounds?: number };
  readonly escalation?: readonly EscalationRungFile[];
}

export interface NotifyFile extends StepFileBase {
  readonly type: 'notify';
  readonly to: {
    /** Department ids or templates, or `all`: every department of the registry. */
    readonly departments?: readonly string[] | typeof ALL_DEPARTMENTS;
    readonly roles?: readonly string[];
    readonly addresses?: readonly string[];
  };
  readonly subject?: string;
  readonly text: string;
}

export interface WaitFile extends StepFileBase {
  readonly type: 'wait';
  readonly until?: string;
  readonly for?: string;
}

export interface MilestoneFile extends StepFileBase {
  readonly type: 'milestone';
  readonly title?: string;
}

export interface CallFile extends StepFileBase {
  readonly type: 'call';
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly headers?: { readonly [name: string]: string };
  readonly body?: JsonValue;
  readonly timeout?: string;
  readonly retry?: { readonly maxAttempts?: number; readonly initialInterval?: string; readonly backoff?: number };
}

export interface ProcessStepFile extends StepFileBase {
  readonly type: 'process';
  readonly process: string;
  readonly input?: JsonObject;
}

/**
 * What the semantic checks read, whatever schema errors the file has: a field is kept only when it
 * has the right type, so one misplaced value does not hide the other errors of the file.
 */
export interface ProcessDraft {
  readonly owner?: string;
  readonly calendar?: string;
  readonly input?: JsonObject;
  readonly data?: JsonObject;
  readonly imports: readonly ImportEntry[];
  readonly escalation?: JsonValue;
  /** `budget.amount` when it is an expression. */
  readonly budgetExpression?: string;
  /** As written: the schema checks their shapes, `checkCatalogue` what they name. */
  readonly catalogue?: JsonValue;
  readonly intake?: JsonValue;
  readonly steps: readonly StepDraft[];
}

export interface ImportEntry {
  readonly name: string;
  readonly path: Path;
}

export interface StepDraft {
  readonly path: Path;
  readonly id?: string;
  /** The step's kind: `task` when `type` is left out, undefined when it names no kind. */
  readonly kind?: StepKind;
  readonly after: readonly AfterEntry[];
  /** The step as written: checks read its fields through `textField` and `objectField`. */
  readonly fields: JsonObject;
}

export interface AfterEntry {
  readonly target: string;
  readonly path: Path;
}

export function readDraft(value: JsonValue): ProcessDraft {
  if (!isJsonObject(value)) return { imports: [], steps: [] };
  const steps = Array.isArray(value.tasks) ? value.tasks : [];
  const imports = Array.isArray(value.imports) ? value.imports : [];
  return {
    owner: text(value.owner),
    calendar: text(value.calendar),
    input: isJsonObject(value.input) ? value.input : undefined,
    data: isJsonObject(value.data) ? value.data : undefined,
    imports: imports.flatMap((name, index) => (typeof name === 'string' ? [{ name, path: ['imports', index] }] : [])),
    escalation: value.escalation,
    budgetExpression: isJsonObject(value.budget) ? text(value.budget.amount) : undefined,
    catalogue: value.catalogue,
    intake: value.intake,
    steps: steps.flatMap((step, index) => (isJsonObject(step) ? [readStep(step, ['tasks', index])] : [])),
  };
}

function readStep(step: JsonObject, path: Path): StepDraft {
  const after = Array.isArray(step.after) ? step.after : [];
  const type = step.type ?? 'task';
  return {
    path,
    id: text(step.id),
    kind: STEP_KINDS.find((kind) => kind === type),
    after: after.flatMap((target, index) =>
      typeof target === 'string' ? [{ target, path: [...path, 'after', index] }] : [],
    ),
    fields: step,
  };
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The field when it is text, else undefined (the language schema reports it). */
export function text(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The field when it is a mapping, else undefined. */
export function objectField(value: JsonValue | undefined): JsonObject | undefined {
  return isJsonObject(value) ? value : undefined;
}

/** The text entries of a list field, with their paths. */
export function textItems(value: JsonValue | undefined, path: Path): { readonly text: string; readonly path: Path }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, index) => (typeof item === 'string' ? [{ text: item, path: [...path, index] }] : []));
}
