import { compileProcess } from '../../compiler';
import type { CompiledProcess } from '../../plan/types';
import { REFERENCE_FORM_LINES } from '../compiler';
import { PROCESS_STEPS, type ProcessStep } from '../handwritten/workflows';

export const PROCESS_KEY = 'interpreter-bench';
/** The departments the steps name: the compiler checks them, the database needs their rows. */
export const DEPARTMENTS: readonly string[] = [...new Set(PROCESS_STEPS.map((step) => step.department))];

/**
 * The YAML Baton runs: the steps the hand-written workflow hard-codes, every task due in a day
 * (timers that never fire in a benchmark), titles templated on the start form, and the same
 * completion form (`FORM`) on the steps that have one.
 */
export function interpreterProcessYaml(steps: readonly ProcessStep[] = PROCESS_STEPS): string {
  const lines = [
    `process: ${PROCESS_KEY}`,
    'title: Interpreter benchmark process',
    'owner: operations',
    'input:',
    '  type: object',
    '  required: [site]',
    '  properties:',
    '    site: { type: string }',
    'tasks:',
  ];
  for (const step of steps) {
    lines.push(
      `  - id: ${step.id}`,
      `    title: "{{ input.site }}: ${step.id}"`,
      `    department: ${step.department}`,
      '    due: 1d',
      `    cost: ${step.estimatedCost}`,
    );
    if (step.after.length > 0) lines.push(`    after: [${step.after.join(', ')}]`);
    if (step.hasForm) {
      lines.push(...REFERENCE_FORM_LINES);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function compileInterpreterProcess(source: string): CompiledProcess {
  const result = compileProcess(source, { file: `${PROCESS_KEY}.yaml`, departments: DEPARTMENTS });
  if (!result.ok) throw new Error(`the benchmark process does not compile: ${result.errors[0]?.message}`);
  return result.plan;
}

/**
 * What staff see in their inboxes once every Update so far has answered: both workflows open a
 * step's dependents before answering, so the open tasks follow from the completed ones.
 */
export function openSteps(completed: ReadonlySet<string>): string[] {
  return PROCESS_STEPS.filter(
    (step) => !completed.has(step.id) && step.after.every((dependency) => completed.has(dependency)),
  ).map((step) => step.id);
}
