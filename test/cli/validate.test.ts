import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runShim } from './run-cli';

const VALID = `process: badge-request
title: Request a badge
owner: security
input:
  type: object
  required: [employeeName]
  properties:
    employeeName: { type: string }
tasks:
  - id: badge
    title: "Badge for {{ input.employeeName }}"
    department: security
    due: 2d
`;

// Two mistakes: an owner that is no department (line 3) and a due date without a unit (line 13).
const TWO_ERRORS = VALID.replace('owner: security', 'owner: securty').replace('due: 2d', 'due: two days');

describe('baton validate, through the bin shim', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-cli-validate-'));
  const write = (name: string, source: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, source);
    return file;
  };

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('accepts a valid file: exit 0', async () => {
    const file = write('valid.yaml', VALID);
    const run = await runShim(['validate', file]);
    expect(run.stdout).toBe('✓ 1 file valid\n');
    expect(run.code).toBe(0);
  });

  it('prints every error as file:line:col  code  message  (hint), then a summary: exit 1', async () => {
    const file = write('two-errors.yaml', TWO_ERRORS);
    const run = await runShim(['validate', file]);
    const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${escaped}:3:8  unknown-department  .*\\(did you mean "security"\\?\\)$`));
    expect(lines[1]).toMatch(new RegExp(`^${escaped}:13:10  invalid-due  .*\\(.+\\)$`));
    expect(lines.at(-1)).toBe('1 file, 2 errors');
    expect(run.code).toBe(1);
  });

  it('reads the data files a process imports from the data/ folder beside it', async () => {
    fs.mkdirSync(path.join(dir, 'data'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'data', 'badge-types.yaml'), 'badgeTypes:\n  visitor: Visitor badge\n');
    const file = write('imports.yaml', VALID.replace('owner: security', 'owner: security\nimports: [badge-types]'));
    const run = await runShim(['validate', file]);
    expect(run.stdout).toBe('✓ 1 file valid\n');
    expect(run.code).toBe(0);
  });

  it('reads the calendars a process names from the calendars/ folder beside it', async () => {
    const folder = path.join(dir, 'with-calendars');
    fs.mkdirSync(path.join(folder, 'calendars'), { recursive: true });
    fs.copyFileSync(
      path.join(REPO_ROOT, 'definitions', 'calendars', 'fr-business.yaml'),
      path.join(folder, 'calendars', 'fr-business.yaml'),
    );
    const source = VALID.replace('owner: security', 'owner: security\ncalendar: fr-business').replace(
      'due: 2d',
      'due: 2 business days',
    );
    fs.writeFileSync(path.join(folder, 'valid.yaml'), source);
    fs.writeFileSync(
      path.join(folder, 'misspelt.yaml'),
      source.replace('calendar: fr-business', 'calendar: fr-busines'),
    );
    const run = await runShim(['validate', folder]);
    const misspelt = path.join(folder, 'misspelt.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(run.stdout).toMatch(
      new RegExp(
        `^${misspelt}:4:11  unknown-calendar  unknown calendar "fr-busines"  \\(did you mean "fr-business"\\?\\)$`,
        'm',
      ),
    );
    expect(run.stdout.trim().split('\n').at(-1)).toBe('2 files, 1 error');
    expect(run.code).toBe(1);
  });

  it('reports a calendar file that does not read at its file:line:col: exit 1', async () => {
    const folder = path.join(dir, 'broken-calendar');
    fs.mkdirSync(path.join(folder, 'calendars'), { recursive: true });
    fs.writeFileSync(
      path.join(folder, 'calendars', 'fr-business.yaml'),
      'title: France\ntimeZone: Europe/Paris\nworkingDays: [monday]\nworkingHours: { start: "18:00", end: "09:00" }\nholidays: []\n',
    );
    fs.writeFileSync(path.join(folder, 'valid.yaml'), VALID);
    const run = await runShim(['validate', path.join(folder, 'valid.yaml')]);
    const calendarFile = path.join(folder, 'calendars', 'fr-business.yaml');
    expect(run.stdout).toContain(`${calendarFile}:4:38  invalid-working-hours  working hours end at 09:00`);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('2 files, 1 error');
    expect(run.code).toBe(1);
  });

  it('says which file it cannot read: exit 2', async () => {
    const missing = path.join(dir, 'missing.yaml');
    const run = await runShim(['validate', missing]);
    expect(run.stderr).toContain(`cannot read ${missing}: no such file`);
    expect(run.stdout).toBe('');
    expect(run.code).toBe(2);
  });
});
