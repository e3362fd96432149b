import { describe, expect, it } from 'vitest';
import { compileErrors, compilePlan, where, yaml } from './support';

describe('names an expression starts from', () => {
  it('must be input, data, steps, process or instance, suggesting the one meant', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - id: contract
          title: "Contract for {{ inptu.employeeName }} at {{ site }}"
          department: hr
          due: 1d
          when: instance.id != '' and procss.version > 1
    `);
    expect(errors.map(where)).toEqual([
      { code: 'unknown-reference', line: 7, column: 29, path: '/tasks/0/title' },
      { code: 'unknown-reference', line: 7, column: 57, path: '/tasks/0/title' },
      { code: 'unknown-reference', line: 10, column: 33, path: '/tasks/0/when' },
    ]);
    expect(errors.map((error) => error.hint)).toEqual([
      'did you mean "input"?',
      'expressions start from: input, data, steps, process, instance',
      'did you mean "process"?',
    ]);
    expect(errors[0]?.message).toBe('"inptu" is not a name an expression can start from');
  });

  it('checks only what is read from the root: not later steps, predicates, sort terms or functions within a path', () => {
    const plan = compilePlan(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      data:
        catalogue: [{ name: laptop, price: 900 }]
      tasks:
        - id: order
          title: "{{ $count(data.catalogue[price > 100 and name != 'x'].name) }} {{ input.items^(name).$uppercase(label) }}"
          description: "{{ $$.input.site }} {{ $map(input.items, function($v) { $v.name }) }}"
          department: hr
          due: 1d
    `);
    expect(plan.steps[0]?.id).toBe('order');
  });

  it('checks the arguments of a function and the body of a lambda, which read the root', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - id: order
          title: "{{ $count(itmes) }} {{ $map(input.items, function($v) { naem }) }} {{ $$.inptu }}"
          department: hr
          due: 1d
    `);
    expect(errors.map(where)).toEqual([
      { code: 'unknown-reference', line: 7, column: 23, path: '/tasks/0/title' },
      { code: 'unknown-reference', line: 7, column: 69, path: '/tasks/0/title' },
      { code: 'unknown-reference', line: 7, column: 86, path: '/tasks/0/title' },
    ]);
  });
});

describe('fields of what an expression reads', () => {
  it('are known for the process, the instance and each step, and suggested when misspelt', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: contract, title: Contract, department: hr, due: 1d }
        - id: welcome
          title: "{{ process.titel }} since {{ instance.startedat }}"
          description: "Contract {{ steps.contract.contractId }}, {{ steps.contract.completedby }}"
          department: hr
          due: 1d
          after: [contract]
    `);
    expect(errors.map(where)).toEqual([
      { code: 'unknown-reference', line: 8, column: 24, path: '/tasks/1/title' },
      { code: 'unknown-reference', line: 8, column: 51, path: '/tasks/1/title' },
      { code: 'unknown-reference', line: 9, column: 46, path: '/tasks/1/description' },
      { code: 'unknown-reference', line: 9, column: 79, path: '/tasks/1/description' },
    ]);
    expect(errors.map((error) => error.hint)).toEqual([
      'did you mean "title"?',
      'did you mean "startedAt"?',
      "what the step's staff entered, or its response, is under output: steps.contract.output.contractId",
      'did you mean "completedBy"?',
    ]);
  });
});

describe('reading the steps before', () => {
  it('reads any step the step waits for, directly or through others', () => {
    const plan = compilePlan(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: contract, title: Contract, department: hr, due: 1d }
        - { id: accounts, title: Accounts, department: it, due: 1d, after: [contract] }
        - id: welcome
          title: "Welcome, contract {{ steps.contract.output.contractId }}, login {{ steps.accounts.output.login }}"
          department: hr
          due: 1d
          after: [accounts]
    `);
    expect(plan.steps.map((step) => step.id)).toEqual(['contract', 'accounts', 'welcome']);
  });

  it('refuses a step that does not exist, suggesting the id meant', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: contract, title: Contract, department: hr, due: 1d }
        - { id: welcome, title: "{{ steps.contrat.output.id }}", department: hr, due: 1d, after: [contract] }
    `);
    expect(errors.map(where)).toEqual([{ code: 'unknown-reference', line: 7, column: 37, path: '/tasks/1/title' }]);
    expect(errors[0]?.message).toBe('"steps.contrat" names no step of this process');
    expect(errors[0]?.hint).toBe('did you mean "contract"?');
  });

  it('refuses a step not waited for, or the step itself, saying what to add to after', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: contract, title: Contract, department: hr, due: 1d }
        - id: laptop
          title: Laptop
          department: it
          due: 1d
          when: steps.contract.output.needsLaptop
          cost: steps.laptop.output.price
    `);
    expect(errors.map(where)).toEqual([
      { code: 'step-not-before', line: 11, column: 17, path: '/tasks/1/when' },
      { code: 'step-not-before', line: 12, column: 17, path: '/tasks/1/cost' },
    ]);
    expect(errors[0]?.message).toBe('step "laptop" reads "steps.contract", but does not wait for step "contract"');
    expect(errors[0]?.hint).toContain('add "contract" to the "after" of "laptop"');
    expect(errors[1]?.message).toBe('step "laptop" reads its own result ("steps.laptop")');
  });
});

/** A backtick inside yaml`...`, which keeps escapes as written. */
const BACKTICK = '`';

describe('names with dashes', () => {
  it('are read in backticks: steps.first-day would subtract "day" from steps.first', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: first-day, title: First day, department: hr, due: 1d }
        - id: feedback
          title: "Feedback on {{ steps.first-day.completedAt }} (fine: {{ steps.${BACKTICK}first-day${BACKTICK}.completedBy }})"
          department: hr
          due: 1d
          after: [first-day]
          when: steps.step-2.output
    `);
    expect(errors.map(where)).toEqual([
      { code: 'invalid-expression', line: 8, column: 34, path: '/tasks/1/title' },
      { code: 'invalid-expression', line: 12, column: 17, path: '/tasks/1/when' },
    ]);
    expect(errors[0]?.message).toBe(
      '"steps.first-day" reads as "first" minus "day": JSONata takes "-" for a subtraction',
    );
    expect(errors[0]?.hint).toBe(
      'quote a name with dashes in backticks: steps.`first-day` (or put spaces around "-" for a subtraction)',
    );
    expect(errors[1]?.hint).toBe(
      'quote a name with dashes in backticks: steps.`step-2` (JSONata reads "-" as a subtraction)',
    );
  });

  it('leave a subtraction of two root names alone', () => {
    const plan = compilePlan(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: a, title: "{{ input.total-input.discount }}", department: hr, due: 1d }
    `);
    expect(plan.steps[0]).toMatchObject({ title: [{ expression: 'input.total-input.discount' }] });
  });
});

