import type { CompiledProcess, JsonSchema, SourceLocation, Template } from './types';

/** Format 1 (the first slice: human tasks only), as stored by older deployments and carried by their instances. */
interface CompiledProcessV1 {
  readonly formatVersion: 1;
  readonly key: string;
  readonly title: string;
  readonly owner: string;
  readonly description: string | null;
  readonly input: JsonSchema;
  readonly steps: readonly {
    readonly kind: 'task';
    readonly id: string;
    readonly title: Template;
    readonly description: Template | null;
    readonly department: string;
    readonly after: readonly string[];
    readonly dueInMs: number;
    readonly estimatedCost: number;
    readonly form: JsonSchema | null;
    readonly source: SourceLocation;
  }[];
}

export type StoredPlan = CompiledProcess | CompiledProcessV1;

/**
 * Reads a plan of any format as the current one. Instances started on an older format keep
 * running (and replaying) on the current interpreter; the mapping is exact, so they behave as before.
 */
export function upgradePlan(plan: StoredPlan): CompiledProcess {
  if (plan.formatVersion !== 1) return plan;
  return {
    ...plan,
    formatVersion: 2,
    data: {},
    departments: [],
    steps: plan.steps.map((step) => ({
      kind: 'task',
      id: step.id,
      after: step.after,
      when: null,
      forEach: null,
      title: step.title,
      description: step.description,
      department: [{ text: step.department }],
      due: { ms: step.dueInMs },
      cost: { amount: step.estimatedCost },
      form: step.form,
      source: step.source,
    })),
  };
}
