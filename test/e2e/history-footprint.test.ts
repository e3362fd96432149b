import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { definitionsFolder, startTestBaton, type TestBaton } from '../support/test-baton';
import { userClient } from '../support/users';

const HANDOVER = `
process: handover
title: Keys handover
owner: operations
input:
  type: object
  required: [site]
  properties:
    site: { type: string }
tasks:
  - id: cut-keys
    title: "Cut the keys of {{ input.site }}"
    department: maintenance
    due: 1d
    cost: 80
  - id: hand-over
    title: "Hand the keys of {{ input.site }} over"
    department: operations
    after: [cut-keys]
    due: 1d
`;

const { EventType } = temporal.api.enums.v1;

/** Every event of an instance's history is stored by Temporal and replayed by workers: Baton adds no more than it needs. */
describe("an instance's history", () => {
  let t: TestBaton;
  let maintenance: ApiClient;
  let history: temporal.api.history.v1.IHistory;

  beforeAll(async () => {
    t = await startTestBaton('footprint', definitionsFolder({ 'handover.yaml': HANDOVER }));
    const manager = await userClient(t.admin, 'manager');
    maintenance = await userClient(t.admin, 'staff', 'maintenance');
    const started = await manager.post('/definitions/handover/instances', { input: { site: 'Lyon' } });
    expect(started.status).toBe(201);
    const completed = await maintenance.post(`/tasks/${started.body.id}.cut-keys/complete`, { output: {} });
    expect(completed.status).toBe(200);
    history = await t.baton.context.temporal.workflow.getHandle(started.body.id).fetchHistory();
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('holds no patch marker and no search-attribute upsert while it runs: its start input fixes its behaviour', () => {
    const types = (history.events ?? []).map((event) => event.eventType);
    const markers = (history.events ?? []).flatMap((event) => event.markerRecordedEventAttributes?.markerName ?? []);
    expect(markers.filter((name) => name !== 'core_local_activity')).toEqual([]);
    expect(types).not.toContain(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES);
  });

  it("keeps the opened tasks' ids in the start's answer and the task's row in a completion's, not whole views", () => {
    const answers = (history.events ?? []).flatMap(
      (event) => event.workflowExecutionUpdateCompletedEventAttributes?.outcome?.success?.payloads ?? [],
    );
    const [start, completion] = answers.map((payload) => defaultPayloadConverter.fromPayload(payload));
    expect(start).toEqual({ taskIds: [expect.stringMatching(/\.cut-keys$/)] });
    expect(completion).toEqual({
      taskId: expect.stringMatching(/\.cut-keys$/),
      overdue: false,
      actualCost: 80,
      completedAt: expect.any(String),
      completedBy: expect.any(String),
    });
  });
});
