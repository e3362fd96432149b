import { type Evaluated, EvaluationError, evaluateAll, type Values, withinBudget } from '../plan/evaluate';
import type { Expression } from '../plan/types';
import { UNKNOWN } from './result';

/**
 * Expressions evaluated before the run. Those that read a name whose value only the run gives
 * (`steps`, the item of a list not known yet, a sub-process's input computed from one) are not
 * evaluated: they stand as an `EvaluationError` saying so, which `renderText` shows as written.
 */
export class KnownValues {
  private readonly patterns: readonly RegExp[];

  constructor(readonly unknownNames: readonly string[]) {
    // A name as a path's first segment: not after `.`, `$` or a word character, nor inside a backtick name.
    this.patterns = unknownNames.map((name) => new RegExp(`(^|[^\\w.$\`])${escapeRegExp(name)}(?![\\w\`-])`));
  }

  /** Whether the expression reads something only the run knows. */
  isUnknown(expression: Expression): boolean {
    return this.patterns.some((pattern) => pattern.test(expression));
  }

  anyUnknown(expressions: Iterable<Expression>): boolean {
    for (const expression of expressions) if (this.isUnknown(expression)) return true;
    return false;
  }

  /** A copy knowing more names as unknown (the item of a representative item). */
  with(names: readonly string[]): KnownValues {
    return new KnownValues([...this.unknownNames, ...names]);
  }

  /** Throws an ExpressionBudgetError when an expression runs past its budget: no plan stands on that. */
  async evaluate(expressions: Iterable<Expression>, context: object): Promise<Values> {
    const values = new Map<Expression, Evaluated>();
    const known: Expression[] = [];
    for (const expression of expressions) {
      if (this.isUnknown(expression)) values.set(expression, { error: new EvaluationError(expression, UNKNOWN) });
      else known.push(expression);
    }
    for (const [expression, evaluated] of withinBudget(evaluateAll(known, context))) values.set(expression, evaluated);
    return values;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
