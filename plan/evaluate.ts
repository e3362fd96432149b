import jsonata, { type Expression as Compiled } from 'jsonata';
import type { Expression, JsonObject, JsonValue } from './types';

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

/** An expression's value, or why it has none. */
export type Evaluated = { readonly value: JsonValue | undefined } | { readonly error: EvaluationError };
/** The values of the expressions a step needs, by expression text. */
export type Values = ReadonlyMap<Expression, Evaluated>;

/**
 * Evaluates expressions as one batch. Plain paths (`input.site`) are read directly; only the
 * others go to JSONata, so the batch is synchronous when none needs it. That matters in
 * workflow code, where the SDK records a stack trace for every promise created (for its
 * stack-trace query): promises, not JSONata, were most of a completion's CPU.
 */
export function evaluateAll(expressions: Iterable<Expression>, context: object): Values | Promise<Values> {
  const values = new Map<Expression, Evaluated>();
  const pending: Expression[] = [];
  for (const expression of expressions) {
    if (values.has(expression)) continue;
    const direct = lookUpPlainPath(expression, context);
    if (direct === NOT_A_PLAIN_VALUE) pending.push(expression);
    else values.set(expression, { value: direct });
  }
  if (pending.length === 0) return values;
  return Promise.all(
    pending.map(async (expression) => {
      try {
        values.set(expression, { value: await evaluate(expression, context) });
      } catch (error) {
        if (!(error instanceof EvaluationError)) throw error;
        values.set(expression, { error });
      }
    }),
  ).then(() => values);
}

/** The value of an evaluated expression; its failure is thrown. */
export function valueOf(expression: Expression, values: Values): JsonValue | undefined {
  const evaluated = values.get(expression);
  if (evaluated === undefined) throw new Error(`expression "${expression}" was not evaluated`);
  if ('error' in evaluated) throw evaluated.error;
  return evaluated.value;
}

const NOT_A_PLAIN_VALUE = Symbol('not a plain value');
const PLAIN_PATH = /^\s*[A-Za-z_][\w]*(\s*\.\s*[A-Za-z_][\w]*)*\s*$/;
/** Words JSONata reads as literals or operators, not field names. */
const JSONATA_WORDS = new Set(['true', 'false', 'null', 'and', 'or', 'in']);

/**
 * Most expressions are plain paths to a scalar (`input.siteName`): reading them directly
 * gives JSONata's answer without its cost. Anything else, a path through an array, or one
 * ending on an object or array (where JSONata's sequences differ), goes to JSONata.
 */
function lookUpPlainPath(expression: string, context: object): JsonValue | undefined | typeof NOT_A_PLAIN_VALUE {
  if (!PLAIN_PATH.test(expression)) return NOT_A_PLAIN_VALUE;
  const names = expression.split('.').map((segment) => segment.trim());
  if (names.some((name) => JSONATA_WORDS.has(name))) return NOT_A_PLAIN_VALUE;
  let value: JsonValue | undefined = context as JsonObject;
  for (const name of names) {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) return NOT_A_PLAIN_VALUE;
    value = Object.hasOwn(value, name) ? value[name] : undefined;
  }
  return typeof value === 'object' && value !== null ? NOT_A_PLAIN_VALUE : value;
}
