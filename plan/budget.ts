import { EvaluationError, type Values, valueIn } from './evaluate';
import type { Budget, Expression } from './types';

/** What the budget's amount reads of the instance's data: nothing for a fixed amount. */
export function budgetExpressions(budget: Budget): Expression[] {
  return 'amount' in budget.amount ? [] : [budget.amount.expression];
}

/**
 * The budget's amount for this instance, as the interpreter holds its forecast against it and
 * the forecast shows it; a computed amount that fails or is no amount throws `EvaluationError`.
 */
export function budgetAmount(budget: Budget, values: Values): number {
  if ('amount' in budget.amount) return budget.amount.amount;
  const { expression } = budget.amount;
  const amount = valueIn(expression, values);
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
    throw new EvaluationError(
      expression,
      `it gives ${JSON.stringify(amount) ?? 'nothing'} for this input, not an amount`,
    );
  }
  return amount;
}
