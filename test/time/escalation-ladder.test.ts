import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalationInstant, parseEscalationTime } from '../../plan/escalation';
import type { CompiledCalendar } from '../../plan/types';
import { startTimeSkipping, type TimeSkipping } from '../support/time-skipping';

/** A fit-out due in ten business days, with the ladder every task of the process gets. */
const FIT_OUT = `
process: fit-out
title: Fit out the shop
owner: operations
calendar: fr-business
escalation:
  - { at: 1 business day before due, notify: [department] }
  - { at: due, notify: [department-lead] }
  - { at: 2 business days after due, notify: [process-owner] }
  - { at: 3 business days after due, reassign: logistics, notify: [department] }
input: { type: object }
tasks:
  - id: fit-out
    title: Fit out the shop
    department: maintenance
    due: 10 business days
`;

interface Row {
  readonly recipient: string;
  readonly message: string;
  readonly created_at: Date;
}

describe('an escalation ladder, on the time-skipping test server', () => {
  let t: TimeSkipping;

  beforeAll(async () => {
    t = await startTimeSkipping('escalation');
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('reminds, notifies the lead at the due date, then the owner, then moves the task to the backup queue, in order', async () => {
    const plan = t.compile(FIT_OUT);
    const calendar = plan.calendars?.['fr-business'] as CompiledCalendar;
    const id = await t.start(plan, {});
    const dueAt = Date.parse((await t.status(id)).steps[0]?.dueAt ?? '');
    const rungAt = (text: string) =>
      escalationInstant(parseEscalationTime(text) ?? { relative: 'at' }, dueAt, calendar);

    await t.env.sleep(rungAt('3 business days after due') + 60_000 - (await t.env.currentTimeMs()));

    const rows: Row[] = await t.db.query(
      `SELECT recipient, message, created_at FROM notifications WHERE instance_id = $1 AND kind = 'escalation'
       ORDER BY created_at, id`,
      [id],
    );
    expect(rows.map((row) => row.recipient)).toEqual([
      'department:maintenance',
      'department-lead:maintenance',
      'department:operations',
      'department:maintenance',
      'department:logistics',
    ]);
    const expected = [
      rungAt('1 business day before due'),
      dueAt,
      rungAt('2 business days after due'),
      rungAt('3 business days after due'),
      rungAt('3 business days after due'),
    ];
    // Each at its instant: a timer fires then, or within the test server's scheduling of it.
    rows.forEach((row, index) => {
      const late = row.created_at.getTime() - (expected[index] ?? 0);
      expect(late, `rung ${index}`).toBeGreaterThanOrEqual(0);
      expect(late, `rung ${index}`).toBeLessThan(1_000);
    });
    expect(rows[0]?.message).toMatch(/^Reminder: "Fit out the shop" is due /);
    expect(rows[3]?.message).toContain("It moves from maintenance's queue to logistics's.");
    // Each rung a business day or more apart, none on a weekend.
    expect(rungAt('2 business days after due') - dueAt).toBeGreaterThanOrEqual(2 * 86_400_000);

    const [task] = await t.db.query('SELECT department, overdue FROM tasks WHERE id = $1', [`${id}.fit-out`]);
    expect(task).toEqual({ department: 'logistics', overdue: true });
    expect((await t.status(id)).steps[0]).toMatchObject({ department: 'logistics', overdue: true, status: 'open' });
  });
});
