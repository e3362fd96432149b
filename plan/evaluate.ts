import jsonata, { type Expression as Compiled } from 'jsonata';
import type { Expression, JsonValue } from './types';

/** An expression that parsed at compile time failed on this instance's data. */
export class EvaluationError extends Error {
  constructor(
    readonly expression: string,
    reason: string,
  ) {
    super(`expression "${expression}" failed: ${reason}`);
  }
}

// Parsed once per expression: the set is bounded by the deployed definitions.
const compiled = new Map<string, Compiled>();

/**
 * Evaluates a JSONata expression against plain JSON. Deterministic: JSONata is a sandboxed
 * interpreter (no eval, no I/O), and in workflow code its clock and randomness are Temporal's.
 * The result is plain JSON (JSONata's sequences lose their markers); `undefined` when nothing matched.
 */
export async function evaluate(expression: Expression, context: object): Promise<JsonValue | undefined> {
  let parsed = compiled.get(expression);
  if (!parsed) {
    try {
      parsed = jsonata(expression);
    } catch (error) {
      throw new EvaluationError(expression, reasonOf(error));
    }
    compiled.set(expression, parsed);
  }
  let value: unknown;
  try {
    value = await parsed.evaluate(context);
  } catch (error) {
    throw new EvaluationError(expression, reasonOf(error));
  }
  if (value === undefined) return undefined;
  // A function (`$keys` without arguments) has no JSON form: it would cross the workflow boundary mangled.
  let isFunction = false;
  const json = JSON.stringify(value, (_key, member: unknown) => {
    if (typeof member === 'function' || isJsonataFunction(member)) isFunction = true;
    return member;
  });
  if (isFunction || json === undefined) throw new EvaluationError(expression, 'it gives a function, not a value');
  return JSON.parse(json) as JsonValue;
}

function isJsonataFunction(value: unknown): boolean {
  return typeof value === 'object' && value !== null && ('_jsonata_function' in value || '_jsonata_lambda' in value);
}

/** JSONata's own truthiness (`$boolean`): empty strings, 0, empty arrays and objects, null and nothing are false. */
export function isTruthy(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.some(isTruthy);
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}

/** A value as a list of items: JSONata yields a single value for a one-element sequence, and nothing for none. */
export function asList(value: JsonValue | undefined): JsonValue[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function reasonOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error);
}
