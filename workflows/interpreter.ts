import {
  allHandlersFinished,
  CancellationScope,
  condition,
  isCancellation,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import {
  cancelInstanceUpdate,
  changeInputUpdate,
  completeTaskUpdate,
  firstTasksOpenedUpdate,
  type InstanceView,
  type ProcessWorkflowInput,
  retryStepUpdate,
  skipStepUpdate,
  statusQuery,
} from './messages';
import { ProcessRun } from './process-run';
import { instanceStatusAttribute } from './search-attributes';

/** Runs any compiled process: the plan travels in the input, so an instance is pinned to its version. */
export async function processWorkflow(input: ProcessWorkflowInput): Promise<InstanceView> {
  const run = new ProcessRun(input);
  setHandler(statusQuery, () => run.view());
  setHandler(firstTasksOpenedUpdate, () => run.untilFirstTasksOpened());
  setHandler(completeTaskUpdate, (request) => run.complete(request), {
    validator: (request) => run.assertCanComplete(request),
  });
  setHandler(cancelInstanceUpdate, () => run.cancel(), { validator: (_request) => run.assertRunning() });
  setHandler(changeInputUpdate, (request) => run.changeInput(request), {
    validator: (request) => run.assertCanChangeInput(request),
  });
  setHandler(retryStepUpdate, (request) => run.retry(request), {
    validator: (request) => run.assertStepFailed(request),
  });
  setHandler(skipStepUpdate, (request) => run.skip(request), { validator: (request) => run.assertStepFailed(request) });

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
      if (run.isRunning()) await run.cancel();
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
