import { describe, expect, it } from 'vitest';
import { compilePlan, yaml } from './support';

describe('a valid process compiles to a plan', () => {
  it('keeps the process fields, splits templates and converts due and cost', () => {
    const plan = compilePlan(yaml`
      # yaml-language-server: $schema=../language/process.schema.json
      process: employee-onboarding
      title: Onboard a new employee
      owner: hr
      description: From contract to first day.
      input:
        type: object
        required: [employeeName]
        properties:
          employeeName: { type: string }
          startDate: { type: string, format: date }
      tasks:
        - id: contract
          title: "Employment contract for {{ input.employeeName }}"
          description: "Sign it before {{ input.startDate }}."
          department: hr
          due: 5d
          cost: 150
          form:
            type: object
            required: [contractId]
            properties: { contractId: { type: string } }
        - id: laptop
          title: Laptop
          department: it
          after: [contract]
          due: 4h
    `);
    expect(plan).toEqual({
      formatVersion: 2,
      key: 'employee-onboarding',
      title: 'Onboard a new employee',
      owner: 'hr',
      description: 'From contract to first day.',
      input: {
        type: 'object',
        required: ['employeeName'],
        properties: { employeeName: { type: 'string' }, startDate: { type: 'string', format: 'date' } },
      },
      data: {},
      departments: ['hr', 'it', 'finance', 'logistics'],
      steps: [
        {
          kind: 'task',
          id: 'contract',
          title: [{ text: 'Employment contract for ' }, { expression: 'input.employeeName' }],
          description: [{ text: 'Sign it before ' }, { expression: 'input.startDate' }, { text: '.' }],
          department: [{ text: 'hr' }],
          after: [],
          when: null,
          forEach: null,
          due: { ms: 5 * 24 * 3_600_000 },
          cost: { amount: 150 },
          form: { type: 'object', required: ['contractId'], properties: { contractId: { type: 'string' } } },
          source: { line: 13, column: 5, path: '/tasks/0' },
        },
        {
          kind: 'task',
          id: 'laptop',
          title: [{ text: 'Laptop' }],
          description: null,
          department: [{ text: 'it' }],
          after: ['contract'],
          when: null,
          forEach: null,
          due: { ms: 4 * 3_600_000 },
          cost: { amount: 0 },
          form: null,
          source: { line: 23, column: 5, path: '/tasks/1' },
        },
      ],
    });
  });

  it('orders steps so each comes after what it waits for, otherwise in file order', () => {
    const plan = compilePlan(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: welcome, title: Welcome, department: hr, due: 1d, after: [badge, laptop] }
        - { id: laptop, title: Laptop, department: it, due: 1d, after: [contract] }
        - { id: contract, title: Contract, department: hr, due: 1d }
        - { id: badge, title: Badge, department: logistics, due: 1d }
    `);
    expect(plan.steps.map((step) => step.id)).toEqual(['contract', 'laptop', 'badge', 'welcome']);
    expect(plan.steps.map((step) => step.source.path)).toEqual(['/tasks/2', '/tasks/1', '/tasks/3', '/tasks/0']);
  });

  it('has no description when the process gives none', () => {
    const plan = compilePlan(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: a, title: A, department: hr, due: 30s }
    `);
    expect(plan.description).toBeNull();
    expect(plan.steps[0]).toMatchObject({ kind: 'task', due: { ms: 30_000 } });
  });
});
