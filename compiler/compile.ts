import { type CompiledProcess, type HumanTaskStep, PLAN_FORMAT_VERSION } from '../plan/types';
import type { ProcessFile, TaskFile } from './document';
import { parseDuration } from './duration';
import { topologicalOrder } from './graph';
import type { Locator } from './locate';
import { type Path, toPointer } from './path';
import { type ExpressionCheck, parseTemplate } from './template';

/** The checks parsed every expression already: building the plan only splits the templates. */
const CHECKED: ExpressionCheck = () => undefined;

/** The plan of a file that passed the language schema and every check; anything else is a compiler bug. */
export function buildPlan(file: ProcessFile, locator: Locator): CompiledProcess {
  const steps = file.tasks.map((task, index) => buildStep(task, ['tasks', index], locator));
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    key: file.process,
    title: file.title,
    owner: file.owner,
    description: file.description ?? null,
    input: file.input,
    steps: topologicalOrder(steps),
  };
}

function buildStep(task: TaskFile, path: Path, locator: Locator): HumanTaskStep {
  const dueInMs = parseDuration(task.due);
  if (dueInMs === undefined) throw new Error(`buildPlan: due "${task.due}" passed the checks but is not a duration`);
  return {
    kind: 'task',
    id: task.id,
    title: parseTemplate(task.title, CHECKED).template,
    description: task.description === undefined ? null : parseTemplate(task.description, CHECKED).template,
    department: task.department,
    after: task.after ?? [],
    dueInMs,
    estimatedCost: task.cost ?? 0,
    form: task.form ?? null,
    source: { ...locator.locate(path), path: toPointer(path) },
  };
}
