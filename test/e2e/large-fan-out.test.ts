import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAXIMUM_FAN_OUT } from '../../plan/fan-out';
import type { ApiClient } from '../support/api-client';
import { definitionsFolder, startTestBaton, type TestBaton } from '../support/test-baton';
import { userClient } from '../support/users';
import { eventually } from '../support/wait';

/** One task per badge to print: a list as long as a large site's staff. */
const BADGES = `
process: badges
title: Print badges
owner: security
input:
  type: object
  required: [people]
  properties:
    people: { type: array, items: { type: string } }
tasks:
  - id: badge
    forEach: input.people
    title: "Badge for {{ item }}"
    department: security
    due: 2d
`;

/** Badges numbered from 1 to a count: a list the start form cannot bound. */
const BADGE_RANGES = `
process: badge-ranges
title: Print numbered badges
owner: security
input:
  type: object
  required: [count]
  properties:
    count: { type: integer, minimum: 1 }
tasks:
  - id: badge
    forEach: "[1..input.count]"
    title: "Badge {{ item }}"
    department: security
    due: 2d
`;

/**
 * A hire's welcome as a sub-process whose plan carries a large reference table: 200 of them
 * started in one workflow task were more than Temporal accepts in one message.
 */
const WELCOME = `
process: welcome
title: Welcome a hire
owner: hr
input:
  type: object
  required: [name]
  properties:
    name: { type: string }
data:
  handbook: [${Array.from({ length: 400 }, (_, index) => `"chapter ${index}: what every newcomer should know on day ${index}"`).join(', ')}]
tasks:
  - id: welcome-pack
    title: "Welcome pack for {{ input.name }}"
    department: hr
    due: 2d
`;

const HIRES = `
process: hires
title: Welcome every hire of a site
owner: hr
input:
  type: object
  required: [names]
  properties:
    names: { type: array, items: { type: string } }
tasks:
  - id: welcome
    type: process
    process: welcome
    forEach: input.names
    input: { name: "{{ item }}" }
`;

const names = (count: number) => Array.from({ length: count }, (_, index) => `Person ${index}`);

describe('large fan-out', () => {
  let t: TestBaton;
  let manager: ApiClient;

  beforeAll(async () => {
    t = await startTestBaton(
      'large-fan-out',
      definitionsFolder({
        'badges.yaml': BADGES,
        'badge-ranges.yaml': BADGE_RANGES,
        'welcome.yaml': WELCOME,
        'hires.yaml': HIRES,
      }),
    );
    manager = await userClient(t.admin, 'manager');
  });

  afterAll(async () => {
    await t?.stop();
  });

  it(`opens a task for each of ${MAXIMUM_FAN_OUT} items, and completing one leaves the others open`, async () => {
    const started = await manager.post('/definitions/badges/instances', { input: { people: names(MAXIMUM_FAN_OUT) } });
    expect(started.status).toBe(201);
    const id = started.body.id;
    const tasks = await t.admin.get(`/tasks?instance=${id}&status=open&limit=200`);
    expect(tasks.body.items).toHaveLength(200);
    expect(tasks.body.nextCursor).not.toBeNull();

    const status = await manager.get(`/instances/${id}`);
    expect(status.body.steps[0].items).toHaveLength(MAXIMUM_FAN_OUT);
    expect(status.body.progress).toEqual({ done: 0, total: 1 });

    const last = `${id}.badge[${MAXIMUM_FAN_OUT - 1}]`;
    expect((await t.admin.get(`/tasks/${last}`)).body).toMatchObject({
      status: 'open',
      title: `Badge for Person ${MAXIMUM_FAN_OUT - 1}`,
    });
    const done = await t.admin.post(`/tasks/${last}/complete`, { output: {} });
    expect(done.status).toBe(200);
    expect((await manager.get(`/instances/${id}`)).body.status).toBe('running');
  });

  it(`refuses a start whose list for a forEach has more than ${MAXIMUM_FAN_OUT} items, naming the field`, async () => {
    const refused = await manager.post('/definitions/badges/instances', {
      input: { people: names(MAXIMUM_FAN_OUT + 1) },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: '/people', message: expect.stringContaining(`${MAXIMUM_FAN_OUT}`) }),
    ]);
  });

  it(`fails a step whose computed list has more than ${MAXIMUM_FAN_OUT} items, saying so, and opens none of them`, async () => {
    const started = await manager.post('/definitions/badge-ranges/instances', {
      input: { count: MAXIMUM_FAN_OUT + 1 },
    });
    expect(started.status).toBe(201);
    const status = await manager.get(`/instances/${started.body.id}`);
    expect(status.body.steps[0]).toMatchObject({ status: 'failed' });
    expect(status.body.steps[0].error).toContain(`${MAXIMUM_FAN_OUT + 1} items`);
    expect(status.body.steps[0].error).toContain(`at most ${MAXIMUM_FAN_OUT}`);
    const tasks = await t.admin.get(`/tasks?instance=${started.body.id}`);
    expect(tasks.body.items).toHaveLength(0);
  });

  it('starts 200 sub-processes with large plans in batches, each with its task', async () => {
    const started = await manager.post('/definitions/hires/instances', { input: { names: names(200) } });
    expect(started.status).toBe(201);
    const id = started.body.id;
    const children = await eventually(
      async () => {
        const status = await manager.get(`/instances/${id}`);
        const items = status.body.steps[0].items as { status: string; child?: { status: string } }[];
        return items.every((item) => item.child?.status === 'running') ? items : null;
      },
      'every sub-process to run',
      120_000,
    );
    expect(children).toHaveLength(200);
    const welcomePacks = await t.admin.get(`/tasks?instance=${id}&status=open&limit=200`);
    expect(welcomePacks.body.items).toHaveLength(200);
    expect((await manager.get(`/instances/${id}`)).body.status).toBe('running');
  }, 180_000);
});
