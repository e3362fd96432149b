import type { ApprovalStep, CompiledProcess, CompiledStep, EscalationRung, StepKind, TaskStep } from './types';

/** The kinds of step whose units are tasks in a department's queue, completed by people. */
export const TASK_KINDS = ['task', 'approval'] as const satisfies readonly StepKind[];
export type TaskKind = (typeof TASK_KINDS)[number];

export function isTask(step: CompiledStep): step is TaskStep | ApprovalStep {
  return (TASK_KINDS as readonly StepKind[]).includes(step.kind);
}

/** A task's own escalation ladder, else the process's. */
export function ladderOf(step: CompiledStep, plan: Pick<CompiledProcess, 'escalation'>): readonly EscalationRung[] {
  if (!isTask(step)) return [];
  return step.escalation ?? plan.escalation ?? [];
}
