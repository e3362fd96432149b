import type Jsonata from 'jsonata-sync';
import type { Expression as Compiled } from 'jsonata-sync';
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

/**
 * An expression that ran past its budget: a recursion that never ends, a loop over more work
 * than a process step can need. It fails like any other expression (the step waits for a retry
 * or a skip; the forecast answers 422), but it says which bound it hit and how to fix it.
 */
export class ExpressionBudgetError extends EvaluationError {
  readonly code = 'expression-budget';
}

/**
 * What one evaluation may spend, counted rather than timed: the same expression on the same
 * data stops at the same point on every replay of a workflow, and on any machine. 100,000 steps
 * take ~0.4 s; a lookup in a 1,000-row catalogue takes ~10,000 steps and a depth of ~10. The
 * forecast and the compiler also run within a wall-clock limit per request (engine/compute).
 */
export const EXPRESSION_BUDGET = {
  /** Sub-expressions evaluated, function calls included. */
  steps: 100_000,
  /** Nesting of sub-expressions: a recursion deeper than this is almost surely endless. */
  depth: 500,
  /**
   * Characters of a text and items of a list any sub-expression gives: a few steps can double a
   * text or nest ranges until the worker's memory is gone, which steps alone do not see.
   */
  textLength: 1_000_000,
  listLength: 100_000,
} as const;

export const BUDGET_HINT = 'rewrite it without the recursion, or split the work across steps (forEach)';

/** What the evaluation running now has spent. Evaluation is synchronous: one runs at a time. */
const spent = { steps: 0, depth: 0 };

/** Thrown from JSONata's evaluation hooks: the evaluation stops at once. */
export class BudgetExceeded extends Error {}

function enter(): void {
  spent.steps += 1;
  spent.depth += 1;
  if (spent.depth > EXPRESSION_BUDGET.depth) {
    throw new BudgetExceeded(`it nests deeper than ${EXPRESSION_BUDGET.depth} (a recursion that does not end?)`);
  }
  if (spent.steps > EXPRESSION_BUDGET.steps) {
    throw new BudgetExceeded(`it took more than ${EXPRESSION_BUDGET.steps} evaluation steps`);
  }
}

function leave(_node: unknown, _input: unknown, _environment: unknown, result: unknown): void {
  spent.depth -= 1;
  checkResultSize(_node, _input, _environment, result);
}

/** JSONata's exit hook (both versions): a sub-expression's value past the budget's sizes stops the evaluation. */
export function checkResultSize(_node: unknown, _input: unknown, _environment: unknown, result: unknown): void {
  if (typeof result === 'string' && result.length > EXPRESSION_BUDGET.textLength) {
    throw new BudgetExceeded(`it builds a text of more than ${EXPRESSION_BUDGET.textLength} characters`);
  }
  if (Array.isArray(result) && result.length > EXPRESSION_BUDGET.listLength) {
    throw new BudgetExceeded(`it builds a list of more than ${EXPRESSION_BUDGET.listLength} items`);
  }
}

/**
 * Loaded on the first expression that needs it. Each workflow loads its own copy (~0.15 MiB of
 * heap): the SDK freezes the modules workflows share, and this one writes on itself at every
 * parse. Instances whose expressions are all plain paths never load it.
 */
let jsonata: typeof Jsonata | undefined;

function parse(expression: Expression): Compiled {
  jsonata ??= require('jsonata-sync') as typeof Jsonata;
  const parsed = jsonata(expression);
  // The evaluation hooks JSONata's own test suite uses to stop runaway expressions.
  parsed.assign('__evaluate_entry', enter);
  parsed.assign('__evaluate_exit', leave);
  return parsed;
}

/** The budget JSONata's evaluation ran out of, looking through `$eval`'s wrapping of errors. */
function exceededBudget(error: unknown): BudgetExceeded | null {
  for (let cause = error; typeof cause === 'object' && cause !== null; cause = (cause as { error?: unknown }).error) {
    if (cause instanceof BudgetExceeded) return cause;
  }
  if (error instanceof RangeError) {
    const stack = /call stack/i.test(error.message);
    return new BudgetExceeded(stack ? 'it overflowed the stack' : `it builds a value too large (${error.message})`);
  }
  return null;
}

const compiled = new Map<string, Compiled>();

