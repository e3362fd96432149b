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

export const PLAN_FORMAT_VERSION = 1;

export interface CompiledProcess {
  readonly formatVersion: typeof PLAN_FORMAT_VERSION;
  readonly key: string;
  readonly title: string;
  readonly owner: string;
  readonly description: string | null;
  /** JSON Schema of the start form. */
  readonly input: JsonSchema;
  /** Steps in a topological order of `after`. */
  readonly steps: readonly CompiledStep[];
}

/** Discriminated on `kind`; this cut has only human tasks. */
export type CompiledStep = HumanTaskStep;

export interface HumanTaskStep {
  readonly kind: 'task';
  readonly id: string;
  readonly title: Template;
  readonly description: Template | null;
  readonly department: string;
  readonly after: readonly string[];
  /** Counted from when the task opens. */
  readonly dueInMs: number;
  readonly estimatedCost: number;
  /** JSON Schema the completion output must satisfy; null accepts any object. */
  readonly form: JsonSchema | null;
  readonly source: SourceLocation;
}
