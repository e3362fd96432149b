import type { CompiledStep } from '../plan/types';

/**
 * The steps an approval's rejection sends back: the `targets`, the approval itself, and every
 * step on a path from a target to the approval (they consumed work that is being redone).
 * Steps beside that path keep their state. `steps` are in topological order.
 */
export function stepsToRedo(
  steps: readonly CompiledStep[],
  targets: readonly string[],
  approvalId: string,
): Set<string> {
  const ancestors = ancestorsOf(steps, approvalId);
  const redo = new Set<string>([approvalId, ...targets]);
  // One pass sees every dependency before its dependents.
  for (const { id, after } of steps) {
    if (ancestors.has(id) && after.some((dependency) => redo.has(dependency))) redo.add(id);
  }
  return redo;
}

function ancestorsOf(steps: readonly CompiledStep[], stepId: string): Set<string> {
  const afterById = new Map(steps.map((step) => [step.id, step.after]));
  const found = new Set<string>();
  const pending = [...(afterById.get(stepId) ?? [])];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (found.has(id)) continue;
    found.add(id);
    pending.push(...(afterById.get(id) ?? []));
  }
  return found;
}
