import { describe, expect, it } from 'vitest';
import { runShim } from './run-cli';

describe('baton plan, through the bin shim', () => {
  it('prints the table, the Gantt chart, the critical path and the costs of a shipped process', async () => {
    const run = await runShim([
      'plan',
      'definitions/employee-onboarding.yaml',
      '--input',
      'definitions/examples/employee-onboarding.json',
      '--start',
      '2027-01-04',
      '--budget',
      '1000',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('Onboard a new employee (employee-onboarding)');
    expect(lines[1]).toBe(
      'start 2027-01-04 09:00, expected finish 2027-02-16 18:00 (32 working days, calendar fr-business)',
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^\* contract\s+task\s+hr\s+2027-01-04 09:00\s+2027-01-06 18:00/),
    );
    // Time to due, then total float: the contract is due Friday 8, two days after it ends; on the critical path.
    expect(lines[3]).toMatch(
      /^step\s+kind\s+department\s+start\s+expected finish\s+due\s+to due\s+float\s+cost\s+notes$/,
    );
    expect(lines).toContainEqual(expect.stringMatching(/^\* contract\s.*2027-01-08 18:00\s+\+2d\s+0d\s+150$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}hire-approval\s+approval\s+skipped \(when: not met\)$/));
    // The first item of the kit is on the critical path now: its row is starred.
    expect(lines).toContainEqual(expect.stringMatching(/^\* {3}equipment\[0\]\s+logistics/));
    // The Gantt chart: three business days of work from the first column, due at the end of the fifth.
    expect(lines).toContainEqual(expect.stringMatching(/^\* contract\s+### {2}\|/));
    expect(lines).toContain('critical path: contract → equipment[0] → ready → first-day → training');
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}total\s+1,395$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}over budget by\s+395$/));
  });

  it('prints the JSON of POST /definitions/:key/plan with --json', async () => {
    const run = await runShim([
      'plan',
      'definitions/service-desk-request.yaml',
      '--input',
      'definitions/examples/service-desk-request.json',
      '--start',
      '2027-01-04',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout);
    expect(plan).toMatchObject({
      key: 'service-desk-request',
      start: '2027-01-04T00:00:00+00:00',
      expectedFinish: '2027-01-10T00:00:00+00:00',
      costs: { total: 145, byDepartment: { finance: 0, it: 120, 'service-desk': 25 } },
    });
  });

  it('refuses an input that does not match the start form, naming the fields: exit 1', async () => {
    const run = await runShim(['plan', 'definitions/site-opening.yaml', '--input-json', '{"siteName": "Lyon"}']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the input does not match the start form of "site-opening"');
    expect(run.stderr).toContain('/siteCode is required');
  });

  it('refuses a start that is no date and a calendar the process does not have: exit 2', async () => {
    const example = ['--input', 'definitions/examples/site-opening.json'];
    const badStart = await runShim(['plan', 'definitions/site-opening.yaml', ...example, '--start', 'monday']);
    expect(badStart.code).toBe(2);
    expect(badStart.stderr).toContain('the start "monday" is not a YYYY-MM-DD date');
    const badCalendar = await runShim([
      'plan',
      'definitions/site-opening.yaml',
      ...example,
      '--calendar',
      'us-business',
    ]);
    expect(badCalendar.code).toBe(2);
    expect(badCalendar.stderr).toContain('cannot count dates in calendar "us-business"');
  });
});
