import { describe, expect, it } from 'vitest';
import { formatCompileError } from '../../errors';
import { compileErrors, where, yaml } from './support';

describe('reporting', () => {
  it('reports every error of a file at once, schema and semantic alike, in source order', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hrr
      input: { type: object }
      tasks:
        - id: contract
          title: "Contract for {{ input. }}"
          department: hr
          due: 5 dayz
          colour: blue
        - id: laptop
          title: Laptop
          department: it
          after: [contrat]
          due: 1d
          cost: [150]
          form: { type: object, required: [serial] }
        - id: contract
          department: it
    `);
    expect(errors.map(where)).toEqual([
      { code: 'unknown-department', line: 3, column: 8, path: '/owner' },
      { code: 'invalid-expression', line: 7, column: 35, path: '/tasks/0/title' },
      { code: 'invalid-due', line: 9, column: 10, path: '/tasks/0/due' },
      { code: 'schema-unknown-property', line: 10, column: 5, path: '/tasks/0/colour' },
      { code: 'unknown-after', line: 14, column: 13, path: '/tasks/1/after/0' },
      { code: 'schema-type', line: 16, column: 11, path: '/tasks/1/cost' },
      { code: 'invalid-form-schema', line: 17, column: 37, path: '/tasks/1/form/required' },
      { code: 'schema-required', line: 18, column: 5, path: '/tasks/2' },
      { code: 'schema-required', line: 18, column: 5, path: '/tasks/2' },
      { code: 'duplicate-step-id', line: 18, column: 9, path: '/tasks/2/id' },
    ]);
  });

  it('formats an error as file:line:col  code  message  (hint)', () => {
    const [error] = compileErrors(yaml`
      process: p
      title: P
      owner: hrr
      input: { type: object }
      tasks:
        - { id: a, title: A, department: hr, due: 1d }
    `);
    expect(error && formatCompileError(error)).toBe(
      'process.yaml:3:8  unknown-department  unknown department "hrr"  (did you mean "hr"?)',
    );
  });
});
