import {
  CancellationScope,
  condition,
  ParentClosePolicy,
  startChild,
  TemporalFailure,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import { CHILD_STARTS_PER_WORKFLOW_TASK } from '../plan/fan-out';
import type { InstanceView } from '../plan/instance-view';
import type { JsonObject, ProcessStep } from '../plan/types';
import { iso } from './instance-view';
import type { processWorkflow } from './interpreter';
import type { RunHost } from './run-host';
import { refreshStep, type StepState, settleUnit, type UnitState } from './run-state';
import { instanceStatusAttribute, processKeyAttribute, processVersionAttribute } from './search-attributes';

type SubProcessHost = Pick<
  RunHost,
  'run' | 'runtime' | 'scopes' | 'db' | 'write' | 'failInBackground' | 'openReadySteps'
>;

/** The `process` steps of one instance: each starts a child workflow and waits for it. */
export class SubProcesses {
  /** Sub-processes being started now (see `startSlot`). */
  private starting = 0;

  constructor(private readonly host: SubProcessHost) {}

  /** Starts the sub-process as a child workflow and waits for it; cancelling the unit cancels it. */
  async run(state: StepState, unit: UnitState, step: ProcessStep, input: JsonObject): Promise<void> {
    const { host } = this;
    const instanceId = uuid4();
    const parent = { instanceId: host.run.instanceId, stepId: unit.id, depth: (host.run.parent?.depth ?? 0) + 1 };
    const scope = new CancellationScope();
    host.scopes.set(unit, scope);
    let prepared = false;
    let started = false;
    let releaseStart = () => {};
    let result: InstanceView;
    try {
      result = await scope.run(async () => {
        // Before runtime 3 the child's row is written at once: an await here would move it a tick later on replay.
        if (host.runtime.boundsChildStarts) releaseStart = await this.startSlot();
        const child = await host.db().prepareChildInstance({
          instanceId,
          key: step.process,
          input,
          parentInstanceId: parent.instanceId,
          parentStepId: parent.stepId,
          startedAt: iso(Date.now()),
        });
        prepared = true;
        unit.childInstanceId = instanceId;
        const handle = await startChild<typeof processWorkflow>('processWorkflow', {
          workflowId: instanceId,
          taskQueue: workflowInfo().taskQueue,
          args: [
            {
              instanceId,
              key: child.key,
              version: child.version,
              plan: child.plan,
              input: child.input,
              parent,
              ...(host.runtime.childrenInheritRuntime ? { runtime: host.run.runtime } : {}),
            },
          ],
          // Should the parent be terminated, its sub-processes are asked to cancel, closing their tasks.
          parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
          typedSearchAttributes: [
            { key: processKeyAttribute, value: child.key },
            { key: processVersionAttribute, value: child.version },
            { key: instanceStatusAttribute, value: 'running' },
          ],
        });
        started = true;
        releaseStart();
        return handle.result();
      });
    } catch (error) {
      if (scope.consideredCancelled || unit.status !== 'open') {
        // Cancelled between writing the child's row and starting it: no workflow will ever close that row.
        if (prepared && !started) {
          const outcome = { instanceId, status: 'cancelled' as const, completedAt: iso(Date.now()) };
          await CancellationScope.nonCancellable(() => host.write(() => host.db().recordInstanceOutcome(outcome)));
        }
        return;
      }
      // TemporalFailure covers the activity's refusal (however the SDK wraps it) and a child that failed or was cancelled from outside.
      if (!(error instanceof TemporalFailure)) throw error;
      await host.failInBackground(state, unit, `sub-process ${step.process}: ${error.cause?.message ?? error.message}`);
      return;
    } finally {
      releaseStart();
      host.scopes.delete(unit);
    }
    if (unit.status !== 'open') return;
    if (result.status !== 'completed') {
      await host.failInBackground(
        state,
        unit,
        `the sub-process ${instanceId} (${step.process}) ended ${result.status}`,
      );
      return;
    }
    unit.estimatedCost = result.cost.estimated;
    unit.actualCost = result.cost.actual;
    const { estimated, actual } = result.cost;
    settleUnit(unit, 'done', { instanceId, status: result.status, cost: { estimated, actual } }, Date.now());
    refreshStep(state);
    await host.openReadySteps();
  }

  /**
   * Waits for one of the instance's few child-start slots (runtime 3): a start carries the
   * child's plan, and 200 of them in one workflow task were more than Temporal accepts. A
   * start holds its slot until Temporal says the child runs, which is a later workflow task.
   */
  private async startSlot(): Promise<() => void> {
    // Checked again on waking: the waiters woken together would otherwise all take a slot.
    while (this.starting >= CHILD_STARTS_PER_WORKFLOW_TASK) {
      await condition(() => this.starting < CHILD_STARTS_PER_WORKFLOW_TASK);
    }
    this.starting += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.starting -= 1;
    };
  }
}
