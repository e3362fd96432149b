import { describe, expect, it } from 'vitest';
import { compileErrors, where, yaml } from './support';

describe('YAML syntax', () => {
  it('stops at a syntax error and points at it', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object
      tasks: []
    `);
    expect(errors.map(where)).toEqual([{ code: 'yaml-syntax', line: 5, column: 1, path: '' }]);
  });

  it('refuses a key given twice in one mapping', () => {
    const [error] = compileErrors(yaml`
      process: p
      title: P
      title: Q
    `);
    expect(error && where(error)).toEqual({ code: 'yaml-syntax', line: 3, column: 1, path: '' });
    expect(error?.hint).toContain('a key may appear once per mapping');
  });

  it('refuses tabs used as indentation', () => {
    const [error] = compileErrors('process: p\ntasks:\n\t- id: a\n');
    expect(error && where(error)).toEqual({ code: 'yaml-syntax', line: 3, column: 1, path: '' });
    expect(error?.hint).toBe('indent with spaces, not tabs');
  });

  it('refuses values JSON cannot hold, such as .inf', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object, properties: { n: { type: number, default: .inf } } }
      tasks:
        - { id: a, title: A, department: hr, due: 1d }
    `);
    expect(errors.map(where)).toEqual([
      { code: 'unsupported-value', line: 4, column: 66, path: '/input/properties/n/default' },
    ]);
  });

  it('refuses text Postgres cannot store, a NUL or a lone surrogate, in a value or a key', () => {
    const errors = compileErrors(yaml`
      process: p
      title: "Opening\0"
      owner: hr
      input: { type: object, properties: { "site\ud800": { type: string } } }
      tasks:
        - { id: a, title: A, department: hr, due: 1d }
    `);
    expect(errors.map(where)).toEqual([
      { code: 'unstorable-text', line: 2, column: 8, path: '/title' },
      { code: 'unstorable-text', line: 4, column: 38, path: '/input/properties/site\ud800' },
    ]);
    expect(errors[0]?.message).toContain('U+0000');
  });
});
