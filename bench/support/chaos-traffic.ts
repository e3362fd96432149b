import { randomUUID } from 'node:crypto';
import type { ApiClient, ApiResponse } from '../../test/support/api-client';

/** An HTTP status, or what stood for one when no answer came. */
export type Outcome = number | 'connection-error' | 'timeout';

export interface RecordedRequest {
  readonly operation: 'start' | 'inbox' | 'complete' | 'progress';
  readonly startedAt: number;
  readonly endedAt: number;
  readonly outcome: Outcome;
}

/** Past this, a request counts as hung: Baton promises a 503 within 20 s rather than a wait. */
const REQUEST_TIMEOUT_MS = 60_000;
const RETRY_DELAY_MS = 1_000;

/** Every request the scenario's clients sent, with its outcome: the figures per fault are read from it. */
export class RequestLog {
  readonly requests: RecordedRequest[] = [];

  async send(
    operation: RecordedRequest['operation'],
    request: () => Promise<ApiResponse>,
  ): Promise<ApiResponse | null> {
    const startedAt = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), REQUEST_TIMEOUT_MS);
    });
    try {
      const answer = await Promise.race([request(), timedOut]);
      const outcome = answer === 'timeout' ? answer : answer.status;
      this.requests.push({ operation, startedAt, endedAt: Date.now(), outcome });
      return answer === 'timeout' ? null : answer;
    } catch {
      // fetch rejects when the connection is refused or dropped: the API is down.
      this.requests.push({ operation, startedAt, endedAt: Date.now(), outcome: 'connection-error' });
      return null;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** What a retry is for: the service said it is away, or did not answer at all. */
function isRetryable(answer: ApiResponse | null): boolean {
  return answer === null || answer.status === 503;
}

export interface StartedInstances {
  /** Instance id by Idempotency-Key, once a start was answered. */
  readonly ids: Map<string, string>;
  /** Starts answered with a 4xx or a 5xx other than 503: never retried, each one a failure. */
  readonly refused: { key: string; status: number }[];
  /** Starts a retry found already made by an earlier attempt (200 with the same instance). */
  resumed: number;
}

/**
 * Starts `count` instances, one every `intervalMs`, each with an Idempotency-Key of its own;
 * a start that gets a 503 or no answer is sent again with the same key until it is answered.
 */
export async function startInstances(options: {
  readonly manager: ApiClient;
  readonly processKey: string;
  readonly count: number;
  readonly intervalMs: number;
  readonly log: RequestLog;
  /** Gives up on the starts not yet answered (the run failed and is stopping). */
  readonly until: () => boolean;
}): Promise<StartedInstances> {
  const started: StartedInstances = { ids: new Map(), refused: [], resumed: 0 };
  const startOne = async (index: number) => {
    const key = randomUUID();
    const body = JSON.stringify({ input: { errand: index } });
    while (!options.until()) {
      const answer = await options.log.send('start', () =>
        options.manager.request('POST', `/definitions/${options.processKey}/instances`, body, 'application/json', {
          'idempotency-key': key,
        }),
      );
      if (answer && (answer.status === 201 || answer.status === 200)) {
        started.ids.set(key, answer.body.id);
        if (answer.status === 200) started.resumed++;
        return;
      }
      if (answer && !isRetryable(answer)) {
        started.refused.push({ key, status: answer.status });
        return;
      }
      await sleep(RETRY_DELAY_MS);
    }
  };
  const starts: Promise<void>[] = [];
  for (let index = 0; index < options.count && !options.until(); index++) {
    starts.push(startOne(index));
    await sleep(options.intervalMs);
  }
  await Promise.all(starts);
  return started;
}

export interface StaffTally {
  /** Task ids answered 200, with how many times each was: more than once would be a duplicate. */
  readonly completed: Map<string, number>;
  conflicts: number;
  /** Completions answered with a 4xx other than 409, or a 5xx other than 503. */
  refused: number;
}

/**
 * A member of staff: reads their department's inbox and completes each task once it has been
 * there `dwellMs` (the time a person takes), so work is always open when a fault strikes. A
 * completion that gets a 503 or no answer is not sent again: the task may have been completed,
 * and the next read of the inbox says whether it is still open.
 */
export async function workInbox(options: {
  readonly staff: ApiClient;
  readonly dwellMs: number;
  readonly log: RequestLog;
  readonly tally: StaffTally;
  readonly until: () => boolean;
}): Promise<void> {
  const firstSeen = new Map<string, number>();
  while (!options.until()) {
    const inbox = await options.log.send('inbox', () => options.staff.get('/tasks?status=open&limit=50'));
    if (inbox?.status !== 200) {
      await sleep(RETRY_DELAY_MS);
      continue;
    }
    const now = Date.now();
    const ready: string[] = [];
    for (const task of inbox.body.items as { id: string }[]) {
      const seen = firstSeen.get(task.id) ?? now;
      firstSeen.set(task.id, seen);
      if (now - seen >= options.dwellMs) ready.push(task.id);
    }
    for (const id of ready) {
      if (options.until()) return;
      const answer = await options.log.send('complete', () =>
        options.staff.post(`/tasks/${encodeURIComponent(id)}/complete`, { output: {} }),
      );
      if (answer?.status === 200) options.tally.completed.set(id, (options.tally.completed.get(id) ?? 0) + 1);
      else if (answer?.status === 409) options.tally.conflicts++;
      else if (answer && !isRetryable(answer)) options.tally.refused++;
    }
    await sleep(ready.length === 0 ? 250 : 0);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
