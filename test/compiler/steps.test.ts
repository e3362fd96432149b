import { describe, expect, it } from 'vitest';
import { compileErrors, compilePlan, where, yaml } from './support';

describe('task', () => {
  it('is the default type; a due and a department written with holes are rendered per item', () => {
    const plan = compilePlan(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - id: equipment
          forEach: input.equipment
          title: "Deliver {{ item.name }}"
          department: "{{ item.department }}"
          due: "{{ item.leadDays }}d"
          cost: item.price
    `);
    expect(plan.steps).toEqual([
      {
        kind: 'task',
        id: 'equipment',
        after: [],
        when: null,
        forEach: { items: 'input.equipment', as: 'item' },
        title: [{ text: 'Deliver ' }, { expression: 'item.name' }],
        description: null,
        department: [{ expression: 'item.department' }],
        due: { template: [{ expression: 'item.leadDays' }, { text: 'd' }] },
        cost: { expression: 'item.price' },
        form: null,
        source: { line: 6, column: 5, path: '/tasks/0' },
      },
    ]);
  });

  it('refuses an unknown literal department, but leaves a rendered one to run time', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: a, title: A, department: finances, due: 1d }
        - { id: b, title: B, department: "{{ input.department }}", due: 1d }
    `);
    expect(errors.map(where)).toEqual([
      { code: 'unknown-department', line: 6, column: 36, path: '/tasks/0/department' },
    ]);
    expect(errors[0]?.hint).toBe('did you mean "finance"?');
  });
});

describe('approval', () => {
  it('cancels the instance on rejection unless told to reopen', () => {
    const plan = compilePlan(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: contract, title: Contract, department: hr, due: 5d }
        - { id: budget, title: Budget, department: finance, due: 5d, after: [contract] }
        - id: sign-off
          type: approval
          title: "Approve the hiring of {{ input.employeeName }}"
          department: finance
          due: 2d
          cost: 20
          after: [budget]
        - id: second-look
          type: approval
          title: Second look
          department: hr
          due: 1d
          after: [sign-off]
          onReject: { reopen: [contract, budget], maxRounds: 2 }
    `);
    expect(plan.steps[2]).toEqual({
      kind: 'approval',
      id: 'sign-off',
      after: ['budget'],
      when: null,
      forEach: null,
      title: [{ text: 'Approve the hiring of ' }, { expression: 'input.employeeName' }],
      description: null,
      department: [{ text: 'finance' }],
      due: { ms: 2 * 86_400_000 },
      cost: { amount: 20 },
      onReject: { action: 'cancel' },
      source: { line: 8, column: 5, path: '/tasks/2' },
    });
    expect(plan.steps[3]).toMatchObject({
      kind: 'approval',
      onReject: { action: 'reopen', steps: ['contract', 'budget'], maxRounds: 2 },
    });
  });

  it('reopens at most 3 rounds unless maxRounds says otherwise', () => {
    const plan = compilePlan(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: contract, title: Contract, department: hr, due: 5d }
        - id: check
          type: approval
          title: Check
          department: hr
          due: 1d
          after: [contract]
          onReject: { reopen: [contract] }
    `);
    expect(plan.steps[1]).toMatchObject({ onReject: { action: 'reopen', steps: ['contract'], maxRounds: 3 } });
  });

  it('reopens only steps it comes after, and never itself', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: contract, title: Contract, department: hr, due: 5d }
        - { id: laptop, title: Laptop, department: it, due: 5d }
        - id: check
          type: approval
          title: Check
          department: hr
          due: 1d
          after: [contract]
          onReject: { reopen: [contract, laptop, contrat, check] }
    `);
    expect(errors.map(where)).toEqual([
      { code: 'invalid-reopen', line: 14, column: 36, path: '/tasks/2/onReject/reopen/1' },
      { code: 'invalid-reopen', line: 14, column: 44, path: '/tasks/2/onReject/reopen/2' },
      { code: 'invalid-reopen', line: 14, column: 53, path: '/tasks/2/onReject/reopen/3' },
    ]);
    expect(errors[0]?.message).toBe('approval "check" cannot reopen "laptop": it does not wait for "laptop"');
    expect(errors[0]?.hint).toContain('add "laptop" to the "after" of "check"');
    expect(errors[1]?.hint).toBe('did you mean "contract"?');
    expect(errors[2]?.message).toBe('approval "check" cannot reopen itself');
  });

  it('has no completion form: its output is the decision', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - id: check
          type: approval
          title: Check
          department: hr
          due: 1d
          form: { type: object }
    `);
    expect(errors.map(where)).toEqual([
      { code: 'schema-unknown-property', line: 11, column: 5, path: '/tasks/0/form' },
    ]);
  });

  it('takes cancel or a reopen mapping on rejection, with at least one round', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: a, title: A, department: hr, due: 1d }
        - { id: b, type: approval, title: B, department: hr, due: 1d, after: [a], onReject: reopen }
        - { id: c, type: approval, title: C, department: hr, due: 1d, after: [a], onReject: { reopen: [a], maxRounds: 0 } }
    `);
    expect(errors.map(where)).toEqual([
      { code: 'schema-enum', line: 7, column: 87, path: '/tasks/1/onReject' },
      { code: 'schema-minimum', line: 8, column: 113, path: '/tasks/2/onReject/maxRounds' },
    ]);
    expect(errors[0]?.hint).toContain('onReject: { reopen: [step ids], maxRounds: 3 }');
  });
});

describe('notify', () => {
  it('sends a message to departments, roles and addresses', () => {
    const plan = compilePlan(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - id: welcome
          type: notify
          to:
            departments: [it, "{{ input.department }}"]
            roles: [process-owner]
            addresses: ["{{ input.email }}"]
          subject: "Welcome {{ input.employeeName }}"
          text: Your first day is {{ input.startDate }}.
    `);
    expect(plan.steps[0]).toEqual({
      kind: 'notify',
      id: 'welcome',
      after: [],
      when: null,
      forEach: null,
      to: {
        departments: [[{ text: 'it' }], [{ expression: 'input.department' }]],
        roles: ['process-owner'],
        addresses: [[{ expression: 'input.email' }]],
      },
      subject: [{ text: 'Welcome ' }, { expression: 'input.employeeName' }],
      text: [{ text: 'Your first day is ' }, { expression: 'input.startDate' }, { text: '.' }],
      source: { line: 6, column: 5, path: '/tasks/0' },
    });
  });

  it('has no subject unless given one, and lists left out are empty', () => {
    const plan = compilePlan(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: ping, type: notify, to: { roles: [process-owner] }, text: Done }
    `);
    expect(plan.steps[0]).toMatchObject({
      to: { departments: [], roles: ['process-owner'], addresses: [] },
      subject: null,
    });
  });

  it('wants at least one recipient, known literal departments and no unknown field', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: a, type: notify, to: { roles: [] }, text: Hi }
        - { id: b, type: notify, to: { departments: [hrr] }, text: Hi, title: Hello }
    `);
    expect(errors.map(where)).toEqual([
      { code: 'no-recipients', line: 6, column: 32, path: '/tasks/0/to' },
      { code: 'unknown-department', line: 7, column: 48, path: '/tasks/1/to/departments/0' },
      { code: 'schema-unknown-property', line: 7, column: 66, path: '/tasks/1/title' },
    ]);
    expect(errors[2]?.hint).toBe(
      'allowed properties: type, id, after, when, forEach, as, effort, description, to, subject, text',
    );
  });
});

