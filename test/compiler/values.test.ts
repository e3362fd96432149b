import { describe, expect, it } from 'vitest';
import { compileErrors, where, yaml } from './support';

describe('due', () => {
  it('accepts only a positive whole number and a unit, short (3d) or long (3 days, 5 business days)', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: a, title: A, department: hr, due: 5 dayz }
        - { id: b, title: B, department: hr, due: 0d }
        - { id: c, title: C, department: hr, due: 1y }
        - { id: d, title: D, department: hr, due: 1.5h }
        - { id: e, title: E, department: hr, due: 0 business days }
        - { id: f, title: F, department: hr, due: 5  days }
        - { id: g, title: G, department: hr, due: 2 Business Days }
    `);
    expect(errors.map(where)).toEqual(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((_, index) => ({
        code: 'invalid-due',
        line: 6 + index,
        column: 45,
        path: `/tasks/${index}/due`,
      })),
    );
    expect(errors[0]?.message).toBe('due "5 dayz" is not a positive duration');
    expect(errors[0]?.hint).toContain('30s, 15m, 4h, 3d, 2w, 90 minutes, 4 hours, 1 day, 3 days, 2 weeks');
    expect(errors[0]?.hint).toContain('5 business days, 8 business hours');
    expect(errors[0]?.hint).toContain('{ before: input.openingDate, by: 1 business day }');
  });
});

describe('input and form schemas', () => {
  it('wants the start form to describe an object', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input:
        type: array
      tasks:
        - { id: a, title: A, department: hr, due: 1d }
    `);
    expect(errors.map(where)).toEqual([{ code: 'invalid-input-schema', line: 5, column: 9, path: '/input/type' }]);
  });

  it('points at a keyword with a value JSON Schema does not allow, suggesting the one meant', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input:
        type: object
        properties:
          employeeName: { type: strin }
      tasks:
        - { id: a, title: A, department: hr, due: 1d }
    `);
    expect(errors.map(where)).toEqual([
      { code: 'invalid-input-schema', line: 7, column: 27, path: '/input/properties/employeeName/type' },
    ]);
    expect(errors[0]?.hint).toBe('did you mean "string"?');
  });

  it('points at an unknown keyword in a form, suggesting the one meant', () => {
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
          form:
            type: object
            properties:
              contractId: { type: string, minLenght: 1 }
    `);
    expect(errors.map(where)).toEqual([
      { code: 'invalid-form-schema', line: 13, column: 37, path: '/tasks/0/form/properties/contractId/minLenght' },
    ]);
    expect(errors[0]?.message).toBe('form: unknown keyword: "minLenght"');
    expect(errors[0]?.hint).toBe('did you mean "minLength"?');
  });

  it('refuses forms that are not objects, unknown formats and required fields left undescribed', () => {
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
          form: { properties: { signedOn: { type: string } } }
        - id: b
          title: B
          department: hr
          due: 1d
          form: { type: object, properties: { signedOn: { type: string, format: dat } } }
        - id: c
          title: C
          department: hr
          due: 1d
          form: { type: object, required: [contractId] }
    `);
    expect(errors.map(where)).toEqual([
      { code: 'invalid-form-schema', line: 10, column: 11, path: '/tasks/0/form' },
      { code: 'invalid-form-schema', line: 15, column: 75, path: '/tasks/1/form/properties/signedOn/format' },
      { code: 'invalid-form-schema', line: 20, column: 37, path: '/tasks/2/form/required' },
    ]);
    expect(errors[1]?.hint).toBe('did you mean "date"?');
  });

  it('refuses a draft other than 07 and keywords whose type is left unsaid', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input:
        $schema: https://json-schema.org/draft/2020-12/schema
        type: object
      tasks:
        - id: a
          title: A
          department: hr
          due: 1d
          form:
            type: object
            properties:
              note: { maxLength: 200 }
    `);
    expect(errors.map(where)).toEqual([
      { code: 'invalid-input-schema', line: 5, column: 12, path: '/input/$schema' },
      { code: 'invalid-form-schema', line: 15, column: 15, path: '/tasks/0/form/properties/note' },
    ]);
    expect(errors[1]?.message).toBe('form: missing type "string" for keyword "maxLength"');
  });
});

describe('templates', () => {
  it('points inside the title at the part of an expression that does not parse', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - id: a
          title: "Contract for {{ input..employeeName }}"
          department: hr
          due: 1d
    `);
    expect(errors.map(where)).toEqual([{ code: 'invalid-expression', line: 7, column: 34, path: '/tasks/0/title' }]);
    expect(errors[0]?.message).toBe('expression "input..employeeName" does not parse: Syntax error: ".."');
  });

  it('reports a "{{" never closed, and an empty "{{ }}", where they open', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - id: a
          title: Contract for {{ input.employeeName
          description: Sign {{ }} today
          department: hr
          due: 1d
    `);
    expect(errors.map(where)).toEqual([
      { code: 'invalid-template', line: 7, column: 25, path: '/tasks/0/title' },
      { code: 'invalid-template', line: 8, column: 23, path: '/tasks/0/description' },
    ]);
  });

  it('points at the start of a block scalar whose characters do not map one to one', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - id: a
          title: A
          description: |
            Check the contract
            of {{ input.employeeName + }}
          department: hr
          due: 1d
    `);
    expect(errors.map(where)).toEqual([
      { code: 'invalid-expression', line: 8, column: 18, path: '/tasks/0/description' },
    ]);
  });
});
