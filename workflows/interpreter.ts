import {
  allHandlersFinished,
  CancellationScope,
  condition,
  isCancellation,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { InstanceView } from '../plan/instance-view';
import { cancelInstance } from './cancel-instance';
import { assertCanChangeInput, changeInput, previewInputChange } from './change-input';
import { assertCanComplete, completeTask } from './complete-task';
import {
  cancelInstanceUpdate,
  changeInputUpdate,
  completeTaskUpdate,
  firstTasksOpenedUpdate,
  type ProcessWorkflowInput,
  previewInputChangeQuery,
  reassignTaskUpdate,
  retryStepUpdate,
  skipStepUpdate,
  statusQuery,
} from './messages';
import { ProcessRun } from './process-run';
import { assertCanReassign, reassignTask } from './reassign-task';
import { assertStepFailed, retryStep, skipStep } from './repair-step';
import { instanceStatusAttribute } from './search-attributes';

/** Runs any compiled process: the plan travels in the input, so an instance is pinned to its version. */
export async function processWorkflow(input: ProcessWorkflowInput): Promise<InstanceView> {
  const run = new ProcessRun(input);
  setHandler(statusQuery, () => run.view());
  setHandler(previewInputChangeQuery, (request) => previewInputChange(run, request));
  setHandler(firstTasksOpenedUpdate, () => run.untilFirstTasksOpened());
  setHandler(completeTaskUpdate, (request) => completeTask(run, request), {
    validator: (request) => assertCanComplete(run, request),
  });
  setHandler(cancelInstanceUpdate, () => cancelInstance(run), { validator: (_request) => run.assertRunning() });
  setHandler(changeInputUpdate, (request) => changeInput(run, request), {
    validator: (request) => assertCanChangeInput(run, request),
  });
  setHandler(retryStepUpdate, (request) => retryStep(run, request), {
    validator: (request) => assertStepFailed(run, request),
  });
  setHandler(skipStepUpdate, (request) => skipStep(run, request), {
    validator: (request) => assertStepFailed(run, request),
  });
  setHandler(reassignTaskUpdate, (request) => reassignTask(run, request), {
    validator: (request) => assertCanReassign(run, request),
  });

  try {
    await run.openFirstSteps();
    await condition(() => run.isSettled());
    await condition(allHandlersFinished);
    return await settle(run);
  } catch (error) {
    if (!isCancellation(error)) {
      await CancellationScope.nonCancellable(() => run.fail());
      throw error;
    }
    // Cancelled from Temporal itself (UI, CLI): close the open tasks before going.
    await CancellationScope.nonCancellable(async () => {
      if (run.isRunning()) await cancelInstance(run);
      await settle(run);
    });
    throw error;
  }
}

async function settle(run: ProcessRun): Promise<InstanceView> {
  const view = await run.finish();
  upsertSearchAttributes([{ key: instanceStatusAttribute, value: view.status }]);
  return view;
}