describe('wait', () => {
  it('waits for a fixed time, or until the date an expression gives', () => {
    const plan = compilePlan(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: cooling-off, type: wait, for: 2d }
        - { id: start-date, type: wait, until: input.startDate }
    `);
    expect(plan.steps.map((step) => (step.kind === 'wait' ? step.wait : null))).toEqual([
      { forMs: 2 * 86_400_000 },
      { until: 'input.startDate' },
    ]);
  });

  it('wants exactly one of until and for, and for as a duration', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: a, type: wait }
        - { id: b, type: wait, for: 2d, until: input.startDate }
        - { id: c, type: wait, for: 2 days }
    `);
    expect(errors.map(where)).toEqual([
      { code: 'invalid-wait', line: 6, column: 5, path: '/tasks/0' },
      { code: 'invalid-wait', line: 7, column: 26, path: '/tasks/1/for' },
      { code: 'invalid-duration', line: 8, column: 31, path: '/tasks/2/for' },
    ]);
  });
});

describe('milestone', () => {
  it('is a named point, with or without a title', () => {
    const plan = compilePlan(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: ready, type: milestone, title: "Ready to open {{ input.site }}" }
        - { id: done, type: milestone, after: [ready] }
    `);
    expect(plan.steps).toEqual([
      {
        kind: 'milestone',
        id: 'ready',
        after: [],
        when: null,
        forEach: null,
        title: [{ text: 'Ready to open ' }, { expression: 'input.site' }],
        source: { line: 6, column: 5, path: '/tasks/0' },
      },
      {
        kind: 'milestone',
        id: 'done',
        after: ['ready'],
        when: null,
        forEach: null,
        title: null,
        source: { line: 7, column: 5, path: '/tasks/1' },
      },
    ]);
  });
});

describe('call', () => {
  it('fills in the defaults: GET, no headers or body, 30 s per attempt, 3 attempts from 1 s doubling', () => {
    const plan = compilePlan(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: lookup, type: call, url: "https://erp.example.com/sites/{{ input.site }}" }
    `);
    expect(plan.steps[0]).toEqual({
      kind: 'call',
      id: 'lookup',
      after: [],
      when: null,
      forEach: null,
      method: 'GET',
      url: [{ text: 'https://erp.example.com/sites/' }, { expression: 'input.site' }],
      headers: {},
      body: null,
      timeoutMs: 30_000,
      retry: { maxAttempts: 3, initialIntervalMs: 1_000, backoffCoefficient: 2 },
      source: { line: 6, column: 5, path: '/tasks/0' },
    });
  });

  it('keeps the body as written, its strings being templates the interpreter renders', () => {
    const plan = compilePlan(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - id: register
          type: call
          method: POST
          url: https://erp.example.com/sites
          headers: { X-Site: "{{ input.site }}" }
          body: { code: "{{ input.site }}", floors: 2, tags: ["{{ input.city }}", new] }
          timeout: 1m
          retry: { maxAttempts: 5, initialInterval: 10s, backoff: 1.5 }
    `);
    expect(plan.steps[0]).toMatchObject({
      method: 'POST',
      url: [{ text: 'https://erp.example.com/sites' }],
      headers: { 'X-Site': [{ expression: 'input.site' }] },
      body: { code: '{{ input.site }}', floors: 2, tags: ['{{ input.city }}', 'new'] },
      timeoutMs: 60_000,
      retry: { maxAttempts: 5, initialIntervalMs: 10_000, backoffCoefficient: 1.5 },
    });
  });

  it('wants an absolute http(s) URL, durations, a known method and checks the body templates', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - id: a
          type: call
          method: get
          url: /api/sites
          timeout: 30 sec
          retry: { initialInterval: soon, maxAttempts: 0 }
          body: { code: "{{ input..site }}" }
        - { id: b, type: call, url: "ftp://files.example.com/x" }
        - { id: c, type: call, url: "erp/{{ input.site }}" }
    `);
    expect(errors.map(where)).toEqual([
      { code: 'schema-enum', line: 8, column: 13, path: '/tasks/0/method' },
      { code: 'invalid-url', line: 9, column: 10, path: '/tasks/0/url' },
      { code: 'invalid-duration', line: 10, column: 14, path: '/tasks/0/timeout' },
      { code: 'invalid-duration', line: 11, column: 31, path: '/tasks/0/retry/initialInterval' },
      { code: 'schema-minimum', line: 11, column: 50, path: '/tasks/0/retry/maxAttempts' },
      { code: 'invalid-expression', line: 12, column: 28, path: '/tasks/0/body/code' },
      { code: 'invalid-url', line: 13, column: 31, path: '/tasks/1/url' },
      { code: 'invalid-url', line: 14, column: 31, path: '/tasks/2/url' },
    ]);
    expect(errors[0]?.hint).toBe('did you mean "GET"?');
  });
});

