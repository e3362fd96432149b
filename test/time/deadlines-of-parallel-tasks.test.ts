import { temporal } from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTimeSkipping, type TimeSkipping } from '../support/time-skipping';

/** Three inspections in parallel, due the same day, and a report due a day after the first. */
const INSPECTIONS = `
process: inspections
title: Inspect a site
owner: operations
input: { type: object }
tasks:
  - { id: electrical, title: Electrical, department: maintenance, due: 2d }
  - { id: plumbing, title: Plumbing, department: maintenance, due: 2d }
  - { id: fire-safety, title: Fire safety, department: maintenance, due: 2d }
  - { id: report, title: Report, department: operations, after: [electrical], due: 1d }
`;

const HOUR_MS = 3_600_000;
const { EventType } = temporal.api.enums.v1;

describe('the deadlines of tasks open at the same time, on the time-skipping test server', () => {
  let t: TimeSkipping;

  beforeAll(async () => {
    t = await startTimeSkipping('parallel-deadlines');
  });

  afterAll(async () => {
    await t?.stop();
  });

  /** Completes the electrical inspection at once, lets the report's due date pass, then the other two's. */
  async function playInspections(id: string): Promise<void> {
    const overdue = async () =>
      (await t.status(id)).steps
        .filter((step) => step.overdue)
        .map((step) => step.stepId)
        .sort();

    await t.complete(`${id}.electrical`);
    // The report is due in a day, the other two inspections in two.
    await t.env.sleep(24 * HOUR_MS + HOUR_MS);
    expect(await overdue()).toEqual(['report']);

    await t.env.sleep(24 * HOUR_MS);
    expect(await overdue()).toEqual(['fire-safety', 'plumbing', 'report']);
    const rows = await t.db.query('SELECT step_id FROM tasks WHERE instance_id = $1 AND overdue ORDER BY step_id', [
      id,
    ]);
    expect(rows.map((row: { step_id: string }) => row.step_id)).toEqual(['fire-safety', 'plumbing', 'report']);
  }

  async function timersStarted(id: string): Promise<number> {
    const history = await t.env.client.workflow.getHandle(id).fetchHistory();
    return (history.events ?? []).filter((event) => event.eventType === EventType.EVENT_TYPE_TIMER_STARTED).length;
  }

  it('marks each task overdue at its own due date, with one timer for the instance at a time', async () => {
    const id = await t.start(t.compile(INSPECTIONS), {});
    await playInspections(id);
    // The three inspections' shared date, then the report's (the earliest after the first completion), then the two left's.
    expect(await timersStarted(id)).toBe(3);
  });

  it('does the same for an instance started before runtime 2, with a timer per task', async () => {
    const id = await t.start(t.compile(INSPECTIONS), {}, 1);
    await playInspections(id);
    expect(await timersStarted(id)).toBe(4);
  });
});
