import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { recordHistory } from '../support/histories';
import { definitionsFolder, startTestBaton, type TestBaton } from '../support/test-baton';
import { userClient } from '../support/users';
import { eventually } from '../support/wait';

/** A site opening that welcomes each hire through a process of its own. */
const OPEN_SITE = `
process: open-site
title: Open a site
owner: operations
input:
  type: object
  required: [site, hires]
  properties:
    site: { type: string }
    hires:
      type: array
      items:
        type: object
        properties: { name: { type: string } }
tasks:
  - id: welcome-hires
    type: process
    process: welcome-hire
    forEach: input.hires
    as: hire
    input:
      name: "{{ hire.name }}"
      site: "{{ input.site }}"
  - id: celebrate
    title: "Celebrate the team of {{ input.site }}"
    department: operations
    after: [welcome-hires]
    due: 1d
`;

const WELCOME_HIRE = `
process: welcome-hire
title: Welcome a hire
owner: hr
input:
  type: object
  required: [name, site]
  properties:
    name: { type: string }
    site: { type: string }
tasks:
  - id: badge
    title: "Badge for {{ input.name }} at {{ input.site }}"
    department: security
    due: 1d
`;

interface Step {
  readonly stepId: string;
  readonly status: string;
  readonly child?: { readonly instanceId: string; readonly status?: string };
  readonly items?: readonly Step[];
}

describe('sub-processes', () => {
  let t: TestBaton;
  let manager: ApiClient;
  let security: ApiClient;

  beforeAll(async () => {
    t = await startTestBaton(
      'sub-processes',
      definitionsFolder({ 'open-site.yaml': OPEN_SITE, 'welcome-hire.yaml': WELCOME_HIRE }),
    );
    manager = await userClient(t.admin, 'manager');
    security = await userClient(t.admin, 'staff', 'security');
  });

  afterAll(async () => {
    await t?.stop();
  });

  async function childrenOf(parentId: string): Promise<Step[]> {
    return eventually(async () => {
      const status = await manager.get(`/instances/${parentId}`);
      const items: Step[] = status.body.steps[0].items ?? [];
      return items.length > 0 && items.every((item) => item.child?.status === 'running') ? items : null;
    }, 'the sub-processes to start');
  }

  it('starts one child per hire, lists their tasks under the parent, and goes on when all are done', async () => {
    const started = await manager.post('/definitions/open-site/instances', {
      input: { site: 'Lyon', hires: [{ name: 'Ada' }, { name: 'Bo' }] },
    });
    expect(started.status).toBe(201);
    const parentId = started.body.id;

    const items = await childrenOf(parentId);
    expect(items.map((item) => [item.stepId, item.status])).toEqual([
      ['welcome-hires[0]', 'open'],
      ['welcome-hires[1]', 'open'],
    ]);
    const childIds = items.map((item) => item.child?.instanceId ?? '');

    const child = await manager.get(`/instances/${childIds[0]}`);
    expect(child.body).toMatchObject({
      key: 'welcome-hire',
      parentInstanceId: parentId,
      parentStepId: 'welcome-hires[0]',
    });

    const tasks = await eventually(async () => {
      const listed = await manager.get(`/tasks?instance=${parentId}`);
      return listed.body.items.length === 2 ? listed.body.items : null;
    }, 'both badge tasks to be listed under the parent');
    expect(tasks.map((task: { title: string }) => task.title).sort()).toEqual([
      'Badge for Ada at Lyon',
      'Badge for Bo at Lyon',
    ]);
    expect(tasks.every((task: { parentInstanceId: string }) => task.parentInstanceId === parentId)).toBe(true);

    for (const childId of childIds) {
      expect((await security.post(`/tasks/${childId}.badge/complete`, { output: {} })).status).toBe(200);
    }
    const celebrate = await eventually(async () => {
      const task = await t.admin.get(`/tasks/${parentId}.celebrate`);
      return task.status === 200 ? task.body : null;
    }, 'the celebration to open once every hire is welcomed');
    expect(celebrate).toMatchObject({ title: 'Celebrate the team of Lyon', status: 'open' });

    const parent = await manager.get(`/instances/${parentId}`);
    expect(parent.body.steps[0].status).toBe('done');
    expect(parent.body.steps[0].items.map((item: Step) => item.child?.status)).toEqual(['completed', 'completed']);
    recordHistory(parentId, 'open-site-with-sub-processes');
    recordHistory(childIds[0] ?? '', 'welcome-hire-as-sub-process');
  });

  it('cancels the children and their tasks when the parent is cancelled', async () => {
    const parentId = (
      await manager.post('/definitions/open-site/instances', { input: { site: 'Nantes', hires: [{ name: 'Cy' }] } })
    ).body.id;
    const [item] = await childrenOf(parentId);
    const childId = item?.child?.instanceId ?? '';
    await eventually(async () => (await security.get(`/tasks/${childId}.badge`)).status === 200, 'the badge task');

    expect((await manager.post(`/instances/${parentId}/cancel`)).status).toBe(200);

    const badge = await eventually(async () => {
      const task = await security.get(`/tasks/${childId}.badge`);
      return task.body.status === 'cancelled' ? task.body : null;
    }, 'the child task to be cancelled');
    expect(badge.status).toBe('cancelled');
    const child = await eventually(async () => {
      const instance = await manager.get(`/instances/${childId}`);
      return instance.body.status === 'cancelled' ? instance.body : null;
    }, 'the child instance to be cancelled');
    expect(child.status).toBe('cancelled');
  });

  it('fails the step, naming the field, when the input does not match the child process', async () => {
    const parentId = (
      await manager.post('/definitions/open-site/instances', { input: { site: 'Lille', hires: [{ id: 7 }] } })
    ).body.id;
    const failed = await eventually(async () => {
      const status = await manager.get(`/instances/${parentId}`);
      return status.body.steps[0].status === 'failed' ? status.body.steps[0] : null;
    }, 'the sub-process step to fail');
    expect(failed.items[0].error).toContain('/name is required');
  });
});
