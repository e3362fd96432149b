import { describe, expect, it } from 'vitest';
import { compileErrors, where, yaml } from './support';

describe('references between tasks', () => {
  it('reports a task id used twice at the second use, naming the line of the first', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: contract, title: A, department: hr, due: 1d }
        - { id: laptop, title: B, department: it, due: 1d }
        - { id: contract, title: C, department: hr, due: 1d }
    `);
    expect(errors.map(where)).toEqual([{ code: 'duplicate-step-id', line: 8, column: 11, path: '/tasks/2/id' }]);
    expect(errors[0]?.hint).toContain('line 6');
  });

  it('reports an "after" naming no task, suggesting the closest id', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: contract, title: A, department: hr, due: 1d }
        - { id: laptop, title: B, department: it, due: 1d, after: [contrat, badge] }
    `);
    expect(errors.map(where)).toEqual([
      { code: 'unknown-after', line: 7, column: 62, path: '/tasks/1/after/0' },
      { code: 'unknown-after', line: 7, column: 71, path: '/tasks/1/after/1' },
    ]);
    expect(errors[0]?.hint).toBe('did you mean "contract"?');
    expect(errors[1]?.hint).toBe('step ids: contract, laptop');
  });

  it('reports a dependency cycle once, at the "after" entry of its first task', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - id: start
          title: Start
          department: hr
          due: 1d
        - id: a
          title: A
          department: hr
          due: 1d
          after: [start, c]
        - id: b
          title: B
          department: hr
          due: 1d
          after: [a]
        - id: c
          title: C
          department: hr
          due: 1d
          after: [b]
    `);
    expect(errors.map(where)).toEqual([{ code: 'dependency-cycle', line: 14, column: 20, path: '/tasks/1/after/1' }]);
    expect(errors[0]?.message).toBe('dependency cycle: a -> c -> b -> a');
  });

  it('reports a task waiting for itself', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: a, title: A, department: hr, due: 1d, after: [a] }
    `);
    expect(errors.map(where)).toEqual([{ code: 'dependency-cycle', line: 6, column: 57, path: '/tasks/0/after/0' }]);
    expect(errors[0]?.message).toBe('dependency cycle: a -> a');
  });

  it('reports separate cycles separately', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: a, title: A, department: hr, due: 1d, after: [b] }
        - { id: b, title: B, department: hr, due: 1d, after: [a] }
        - { id: c, title: C, department: hr, due: 1d, after: [d] }
        - { id: d, title: D, department: hr, due: 1d, after: [c] }
    `);
    expect(errors.map((error) => [error.message, error.path])).toEqual([
      ['dependency cycle: a -> b -> a', '/tasks/0/after/0'],
      ['dependency cycle: c -> d -> c', '/tasks/2/after/0'],
    ]);
  });
});

describe('departments', () => {
  it('reports an unknown task department, suggesting the closest known one', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: a, title: A, department: finances, due: 1d }
    `);
    expect(errors.map(where)).toEqual([
      { code: 'unknown-department', line: 6, column: 36, path: '/tasks/0/department' },
    ]);
    expect(errors[0]?.hint).toBe('did you mean "finance"?');
  });

  it('reports an unknown owner, listing the known departments when none is close', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: marketing
      input: { type: object }
      tasks:
        - { id: a, title: A, department: hr, due: 1d }
    `);
    expect(errors.map(where)).toEqual([{ code: 'unknown-department', line: 3, column: 8, path: '/owner' }]);
    expect(errors[0]?.hint).toBe('known departments: hr, it, finance, logistics');
  });
});
