import { ActivityCancellationType, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/contract';

const WRITE_OPTIONS = {
  startToCloseTimeout: '30 seconds',
  // A write in flight when the workflow is cancelled must land before the cancellation's own writes.
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry: { initialInterval: '500 milliseconds', maximumInterval: '30 seconds' },
} as const;

/** The read-model writes, as activities through the Temporal server (instances before `LOCAL_WRITES_PATCH`). */
export const remoteWrites = proxyActivities<Activities>(WRITE_OPTIONS);
/** The same writes as local activities: see `Runtime.readModel`. */
export const localWrites = proxyLocalActivities<Activities>(WRITE_OPTIONS);
