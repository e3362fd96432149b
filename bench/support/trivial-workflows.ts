import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

/** The floor for an Update round-trip: a workflow whose update does nothing. */
export const pingUpdate = defineUpdate<string, [string]>('ping');
const stopUpdate = defineUpdate<void>('stop');

export async function trivialWorkflow(): Promise<void> {
  let stopped = false;
  setHandler(pingUpdate, (value) => value);
  setHandler(stopUpdate, () => {
    stopped = true;
  });
  await condition(() => stopped);
}

export { stopUpdate };
