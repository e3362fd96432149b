import { DEFAULT_ITEM_NAME, ITEM_INDEX_NAME } from './context';
import { asList, EvaluationError, isTruthy, type Values, valueIn } from './evaluate';
import type { CompiledStep, Expression, ForEach, JsonValue } from './types';

/**
 * The most items one `forEach` step fans out to. Each item is a task row, a timer or a child
 * workflow: past this, one instance's history and one status read grow beyond what Temporal
 * serves comfortably. A longer list is a sign the work belongs in several steps or processes.
 */
export const MAXIMUM_FAN_OUT = 1_000;

/**
 * How many sub-processes an instance starts in one workflow task: each start carries the
 * child's plan, and Temporal refuses a workflow task's commands past 4 MB.
 */
export const CHILD_STARTS_PER_WORKFLOW_TASK = 20;

/** What decides whether a step runs, and how many units it has: its `when` and its `forEach` list. */
export function gateExpressions(step: CompiledStep): Expression[] {
  return [step.when, step.forEach?.items].filter((expression) => expression != null);
}

/** Whether the step runs: its `when` holds, or it has none. An expression failing throws `EvaluationError`. */
export function conditionHolds(step: CompiledStep, values: Values): boolean {
  return step.when === null || isTruthy(valueIn(step.when, values));
}

/** The items a `forEach` step fans out to, null for a step that runs once. */
export function forEachItems(forEach: ForEach | null, values: Values): JsonValue[] | null {
  return forEach === null ? null : asList(valueIn(forEach.items, values));
}

/** Fails a step whose `forEach` gives more than `MAXIMUM_FAN_OUT` items. */
export function checkFanOut(items: Expression, count: number): void {
  if (count > MAXIMUM_FAN_OUT) {
    throw new EvaluationError(
      items,
      `it gives ${count} items, and a step fans out to at most ${MAXIMUM_FAN_OUT}: split the list across steps or sub-processes`,
    );
  }
}

/** The id of one item's unit: `equipment[2]`. */
export function itemUnitId(stepId: string, index: number): string {
  return `${stepId}[${index}]`;
}

/** In a `forEach` step, the item and its index join the context under the step's names. */
export function itemContext<Context extends object>(
  context: Context,
  forEach: ForEach,
  value: JsonValue,
  index: number,
): Context {
  return { ...context, [forEach.as || DEFAULT_ITEM_NAME]: value, [ITEM_INDEX_NAME]: index };
}
