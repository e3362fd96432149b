import type { CompiledCalendar } from './calendar';
import type { CalendarDuration } from './calendar-duration';

export type { CalendarDuration, CompiledCalendar };

/**
 * The compiled plan: plain JSON produced by the compiler, stored with each definition
 * version and carried in every workflow's input. Nothing here may be a class, Map or
 * Date: it crosses the workflow boundary.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** A JSON Schema, kept as the process owner wrote it (already checked by the compiler). */
export type JsonSchema = JsonObject;

/** Where a node came from in the YAML, so every runtime message can point back to it. */
export interface SourceLocation {
  readonly line: number;
  readonly column: number;
  /** JSON-pointer-like path in the document, e.g. `/tasks/3/due`. */
  readonly path: string;
}

/** A text with `{{ expression }}` holes, split at compile time. */
export type TemplatePart = { readonly text: string } | { readonly expression: string };
export type Template = readonly TemplatePart[];

/**
 * A JSONata expression, parsed and checked at compile time (its step references exist and come
 * earlier). Evaluated in the workflow against the context described in `plan/context.ts`.
 */
export type Expression = string;

/**
 * JSON whose strings are templates: a string that is exactly one `{{ expression }}` becomes the
 * expression's value (a number stays a number); any other string renders as text. Used for
 * call bodies and sub-process inputs.
 */
export type JsonTemplate = JsonValue;

export const PLAN_FORMAT_VERSION = 2;

export interface CompiledProcess {
  readonly formatVersion: typeof PLAN_FORMAT_VERSION;
  readonly key: string;
  readonly title: string;
  readonly owner: string;
  readonly description: string | null;
  /** JSON Schema of the start form. */
  readonly input: JsonSchema;
  /** Reference tables, the file's own and those it imports, as `data` in expressions. */
  readonly data: JsonObject;
  /** Department ids known at compile time: a department rendered from a template must be one of them. */
  readonly departments: readonly string[];
  /**
   * The calendar dates are counted in: a calendar id, or a template choosing one per instance
   * (`{{ $lookup(data.calendarOf, input.country) }}`); null counts every day, all day, in UTC.
   * A start request may name another. Absent in plans compiled before calendars existed.
   */
  readonly calendar?: Template | null;
  /** The calendars an instance of this version may use, by id, holidays expanded for the years ahead. */
  readonly calendars?: { readonly [id: string]: CompiledCalendar };
  /** What an instance may cost; its owner is told each time the forecast crosses it. Absent: no budget. */
  readonly budget?: Budget;
  /** How the catalogue offers it to requesters; absent: it is not in the catalogue. */
  readonly catalogue?: CatalogueEntry;
  /** The address requests arrive on by mail; absent: none. */
  readonly intake?: MailIntake;
  /** The escalation ladder of every task and approval that has none of its own; absent: none. */
  readonly escalation?: readonly EscalationRung[];
  /** Steps in a topological order of `after`. */
  readonly steps: readonly CompiledStep[];
}

/** What a requester may know of themselves, and fill a start form field with. */
export const REQUESTER_FACTS = ['id', 'name', 'email', 'department'] as const;
export type RequesterFact = (typeof REQUESTER_FACTS)[number];

export interface CatalogueEntry {
  readonly category: string;
  readonly summary: string;
  /** Who may request it: everyone, or users of these roles or departments. */
  readonly audience: 'everyone' | { readonly roles: readonly string[]; readonly departments: readonly string[] };
  /** What each request is about (`{{ input.summary }}`), rendered at the request; null: the process's title. */
  readonly requestSubject: Template | null;
  /** Start form fields filled in from the requester (`requesterEmail: email`). */
  readonly fromRequester: { readonly [field: string]: RequesterFact };
}

export interface MailIntake {
  readonly email: string;
  /** The start form field a mail's subject fills. */
  readonly subject: string;
  /** The field its text fills; null: the text is kept as the request's first comment. */
  readonly body: string | null;
  /** Values of the fields a mail cannot give. */
  readonly defaults: JsonObject;
}

export interface Budget {
  /** Fixed, or an expression over the start input (`input.budget`). */
  readonly amount: Cost;
  /** ISO 4217 code, e.g. EUR: every cost of the process is in it. */
  readonly currency: string;
}

/** A rung of an escalation ladder: at the due date, or a duration before or after it. */
export interface EscalationRung {
  readonly at: EscalationTime;
  /** `department` (the task's), `department-lead`, `process-owner`, `role:<name>`, or a department id. */
  readonly notify: readonly string[];
  /** The department whose queue the task moves to; null leaves it where it is. */
  readonly reassignTo: string | null;
}

