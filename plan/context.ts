import type { JsonObject, JsonValue } from './types';

/**
 * The names an expression or template can start from. The compiler rejects any other root
 * name (a typo such as `inptu.site` would otherwise quietly yield nothing), and the
 * interpreter builds exactly these.
 */
export const CONTEXT_ROOTS = ['input', 'data', 'steps', 'process', 'instance'] as const;
/** Inside a `forEach` step, besides the item's own name (`as:`, `item` by default). */
export const ITEM_INDEX_NAME = 'index';
export const DEFAULT_ITEM_NAME = 'item';

/** The person an instance was requested by, as its expressions read them (`instance.requester.email`). */
export interface Requester {
  readonly id: string;
  readonly name: string;
  readonly email: string | null;
  readonly department: string | null;
}

/** What `steps.<id>` holds once the step has started; absent before. */
export interface StepFacts {
  readonly status: string;
  /** The completion output (a task), the decision (an approval), the response (a call), the child's result (a process); for a `forEach` step, the list of its items' outputs. */
  readonly output: JsonValue;
  readonly completedAt: string | null;
  readonly completedBy: string | null;
}

export interface ExpressionContext {
  readonly input: JsonObject;
  readonly data: JsonObject;
  readonly steps: { readonly [stepId: string]: StepFacts };
  readonly process: { readonly key: string; readonly version: number; readonly title: string };
  /** `requester`: who asked for it through the catalogue (null otherwise, and in forecasts). */
  readonly instance: { readonly id: string; readonly startedAt: string; readonly requester?: Requester | null };
  /** The item and its position, in the expressions of a `forEach` step. */
  readonly [itemName: string]: JsonValue | object;
}
