import { describe, expect, it } from 'vitest';
import { compileErrors, compilePlan, where, yaml } from './support';

describe('effort', () => {
  it('is a duration in any form of a due, on every kind of step; absent, the plan step has none', () => {
    const plan = compilePlan(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: contract, title: Contract, department: hr, due: 10 business days, effort: 3 business days }
        - { id: ready, type: milestone, after: [contract], effort: 4h }
        - { id: settle, type: wait, for: 2d, after: [ready], effort: 2 weeks }
        - { id: child, type: process, process: other, after: [settle], effort: 8 business hours }
        - { id: tell, type: notify, to: { departments: [hr] }, text: Done, after: [child] }
    `);
    expect(plan.steps.map((step) => [step.id, step.effort])).toEqual([
      ['contract', { kind: 'business-days', days: 3 }],
      ['ready', { kind: 'clock', ms: 4 * 3_600_000 }],
      ['settle', { kind: 'days', days: 14 }],
      ['child', { kind: 'business-hours', hours: 8 }],
      ['tell', undefined],
    ]);
    expect('effort' in (plan.steps[4] ?? {})).toBe(false);
  });

  it('refuses what is not a duration, a template included, at its line and column', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - id: contract
          title: Contract
          department: hr
          due: 5d
          effort: three days
        - { id: sign, title: Sign, department: hr, due: 1d, effort: "{{ input.days }}" }
        - { id: file, title: File, department: hr, due: 1d, effort: 0 business days }
    `);
    expect(errors.map(where)).toEqual([
      { code: 'invalid-duration', line: 10, column: 13, path: '/tasks/0/effort' },
      { code: 'invalid-duration', line: 11, column: 63, path: '/tasks/1/effort' },
      { code: 'invalid-duration', line: 12, column: 63, path: '/tasks/2/effort' },
    ]);
    expect(errors[0]?.message).toBe('effort "three days" is not a positive duration');
    expect(errors[0]?.hint).toContain('5 business days');
    expect(errors[1]?.hint).toContain('no {{ expression }} here');
  });

  it('is a string: another type is the language schema’s to report', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: contract, title: Contract, department: hr, due: 5d, effort: 3 }
    `);
    expect(errors.map(where)).toEqual([{ code: 'schema-type', line: 6, column: 71, path: '/tasks/0/effort' }]);
  });
});
