import jsonata, { type Expression as Compiled } from 'jsonata';
import {
  BUDGET_HINT,
  BudgetExceeded,
  checkResultSize,
  type Evaluated,
  EvaluationError,
  ExpressionBudgetError,
  lookUpPlainPath,
  NOT_A_PLAIN_VALUE,
  parseOnce,
  plainJson,
  reasonOf,
  type Values,
} from './evaluate';
import type { Expression } from './types';

/**
 * How instances started before runtime 3 evaluate: JSONata 2, whose every sub-expression is a
 * promise. Their histories record the order of commands those promises gave, so they keep it.
 * In workflow code each promise costs a stack trace (~0.4 ms a step), hence a budget far
 * smaller than the synchronous evaluator's, still above what their shipped expressions take.
 */
export const ASYNC_EXPRESSION_BUDGET = {
  steps: 10_000,
  depth: 200,
  sequence: 100_000,
} as const;

class StepsExhausted extends Error {}

// `environment.base` is the frame of one evaluation: concurrent evaluations keep their own counts.
const stepsSpent = new WeakMap<object, number>();
function countStep(_node: unknown, _input: unknown, environment: { base: object }): void {
  const spent = (stepsSpent.get(environment.base) ?? 0) + 1;
  if (spent > ASYNC_EXPRESSION_BUDGET.steps) throw new StepsExhausted();
  stepsSpent.set(environment.base, spent);
}

function parseWithinBudget(expression: Expression): Compiled {
  const parsed = jsonata(expression, {
    stack: ASYNC_EXPRESSION_BUDGET.depth,
    sequence: ASYNC_EXPRESSION_BUDGET.sequence,
  });
  // JSONata 2 looks its evaluation hooks up by symbol; its typings only know string names.
  parsed.assign(Symbol.for('jsonata.__evaluate_entry') as unknown as string, countStep);
  parsed.assign(Symbol.for('jsonata.__evaluate_exit') as unknown as string, checkResultSize);
  return parsed;
}

/** JSONata 2's guardrail codes: too deep, too many items. */
const BUDGET_REASONS: Readonly<Record<string, string>> = {
  D1011: `it nests deeper than ${ASYNC_EXPRESSION_BUDGET.depth} (a recursion that does not end?)`,
  D2015: `it builds a list of more than ${ASYNC_EXPRESSION_BUDGET.sequence} items`,
};

function budgetReason(error: unknown): string | null {
  if (error instanceof BudgetExceeded) return error.message;
  if (error instanceof StepsExhausted) return `it took more than ${ASYNC_EXPRESSION_BUDGET.steps} evaluation steps`;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  return Object.hasOwn(BUDGET_REASONS, code) ? (BUDGET_REASONS[code] ?? null) : null;
}

const withinBudget = new Map<string, Compiled>();
const unbounded = new Map<string, Compiled>();

async function evaluateAsync(expression: Expression, context: object, bounded: boolean) {
  const parsed = bounded
    ? parseOnce(withinBudget, expression, parseWithinBudget)
    : parseOnce(unbounded, expression, (text) => jsonata(text));
  let value: unknown;
  try {
    value = await parsed.evaluate(context);
  } catch (error) {
    const reason = bounded ? budgetReason(error) : null;
    if (reason) throw new ExpressionBudgetError(expression, `expression-budget: ${reason}; ${BUDGET_HINT}`);
    throw new EvaluationError(expression, reasonOf(error));
  }
  return plainJson(expression, value);
}

/**
 * `evaluateAll` as instances before runtime 3 run it: plain paths read directly, and a promise
 * as soon as one expression needs JSONata; within ASYNC_EXPRESSION_BUDGET when `bounded` (what
 * their histories recorded before the budget existed replays without it).
 */
export function evaluateAllAsync(
  expressions: Iterable<Expression>,
  context: object,
  bounded: boolean,
): Values | Promise<Values> {
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
        values.set(expression, { value: await evaluateAsync(expression, context, bounded) });
      } catch (error) {
        if (!(error instanceof EvaluationError)) throw error;
        values.set(expression, { error });
      }
    }),
  ).then(() => values);
}
