import { describe, expect, it } from 'vitest';
import type { TaskStep } from '../../plan/types';
import { compileErrors, compilePlan, where, yaml } from './support';

describe('an escalation ladder', () => {
  it('compiles on the process, and a task may give its own', () => {
    const plan = compilePlan(yaml`
      process: p
      title: P
      owner: hr
      escalation:
        - { at: 1 business day before due, notify: [department] }
        - { at: due, notify: [department-lead, role:site-manager] }
        - { at: 2 days after due, reassign: logistics, notify: [process-owner, finance] }
      input: { type: object }
      tasks:
        - { id: a, title: A, department: hr, due: 1d }
        - id: b
          title: B
          department: it
          due: 2d
          escalation: [{ at: 4h after due, notify: [department] }]
    `);
    expect(plan.escalation).toEqual([
      { at: { relative: 'before', by: { kind: 'business-days', days: 1 } }, notify: ['department'], reassignTo: null },
      { at: { relative: 'at' }, notify: ['department-lead', 'role:site-manager'], reassignTo: null },
      {
        at: { relative: 'after', by: { kind: 'days', days: 2 } },
        notify: ['process-owner', 'finance'],
        reassignTo: 'logistics',
      },
    ]);
    const [a, b] = plan.steps as TaskStep[];
    expect(a?.escalation).toBeUndefined();
    expect(b?.escalation).toEqual([
      { at: { relative: 'after', by: { kind: 'clock', ms: 4 * 3_600_000 } }, notify: ['department'], reassignTo: null },
    ]);
  });

  it('reports a time it cannot read, an unknown recipient and an unknown backup department, each where written', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      escalation:
        - { at: tomorrow, notify: [department] }
        - { at: due, notify: [departement-lead] }
        - { at: 1 day after due, reassign: logistic }
      input: { type: object }
      tasks:
        - { id: a, title: A, department: hr, due: 1d }
    `);
    expect(errors.map(where)).toEqual([
      { code: 'invalid-escalation', line: 5, column: 11, path: '/escalation/0/at' },
      { code: 'unknown-department', line: 6, column: 25, path: '/escalation/1/notify/0' },
      { code: 'unknown-department', line: 7, column: 38, path: '/escalation/2/reassign' },
    ]);
    expect(errors[1]?.hint).toContain('department-lead');
  });

  it('needs something to do on each rung', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - id: a
          title: A
          department: hr
          due: 1d
          escalation: [{ at: due }]
    `);
    expect(errors.map((error) => [error.code, error.line])).toEqual([['invalid-escalation', 10]]);
  });
});