describe('process', () => {
  it('runs another process per item, with the input as written', () => {
    const plan = compilePlan(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - id: induction
          type: process
          process: site-induction
          forEach: input.newcomers
          as: newcomer
          input: { name: "{{ newcomer.name }}", position: "{{ index }}", site: SITE }
    `);
    expect(plan.steps[0]).toEqual({
      kind: 'process',
      id: 'induction',
      after: [],
      when: null,
      forEach: { items: 'input.newcomers', as: 'newcomer' },
      process: 'site-induction',
      input: { name: '{{ newcomer.name }}', position: '{{ index }}', site: 'SITE' },
      source: { line: 6, column: 5, path: '/tasks/0' },
    });
  });

  it('gives the child an empty input unless told otherwise, and wants a process key', () => {
    expect(
      compilePlan(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: child, type: process, process: site-induction }
    `).steps[0],
    ).toMatchObject({ input: {} });
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: child, type: process, process: Site_Induction, input: { who: "{{ inptu.name }}" } }
    `);
    expect(errors.map(where)).toEqual([
      { code: 'schema-pattern', line: 6, column: 42, path: '/tasks/0/process' },
      { code: 'unknown-reference', line: 6, column: 76, path: '/tasks/0/input/who' },
    ]);
  });
});

describe('step types', () => {
  it('reports an unknown type once, naming the types that exist', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: a, type: notfy, to: { roles: [owner] }, text: Hi, colour: blue }
    `);
    expect(errors.map(where)).toEqual([{ code: 'schema-enum', line: 6, column: 20, path: '/tasks/0/type' }]);
    expect(errors[0]?.message).toBe(
      '"type" "notfy" is not one of: task, approval, notify, wait, milestone, call, process',
    );
    expect(errors[0]?.hint).toBe('did you mean "notify"?');
  });

  it('reports a field of another type once, listing the fields of this one', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: pause, type: wait, for: 1d, department: hr }
    `);
    expect(errors.map(where)).toEqual([
      { code: 'schema-unknown-property', line: 6, column: 39, path: '/tasks/0/department' },
    ]);
    expect(errors[0]?.hint).toBe(
      'allowed properties: type, id, after, when, forEach, as, effort, description, until, for',
    );
  });

  it('reports each missing field of the type, with what it is for', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: mail, type: notify }
    `);
    expect(errors.map((error) => error.message)).toEqual([
      'item 1 of "tasks" has no "to"',
      'item 1 of "tasks" has no "text"',
    ]);
    expect(errors[0]?.hint).toContain('add to: Who receives the message');
  });
});
