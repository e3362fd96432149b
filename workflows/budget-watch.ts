import { budgetAmount, budgetExpressions } from '../plan/budget';
import { EvaluationError, type Values } from '../plan/evaluate';
import type { InstanceView } from '../plan/instance-view';
import type { Budget } from '../plan/types';
import { costOf } from './instance-view';
import { overBudgetMessage } from './notifications';
import type { RunHost } from './run-host';

type BudgetHost = Pick<RunHost, 'run' | 'plan' | 'runtime' | 'steps' | 'context' | 'write' | 'db'>;

/** This instance's budget, and whether its forecast is over it now. */
export class BudgetWatch {
  private budget: { amount: number; currency: string } | null = null;
  private over = false;
  private crossings = 0;

  constructor(private readonly host: BudgetHost) {}

  /** The budget's amount for this instance (an expression reads the start input); re-planning reads it again. */
  async resolve(budget: Budget): Promise<void> {
    const expressions = budgetExpressions(budget);
    let values: Values = new Map();
    if (expressions.length > 0) {
      const batch = this.host.runtime.evaluateAll(expressions, this.host.context());
      values = batch instanceof Promise ? await batch : batch;
    }
    try {
      this.budget = { amount: budgetAmount(budget, values), currency: budget.currency };
    } catch (error) {
      if (!(error instanceof EvaluationError)) throw error;
      this.budget = null;
    }
  }

  /**
   * Tells the owner department when the forecast goes over the budget, once per crossing: it
   * may come back under (a cheaper actual) and cross again. A promise only when it tells.
   */
  watch(): Promise<void> | undefined {
    if (this.budget === null) return;
    const { host } = this;
    const cost = costOf(host.steps);
    const over = cost.forecast > this.budget.amount;
    if (over === this.over) return;
    this.over = over;
    if (!over) return;
    this.crossings += 1;
    const notification = overBudgetMessage(host, this.crossings, cost, this.budget, Date.now());
    return host.write(() => host.db().openTasks([], [notification]));
  }

  /** The view with the budget, when the instance has one. */
  shownIn(view: InstanceView): InstanceView {
    return this.budget === null ? view : { ...view, budget: { ...this.budget, overBudget: this.over } };
  }
}
