import { describe, expect, it } from 'vitest';
import { renderNotification } from '../../plan/render-step';
import { compileErrors, compilePlan, DEPARTMENTS, where, yaml } from './support';

const ANNOUNCE = yaml`
  process: announce
  title: Announce
  owner: hr
  input: { type: object }
  escalation:
    - { at: due, notify: [all-departments, hr] }
  tasks:
    - { id: prepare, title: Prepare, department: hr, due: 1d }
    - id: tell-everyone
      type: notify
      after: [prepare]
      to: { departments: all, roles: [site-manager] }
      text: The site opens on Monday.
`;

describe('every department of the registry as recipients', () => {
  it('compiles departments: all as such, and sends the message to each department of the plan', () => {
    const plan = compilePlan(ANNOUNCE);
    const notify = plan.steps.find((step) => step.kind === 'notify');
    if (notify?.kind !== 'notify') throw new Error('no notify step');
    expect(notify.to).toEqual({ departments: 'all', roles: ['site-manager'], addresses: [] });
    expect(plan.departments).toEqual(DEPARTMENTS);
    expect(renderNotification(notify, new Map(), plan.departments).recipients).toEqual([
      ...DEPARTMENTS.map((department) => `department:${department}`),
      'role:site-manager',
    ]);
  });

  it('lists every department of the registry for an escalation rung notifying all-departments, once each', () => {
    expect(compilePlan(ANNOUNCE).escalation).toEqual([
      { at: { relative: 'at' }, notify: DEPARTMENTS, reassignTo: null },
    ]);
  });

  it('refuses any other text than all in place of the list', () => {
    const errors = compileErrors(yaml`
      process: announce
      title: Announce
      owner: hr
      input: { type: object }
      tasks:
        - { id: tell, type: notify, to: { departments: everyone }, text: Hello }
    `);
    expect(errors.map(where)).toEqual([
      { code: 'schema-pattern', line: 6, column: 50, path: '/tasks/0/to/departments' },
    ]);
    expect(errors[0]?.hint).toContain('or all: every department of the registry');
  });
});