export type EscalationTime =
  | { readonly relative: 'at' }
  | { readonly relative: 'before' | 'after'; readonly by: CalendarDuration };

export type CompiledStep = TaskStep | ApprovalStep | NotifyStep | WaitStep | MilestoneStep | CallStep | ProcessStep;
/** Every kind of step; the language schema's `stepType` lists the same (test/compiler/schema.test.ts). */
export const STEP_KINDS = ['task', 'approval', 'notify', 'wait', 'milestone', 'call', 'process'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** What every kind of step has. */
export interface StepBase {
  readonly id: string;
  /** Steps that must be done or skipped before this one starts. */
  readonly after: readonly string[];
  /** When present and false (JSONata truthiness), the step is skipped. */
  readonly when: Expression | null;
  /** One item per element of the list; each item is its own task (`equipment[2]`) or child. */
  readonly forEach: ForEach | null;
  /**
   * How long the step is expected to take (`effort: 3 business days`), for dry-run plans only: the
   * interpreter ignores it. Absent when the step declares none (and in plans compiled before it existed).
   */
  readonly effort?: CalendarDuration | null;
  readonly source: SourceLocation;
}

export interface ForEach {
  readonly items: Expression;
  /** The item's name in the step's expressions (`item` unless `as:` says otherwise). */
  readonly as: string;
}

/**
 * When a task is due: a time allowed from when it opens (elapsed `ms`, a calendar `duration`
 * such as 5 business days, or a template rendering one per item), or anchored to a date the
 * instance knows (`before: input.openingDate, by: 10 business days`).
 */
export type Due =
  | { readonly ms: number }
  | { readonly duration: CalendarDuration }
  | { readonly template: Template }
  | { readonly before: Expression; readonly by: CalendarDuration }
  | { readonly after: Expression; readonly within: CalendarDuration };
/** An estimated cost: fixed, or an expression per item (e.g. a catalogue price). */
export type Cost = { readonly amount: number } | { readonly expression: Expression };

/** Put in a department's queue; done when staff complete it with the form's data. */
export interface TaskStep extends StepBase {
  readonly kind: 'task';
  readonly title: Template;
  readonly description: Template | null;
  readonly department: Template;
  readonly due: Due;
  readonly cost: Cost;
  /** JSON Schema the completion output must satisfy; null accepts any object. */
  readonly form: JsonSchema | null;
  /** This task's own ladder, in place of the process's. */
  readonly escalation?: readonly EscalationRung[];
}

/** A task whose output is `{decision: approve|reject, comment}`; a rejection cancels or sends work back. */
export interface ApprovalStep extends StepBase {
  readonly kind: 'approval';
  readonly title: Template;
  readonly description: Template | null;
  readonly department: Template;
  readonly due: Due;
  readonly cost: Cost;
  readonly onReject: OnReject;
  /** This task's own ladder, in place of the process's. */
  readonly escalation?: readonly EscalationRung[];
}

export type OnReject =
  | { readonly action: 'cancel' }
  /** Reopens `steps` (each an ancestor of the approval) and resets the steps between them and it. */
  | { readonly action: 'reopen'; readonly steps: readonly string[]; readonly maxRounds: number };

/** `to: { departments: all }`: every department of the plan's `departments`, listed when the message is sent. */
export const ALL_DEPARTMENTS = 'all';

/** A message written to the outbox; done at once. */
export interface NotifyStep extends StepBase {
  readonly kind: 'notify';
  readonly to: {
    readonly departments: readonly Template[] | typeof ALL_DEPARTMENTS;
    readonly roles: readonly string[];
    readonly addresses: readonly Template[];
  };
  readonly subject: Template | null;
  readonly text: Template;
}

/** Waits until a date (an expression yielding an ISO date-time or date) or for a fixed time. */
export interface WaitStep extends StepBase {
  readonly kind: 'wait';
  readonly wait: { readonly until: Expression } | { readonly forMs: number };
}

/** A named point others depend on; done as soon as the steps before it are. */
export interface MilestoneStep extends StepBase {
  readonly kind: 'milestone';
  readonly title: Template | null;
}

/** An HTTP request to another system; its JSON response is the step's output. */
export interface CallStep extends StepBase {
  readonly kind: 'call';
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: Template;
  readonly headers: { readonly [name: string]: Template };
  readonly body: JsonTemplate | null;
  readonly timeoutMs: number;
  readonly retry: {
    readonly maxAttempts: number;
    readonly initialIntervalMs: number;
    readonly backoffCoefficient: number;
  };
}

/** Another deployed process, run as a child instance (one per item with `forEach`). */
export interface ProcessStep extends StepBase {
  readonly kind: 'process';
  readonly process: string;
  readonly input: JsonTemplate;
}