describe('forEach', () => {
  it('names the item "item" and its position "index" in the fields evaluated per item', () => {
    const plan = compilePlan(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - id: equipment
          forEach: input.equipment
          title: "Item {{ index + 1 }}: {{ item.name }}"
          department: logistics
          due: 1d
    `);
    expect(plan.steps[0]?.forEach).toEqual({ items: 'input.equipment', as: 'item' });
  });

  it('names the item as "as" says, and "item" then means nothing', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - id: equipment
          forEach: input.equipment
          as: kit
          title: "{{ kit.name }} {{ item.name }}"
          department: logistics
          due: 1d
    `);
    expect(errors.map(where)).toEqual([{ code: 'unknown-reference', line: 9, column: 31, path: '/tasks/0/title' }]);
    expect(errors[0]?.hint).toBe('this step names its item "kit" (as: kit): write kit');
  });

  it('has no item in its own list, in its condition, or in steps without forEach', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - id: equipment
          forEach: item.parts
          when: index > 0
          title: Equipment
          department: logistics
          due: 1d
        - { id: other, title: "{{ item }}", department: hr, due: 1d }
    `);
    expect(errors.map(where)).toEqual([
      { code: 'unknown-reference', line: 7, column: 14, path: '/tasks/0/forEach' },
      { code: 'unknown-reference', line: 8, column: 11, path: '/tasks/0/when' },
      { code: 'unknown-reference', line: 12, column: 29, path: '/tasks/1/title' },
    ]);
    expect(errors[2]?.hint).toContain('exists only in the per-item fields of a step with forEach');
  });

  it('refuses "as" without forEach, and an item name expressions already use', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: a, title: A, department: hr, due: 1d, as: thing }
        - { id: b, title: B, department: hr, due: 1d, forEach: input.list, as: input }
        - { id: c, title: C, department: hr, due: 1d, forEach: input.list, as: Thing }
    `);
    expect(errors.map(where)).toEqual([
      { code: 'as-without-for-each', line: 6, column: 49, path: '/tasks/0/as' },
      { code: 'invalid-item-name', line: 7, column: 74, path: '/tasks/1/as' },
      { code: 'schema-pattern', line: 8, column: 74, path: '/tasks/2/as' },
    ]);
  });
});

describe('bare expressions', () => {
  it('point inside the field at the part that does not parse', () => {
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
          when: input.role = = 'x'
    `);
    expect(errors.map(where)).toEqual([{ code: 'invalid-expression', line: 10, column: 24, path: '/tasks/0/when' }]);
  });

  it('are written without {{ }}', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: a, title: A, department: hr, due: 1d, when: "{{ input.urgent }}" }
    `);
    expect(errors.map(where)).toEqual([{ code: 'invalid-expression', line: 6, column: 56, path: '/tasks/0/when' }]);
    expect(errors[0]?.hint).toBe('write the expression alone, e.g. when: input.urgent');
  });

  it('compile as written: when, a cost per item and a date to wait until', () => {
    const plan = compilePlan(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - id: laptop
          when: input.jobRole = 'developer'
          forEach: input.laptops
          title: Laptop
          department: it
          due: 1d
          cost: item.price * 1.2
        - { id: first-day, type: wait, until: input.startDate, after: [laptop] }
    `);
    expect(plan.steps[0]).toMatchObject({
      when: "input.jobRole = 'developer'",
      cost: { expression: 'item.price * 1.2' },
    });
    expect(plan.steps[1]).toMatchObject({ wait: { until: 'input.startDate' } });
  });
});

describe('data tables', () => {
  it('are read as data.<table>, and a table that does not exist is reported', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      data:
        equipmentByRole: { developer: [laptop, badge], cashier: [badge, uniform] }
      tasks:
        - id: equipment
          forEach: $lookup(data.equipmentByRoles, input.jobRole)
          title: "{{ item }}"
          department: logistics
          due: 1d
    `);
    expect(errors.map(where)).toEqual([{ code: 'unknown-reference', line: 9, column: 27, path: '/tasks/0/forEach' }]);
    expect(errors[0]?.hint).toBe('did you mean "equipmentByRole"?');
  });

  it('are kept in the plan', () => {
    const plan = compilePlan(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      data:
        equipmentByRole: { developer: [laptop, badge] }
      tasks:
        - { id: a, title: "{{ data.equipmentByRole.developer[0] }}", department: hr, due: 1d }
    `);
    expect(plan.data).toEqual({ equipmentByRole: { developer: ['laptop', 'badge'] } });
  });
});
