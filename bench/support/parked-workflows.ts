import { condition, defineQuery, defineUpdate, setHandler } from '@temporalio/workflow';

/**
 * The workflow bundle of the `parked` scenario: Baton's interpreter as shipped, plus the
 * baseline, a workflow that does nothing but wait, started the same way (update-with-start).
 */
export { processWorkflow } from '../../workflows';

export const parkedUpdate = defineUpdate<null>('parked');

/**
 * Bench instrumentation, never used by Baton: runs a memory-reducing garbage collection of the workflow
 * thread's V8 isolate (the worker runs with `--expose-gc`), so RSS can be read without garbage.
 * Answers false when `gc` is not exposed.
 */
export const collectGarbageQuery = defineQuery<boolean>('collectGarbage');

/** Answers its start update at once, then waits forever on a condition, as a parked instance does. */
export async function parkedBaselineWorkflow(): Promise<void> {
  setHandler(parkedUpdate, () => null);
  setHandler(collectGarbageQuery, () => {
    const { gc } = globalThis as { gc?: (options: object) => void };
    // last-resort: V8's memory-reducing collection, which also hands freed pages back to the OS.
    gc?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
    return gc !== undefined;
  });
  await condition(() => false);
}
