import { parentPort, workerData } from 'node:worker_threads';
import { ApiClient } from '../../test/support/api-client';

/**
 * The throughput scenario's staff, in a worker thread of their own: on the API's event
 * loop they would steal the very time they measure.
 */
export interface StaffLoad {
  readonly apiUrl: string;
  /** One token per member of staff, with the department they belong to. */
  readonly staff: readonly { readonly token: string; readonly department: string }[];
  readonly staffPerDepartment: number;
  readonly totalTasks: number;
}

export interface StaffCounters {
  completions: number;
  conflicts: number;
  errors: number;
}

/**
 * One member of staff: reads their inbox and completes what is in it, as fast as the API
 * answers. Staff of one department split the inbox by task id so they rarely collide.
 */
async function staffLoop(
  staff: ApiClient,
  member: number,
  colleagues: number,
  counters: StaffCounters,
  until: () => boolean,
): Promise<void> {
  while (!until()) {
    const inbox = await staff.get('/tasks?status=open&limit=50');
    const mine = (inbox.body.items as { id: string }[]).filter((task) => hash(task.id) % colleagues === member);
    if (mine.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      continue;
    }
    for (const task of mine) {
      const completed = await staff.post(`/tasks/${task.id}/complete`, { output: {} });
      if (completed.status === 200) counters.completions++;
      else if (completed.status === 409) counters.conflicts++;
      else counters.errors++;
    }
  }
}

function hash(text: string): number {
  let value = 0;
  for (let index = 0; index < text.length; index++) value = (value * 31 + text.charCodeAt(index)) >>> 0;
  return value;
}

async function run(load: StaffLoad): Promise<void> {
  const counters: StaffCounters = { completions: 0, conflicts: 0, errors: 0 };
  const done = () => counters.completions >= load.totalTasks || counters.errors > 0;
  const client = new ApiClient(load.apiUrl);
  const membersSeen = new Map<string, number>();
  const loops = load.staff.map(({ token, department }) => {
    const member = membersSeen.get(department) ?? 0;
    membersSeen.set(department, member + 1);
    return staffLoop(client.as(token), member, load.staffPerDepartment, counters, done);
  });
  const progress = setInterval(() => parentPort?.postMessage({ progress: { ...counters } }), 1_000);
  await Promise.all(loops);
  clearInterval(progress);
  parentPort?.postMessage({ done: counters });
}

if (parentPort) void run(workerData as StaffLoad);
