import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  defineUpdate,
  proxyLocalActivities,
  setHandler,
} from '@temporalio/workflow';
import type { Activities, TaskToOpen } from '../../activities/contract';

/**
 * The benchmark's baseline: the 30-step process of the interpreter scenario written by hand as a
 * Temporal developer would, without Baton. It calls the same activities in the same batches,
 * answers the same Updates and starts the same deadline timers as Baton's interpreter running
 * the YAML generated from `PROCESS_STEPS` (bench/support/interpreter-process.ts).
 *
 * The worker bundle of the scenario is this file: it also exports Baton's interpreter.
 */
export { processWorkflow } from '../../workflows';

export interface ProcessStep {
  readonly id: string;
  readonly department: string;
  readonly after: readonly string[];
  readonly estimatedCost: number;
  /** Whether the completion form asks for a reference (`FORM`). */
  readonly hasForm: boolean;
}

export const DUE_IN_MS = 24 * 60 * 60 * 1000;
/** The completion form of the steps that have one (`hasForm`). */
export const FORM: NonNullable<TaskToOpen['form']> = {
  type: 'object',
  required: ['reference'],
  properties: { reference: { type: 'string' } },
};

const BRANCHES = ['a', 'b', 'c'] as const;
const BRANCH_LENGTH = 9;
/** Steps at these levels also wait for the previous level of the next branch. */
const CROSS_JOIN_LEVELS = [4, 7];
const DEPARTMENTS = ['hr', 'it', 'logistics', 'maintenance', 'operations'] as const;

function branchSteps(branch: number): ProcessStep[] {
  const name = BRANCHES[branch] ?? 'a';
  const next = BRANCHES[(branch + 1) % BRANCHES.length] ?? 'a';
  const steps: ProcessStep[] = [];
  for (let level = 1; level <= BRANCH_LENGTH; level++) {
    const previous = level === 1 ? ['start'] : [`${name}-${level - 1}`];
    const crossJoin = CROSS_JOIN_LEVELS.includes(level) ? [`${next}-${level - 1}`] : [];
    steps.push({
      id: `${name}-${level}`,
      department: DEPARTMENTS[(branch + level) % DEPARTMENTS.length] ?? 'operations',
      after: [...previous, ...crossJoin],
      estimatedCost: 10 * level,
      hasForm: level % 4 === 0,
    });
  }
  return steps;
}

/** Start, three branches of nine steps joined across at levels 4 and 7, a merge and an end: 30 steps. */
export const PROCESS_STEPS: readonly ProcessStep[] = [
  { id: 'start', department: 'operations', after: [], estimatedCost: 0, hasForm: false },
  ...BRANCHES.flatMap((_name, branch) => branchSteps(branch)),
  {
    id: 'merge',
    department: 'operations',
    after: BRANCHES.map((name) => `${name}-${BRANCH_LENGTH}`),
    estimatedCost: 50,
    hasForm: true,
  },
  { id: 'end', department: 'hr', after: ['merge'], estimatedCost: 0, hasForm: false },
];

export interface HandwrittenInput {
  readonly instanceId: string;
  readonly site: string;
}

export interface HandwrittenCompletion {
  readonly taskId: string;
  readonly output: { readonly [name: string]: string };
  readonly actualCost?: number;
  readonly completedBy: string;
}

/** Same names as Baton's Updates, so callers use them the same way. */
export const firstTasksOpenedUpdate = defineUpdate<string[], []>('firstTasksOpened');
/** Answers once the dependents are open, with their ids. */
export const completeTaskUpdate = defineUpdate<string[], [HandwrittenCompletion]>('completeTask');

// Short idempotent writes as local activities, as Baton's interpreter does them.
const db = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '30 seconds' },
});

type TaskStatus = 'pending' | 'opening' | 'open' | 'done';

export async function handwrittenProcessWorkflow(input: HandwrittenInput): Promise<'completed'> {
  const status: Record<string, TaskStatus> = {};
  for (const step of PROCESS_STEPS) status[step.id] = 'pending';
  const deadlines: Promise<boolean>[] = [];
  let firstTasksOpened = false;
  const allDone = () => PROCESS_STEPS.every((step) => status[step.id] === 'done');
  const stepOf = (taskId: string) => PROCESS_STEPS.find((step) => `${input.instanceId}.${step.id}` === taskId);

  /** Marks the steps whose dependencies are done as opening and builds their tasks. */
  function readyTasks(): { ready: ProcessStep[]; tasks: TaskToOpen[] } {
    const ready = PROCESS_STEPS.filter(
      (step) => status[step.id] === 'pending' && step.after.every((id) => status[id] === 'done'),
    );
    const openedAt = Date.now();
    for (const step of ready) status[step.id] = 'opening';
    const tasks: TaskToOpen[] = ready.map((step) => ({
      id: `${input.instanceId}.${step.id}`,
      instanceId: input.instanceId,
      stepId: step.id,
      title: `${input.site}: ${step.id}`,
      description: null,
      department: step.department,
      dueAt: new Date(openedAt + DUE_IN_MS).toISOString(),
      estimatedCost: step.estimatedCost,
      form: step.hasForm ? FORM : null,
      openedAt: new Date(openedAt).toISOString(),
    }));
    return { ready, tasks };
  }

  function opened(ready: readonly ProcessStep[]): string[] {
    for (const step of ready) {
      status[step.id] = 'open';
      // The deadline: a timer cancelled as soon as the task is done. Overdue handling is out of scope.
      deadlines.push(condition(() => status[step.id] !== 'open', DUE_IN_MS));
    }
    return ready.map((step) => step.id);
  }

  async function openReadySteps(): Promise<string[]> {
    const { ready, tasks } = readyTasks();
    if (ready.length === 0) return [];
    await db.openTasks(tasks);
    return opened(ready);
  }

  setHandler(firstTasksOpenedUpdate, async () => {
    await condition(() => firstTasksOpened);
    return PROCESS_STEPS.filter((step) => status[step.id] === 'open').map((step) => step.id);
  });
  setHandler(
    completeTaskUpdate,
    async (request) => {
      const step = stepOf(request.taskId);
      if (!step) throw ApplicationFailure.nonRetryable(`unknown task ${request.taskId}`, 'TaskNotFound');
      status[step.id] = 'done';
      // The completion and the tasks it opens in one write, as Baton's interpreter does.
      const { ready, tasks } = readyTasks();
      await db.completeTask(
        {
          taskId: request.taskId,
          output: request.output,
          actualCost: request.actualCost ?? step.estimatedCost,
          completedAt: new Date().toISOString(),
          completedBy: request.completedBy,
        },
        tasks,
      );
      const openedIds = opened(ready);
      if (allDone()) {
        await db.recordInstanceOutcome({
          instanceId: input.instanceId,
          status: 'completed',
          completedAt: new Date().toISOString(),
        });
      }
      return openedIds;
    },
    {
      validator: (request) => {
        const step = stepOf(request.taskId);
        if (!step) throw ApplicationFailure.nonRetryable(`unknown task ${request.taskId}`, 'TaskNotFound');
        if (status[step.id] !== 'open') {
          throw ApplicationFailure.nonRetryable(`task ${request.taskId} is ${status[step.id]}`, 'TaskNotOpen');
        }
      },
    },
  );

  await openReadySteps();
  firstTasksOpened = true;
  await condition(allDone);
  await condition(allHandlersFinished);
  await Promise.all(deadlines);
  return 'completed';
}
