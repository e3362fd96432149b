import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

/**
 * The workflow bundle of the `parked` scenario: Baton's interpreter as shipped, plus the
 * baseline, a workflow that does nothing but wait, started the same way (update-with-start).
 * In the SDK's reused V8 context each workflow evaluates the bundle's modules anew, so the
 * baseline pays for Baton's module graph too (jsonata is preloaded once per context, as in
 * the shipped worker): it is the floor of this bundle, not of an empty one.
 */
export { processWorkflow } from '../../workflows';

export const parkedUpdate = defineUpdate<null>('parked');

/** Answers its start update at once, then waits forever on a condition, as a parked instance does. */
export async function parkedBaselineWorkflow(): Promise<void> {
  setHandler(parkedUpdate, () => null);
  await condition(() => false);
}
