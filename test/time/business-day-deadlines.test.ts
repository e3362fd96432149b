import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTimeSkipping, type TimeSkipping } from '../support/time-skipping';

/** A contract due in five business days, counted in the French calendar. */
const CONTRACT = `
process: contract
title: Sign a contract
owner: legal
calendar: fr-business
input: { type: object }
tasks:
  - id: sign
    title: Sign the contract
    department: legal
    due: 5 business days
`;

const DAY_MS = 86_400_000;

describe('a deadline days away, on the time-skipping test server', () => {
  let t: TimeSkipping;

  beforeAll(async () => {
    t = await startTimeSkipping('business-days');
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('marks the task overdue at its due date, not a minute before, in seconds of test time', async () => {
    const id = await t.start(t.compile(CONTRACT), {});
    const opened = (await t.status(id)).steps[0];
    expect(opened?.status).toBe('open');
    const dueAt = Date.parse(opened?.dueAt ?? '');
    const openedAt = Date.parse(opened?.openedAt ?? '');
    // Five business days: at least a working week of calendar time, at most with a weekend and holidays.
    expect(dueAt - openedAt).toBeGreaterThanOrEqual(4 * DAY_MS);
    expect(dueAt - openedAt).toBeLessThanOrEqual(12 * DAY_MS);

    await t.env.sleep(dueAt - (await t.env.currentTimeMs()) - 60_000);
    expect((await t.status(id)).steps[0]?.overdue).toBe(false);

    await t.env.sleep(120_000);
    expect((await t.status(id)).steps[0]?.overdue).toBe(true);
    const [row] = await t.db.query('SELECT overdue FROM tasks WHERE id = $1', [`${id}.sign`]);
    expect(row.overdue).toBe(true);
  });
});
