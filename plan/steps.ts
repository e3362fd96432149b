import type { ApprovalStep, CompiledProcess, CompiledStep, EscalationRung, TaskStep } from './types';

/** A step whose units are tasks in a department's queue, completed by people. */
export function isTask(step: CompiledStep): step is TaskStep | ApprovalStep {
  return step.kind === 'task' || step.kind === 'approval';
}

/** A task's own escalation ladder, else the process's. */
export function ladderOf(step: CompiledStep, plan: Pick<CompiledProcess, 'escalation'>): readonly EscalationRung[] {
  if (!isTask(step)) return [];
  return step.escalation ?? plan.escalation ?? [];
}
