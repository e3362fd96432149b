import type { ProcessDraft, TaskDraft } from './document';
import { DURATION_FORMS, parseDuration } from './duration';
import { CompileErrorCode, type Finding } from './errors';
import { findCycles } from './graph';
import type { Locator } from './locate';
import type { Path } from './path';
import { didYouMean } from './suggest';
import { createExpressionCheck, type ExpressionCheck, parseTemplate } from './template';
import { createUserSchemaCheck, type UserSchemaCheck } from './user-schema';

export interface CheckContext {
  readonly departments: readonly string[];
  readonly locator: Locator;
}

/**
 * The rules a JSON Schema cannot express: references between tasks, departments, durations,
 * expressions and the owner's own schemas. Reads a draft so they run despite schema errors.
 */
export function checkProcess(draft: ProcessDraft, context: CheckContext): Finding[] {
  const checkers: Checkers = { checkUserSchema: createUserSchemaCheck(), checkExpression: createExpressionCheck() };
  const { departments } = context;
  return [
    ...checkDepartment(draft.owner, ['owner'], departments),
    ...(draft.input === undefined ? [] : checkers.checkUserSchema(draft.input, ['input'], 'input')),
    ...draft.tasks.flatMap((task) => checkTask(task, departments, checkers)),
    ...checkTaskIds(draft.tasks, context.locator),
    ...checkAfter(draft.tasks),
    ...checkCycles(draft.tasks),
  ];
}

/** Per compilation: each remembers what it has checked, since a file repeats its forms and expressions. */
interface Checkers {
  readonly checkUserSchema: UserSchemaCheck;
  readonly checkExpression: ExpressionCheck;
}

function checkTask(task: TaskDraft, departments: readonly string[], checkers: Checkers): Finding[] {
  const { checkUserSchema, checkExpression } = checkers;
  return [
    ...checkDepartment(task.department, [...task.path, 'department'], departments),
    ...checkDue(task.due, [...task.path, 'due']),
    ...checkTemplate(task.title, [...task.path, 'title'], checkExpression),
    ...checkTemplate(task.description, [...task.path, 'description'], checkExpression),
    ...(task.form === undefined ? [] : checkUserSchema(task.form, [...task.path, 'form'], 'form')),
  ];
}

function checkDepartment(department: string | undefined, path: Path, departments: readonly string[]): Finding[] {
  if (department === undefined || departments.includes(department)) return [];
  return [
    {
      code: CompileErrorCode.unknownDepartment,
      message: `unknown department "${department}"`,
      hint: didYouMean(department, departments, 'known departments'),
      path,
    },
  ];
}

function checkDue(due: string | undefined, path: Path): Finding[] {
  if (due === undefined || parseDuration(due) !== undefined) return [];
  return [
    {
      code: CompileErrorCode.invalidDue,
      message: `due "${due}" is not a positive duration`,
      hint: `write a whole number and a unit: ${DURATION_FORMS}`,
      path,
    },
  ];
}

function checkTemplate(text: string | undefined, path: Path, checkExpression: ExpressionCheck): Finding[] {
  if (text === undefined) return [];
  return parseTemplate(text, checkExpression).problems.map((problem) =>
    problem.kind === 'template'
      ? {
          code: CompileErrorCode.invalidTemplate,
          message: problem.message,
          hint: 'write expressions as {{ expression }}, e.g. {{ input.employeeName }}',
          path,
          anchor: { offset: problem.offset },
        }
      : {
          code: CompileErrorCode.invalidExpression,
          message: problem.message,
          hint: 'expressions between {{ and }} are JSONata (https://docs.jsonata.org), e.g. {{ input.employeeName }}',
          path,
          anchor: { offset: problem.offset },
        },
  );
}

/** Reported at the second use, since the first is the one later `after` entries most likely mean. */
function checkTaskIds(tasks: readonly TaskDraft[], locator: Locator): Finding[] {
  const first = new Map<string, TaskDraft>();
  return tasks.flatMap((task) => {
    if (task.id === undefined) return [];
    const earlier = first.get(task.id);
    if (earlier === undefined) {
      first.set(task.id, task);
      return [];
    }
    const { line } = locator.locate([...earlier.path, 'id']);
    return {
      code: CompileErrorCode.duplicateStepId,
      message: `task id "${task.id}" is used twice`,
      hint: `the first task "${task.id}" is on line ${line}; give each task its own id`,
      path: [...task.path, 'id'],
    };
  });
}

function checkAfter(tasks: readonly TaskDraft[]): Finding[] {
  const known = new Set(tasks.flatMap((task) => task.id ?? []));
  const ids = [...known];
  return tasks.flatMap((task) =>
    task.after
      .filter((entry) => !known.has(entry.target))
      .map((entry) => ({
        code: CompileErrorCode.unknownAfter,
        message: `"after" names "${entry.target}", which is not a task of this process`,
        hint: didYouMean(entry.target, ids, 'task ids'),
        path: entry.path,
      })),
  );
}

/** One finding per cycle, at the `after` entry by which its first task waits for the next one. */
function checkCycles(tasks: readonly TaskDraft[]): Finding[] {
  const nodes = uniqueById(tasks).map((task) => ({
    id: task.id,
    after: task.after.map((entry) => entry.target),
    task,
  }));
  return findCycles(nodes).flatMap((cycle) => {
    const [first, second = first] = cycle;
    const entry = first?.task.after.find((candidate) => candidate.target === second?.id);
    if (first === undefined || entry === undefined) return [];
    return {
      code: CompileErrorCode.dependencyCycle,
      message: `dependency cycle: ${[...cycle, first].map((node) => node.id).join(' -> ')}`,
      hint: 'each task waits for the next one, so none can ever open: remove one of these "after" entries',
      path: entry.path,
    };
  });
}

/** Tasks with an id, the first of each id only: duplicates are reported on their own. */
function uniqueById(tasks: readonly TaskDraft[]): (TaskDraft & { readonly id: string })[] {
  const seen = new Set<string>();
  return tasks.flatMap((task) => {
    const { id } = task;
    if (id === undefined || seen.has(id)) return [];
    seen.add(id);
    return { ...task, id };
  });
}