/** An expression parsed once per evaluator: the set is bounded by the deployed definitions. */
export function parseOnce<T>(
  cache: Map<Expression, T>,
  expression: Expression,
  parse: (expression: Expression) => T,
): T {
  let parsed = cache.get(expression);
  if (parsed === undefined) {
    try {
      parsed = parse(expression);
    } catch (error) {
      throw new EvaluationError(expression, reasonOf(error));
    }
    cache.set(expression, parsed);
  }
  return parsed;
}

/**
 * Evaluates a JSONata expression against plain JSON, synchronously and within EXPRESSION_BUDGET.
 * Synchronous matters in workflow code, where the SDK records a stack trace for every promise
 * created: JSONata 2's promise per sub-expression made an evaluation step ~250 times dearer
 * there. Deterministic: JSONata is a sandboxed interpreter (no eval, no I/O), and in workflow
 * code its clock is Temporal's. The result is plain JSON (JSONata's sequences lose their
 * markers); `undefined` when nothing matched.
 */
export function evaluate(expression: Expression, context: object): JsonValue | undefined {
  const parsed = parseOnce(compiled, expression, parse);
  let value: unknown;
  spent.steps = 0;
  spent.depth = 0;
  try {
    value = parsed.evaluate(context);
  } catch (error) {
    const exceeded = exceededBudget(error);
    if (exceeded) throw new ExpressionBudgetError(expression, `expression-budget: ${exceeded.message}; ${BUDGET_HINT}`);
    throw new EvaluationError(expression, reasonOf(error));
  }
  return plainJson(expression, value);
}

/** JSONata's result as plain JSON (its sequences lose their markers); `undefined` when nothing matched. */
export function plainJson(expression: Expression, value: unknown): JsonValue | undefined {
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

export function reasonOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error);
}

/** An expression's value, or why it has none. */
export type Evaluated = { readonly value: JsonValue | undefined } | { readonly error: EvaluationError };
/** The values of the expressions a step needs, by expression text. */
export type Values = ReadonlyMap<Expression, Evaluated>;

/**
 * Evaluates expressions as one batch. Plain paths (`input.site`) are read directly; only the
 * others go to JSONata.
 */
export function evaluateAll(expressions: Iterable<Expression>, context: object): Values {
  const values = new Map<Expression, Evaluated>();
  for (const expression of expressions) {
    if (values.has(expression)) continue;
    const direct = lookUpPlainPath(expression, context);
    if (direct !== NOT_A_PLAIN_VALUE) {
      values.set(expression, { value: direct });
      continue;
    }
    try {
      values.set(expression, { value: evaluate(expression, context) });
    } catch (error) {
      if (!(error instanceof EvaluationError)) throw error;
      values.set(expression, { error });
    }
  }
  return values;
}

/**
 * The values, unless an expression ran past its budget: then its error is thrown. For the
 * forecast, which shows other failures as notes but must not present a runaway as a plan.
 */
export function withinBudget(values: Values): Values {
  for (const evaluated of values.values()) {
    if ('error' in evaluated && evaluated.error instanceof ExpressionBudgetError) throw evaluated.error;
  }
  return values;
}

/** The value of an evaluated expression; its failure is thrown. */
export function valueIn(expression: Expression, values: Values): JsonValue | undefined {
  const evaluated = values.get(expression);
  if (evaluated === undefined) throw new Error(`expression "${expression}" was not evaluated`);
  if ('error' in evaluated) throw evaluated.error;
  return evaluated.value;
}

export const NOT_A_PLAIN_VALUE = Symbol('not a plain value');
const PLAIN_PATH = /^\s*[A-Za-z_][\w]*(\s*\.\s*[A-Za-z_][\w]*)*\s*$/;
/** Words JSONata reads as literals or operators, not field names. */
const JSONATA_WORDS = new Set(['true', 'false', 'null', 'and', 'or', 'in']);

/**
 * Most expressions are plain paths to a scalar (`input.siteName`): reading them directly
 * gives JSONata's answer without its cost. Anything else, a path through an array, or one
 * ending on an object or array (where JSONata's sequences differ), goes to JSONata.
 */
export function lookUpPlainPath(expression: string, context: object): JsonValue | undefined | typeof NOT_A_PLAIN_VALUE {
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
