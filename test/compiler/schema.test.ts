import { describe, expect, expectTypeOf, it } from 'vitest';
import calendarSchema from '../../calendars/calendar.schema.json';
import { STEP_DEFAULTS } from '../../compiler/compile';
import { isRecord } from '../../compiler/narrow';
import processSchema from '../../language/process.schema.json';
import { type CompiledStep, STEP_KINDS, type StepKind } from '../../plan/types';
import { createStrictAjv } from '../../validation/ajv';
import { compileErrors, where, yaml } from './support';

/** Keywords holding conditions or sample values, not fields; `properties` are walked on their own. */
const NOT_FIELDS = new Set(['if', 'properties', 'examples', 'default', 'enum', 'const']);

type Field = Readonly<Record<string, unknown>>;
const DEFINITIONS: Field = processSchema.definitions;

/** A field's schema, its `$ref` followed. */
function resolve(field: unknown): unknown {
  return isRecord(field) && typeof field.$ref === 'string'
    ? DEFINITIONS[field.$ref.replace('#/definitions/', '')]
    : field;
}

/** Every field the language defines, by its path in the schema, resolved through `$ref`s (`if` conditions aside). */
function languageFields(schema: unknown, at = ''): [string, Field][] {
  if (!isRecord(schema)) return [];
  const own = isRecord(schema.properties)
    ? Object.entries(schema.properties).flatMap(([name, field]): [string, Field][] => {
        const resolved = resolve(field);
        return isRecord(resolved) ? [[`${at}/${name}`, resolved]] : [];
      })
    : [];
  const nested = Object.entries(schema).flatMap(([key, value]) => {
    if (NOT_FIELDS.has(key)) return [];
    if (Array.isArray(value)) return value.flatMap((item) => languageFields(item, at));
    return languageFields(value, at);
  });
  const inFields = own.flatMap(([path, field]) => languageFields(field, path));
  return [...own, ...nested, ...inFields];
}

describe('the language schema', () => {
  it("passes Ajv's strict mode, as the calendar files' does: the instance that checks files leaves it off", () => {
    const strict = createStrictAjv({ validateSchema: true });
    expect(() => strict.compile(processSchema)).not.toThrow();
    expect(() => strict.compile(calendarSchema)).not.toThrow();
  });

  it('names the step kinds of the plan, each with its compiled step', () => {
    expect(resolve({ $ref: '#/definitions/stepType' })).toMatchObject({ enum: [...STEP_KINDS] });
    expectTypeOf<CompiledStep['kind']>().toEqualTypeOf<StepKind>();
  });

  it('wants a mapping at the top of the file', () => {
    const errors = compileErrors('- process: p\n');
    expect(errors.map(where)).toEqual([{ code: 'schema-type', line: 1, column: 1, path: '' }]);
    expect(errors[0]?.message).toBe('the process file must be a mapping, but is a list');
  });

  it('reports a missing property at the mapping that lacks it', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - id: contract
          title: Contract
          department: hr
    `);
    expect(errors.map(where)).toEqual([{ code: 'schema-required', line: 6, column: 5, path: '/tasks/0' }]);
    expect(errors[0]?.message).toBe('item 1 of "tasks" has no "due"');
    expect(errors[0]?.hint).toContain('add due:');
  });

  it('reports every missing top-level property', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
    `);
    expect(errors.map((error) => error.message)).toEqual([
      'the process file has no "owner"',
      'the process file has no "input"',
      'the process file has no "tasks"',
    ]);
    expect(errors.map(where)[0]).toEqual({ code: 'schema-required', line: 1, column: 1, path: '' });
  });

  it('points at the key of an unknown property and suggests the one meant', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      timezone: Europe/Paris
      input: { type: object }
      tasks:
        - id: a
          title: A
          departement: hr
          department: hr
          due: 1d
    `);
    expect(errors.map(where)).toEqual([
      { code: 'schema-unknown-property', line: 4, column: 1, path: '/timezone' },
      { code: 'schema-unknown-property', line: 9, column: 5, path: '/tasks/0/departement' },
    ]);
    expect(errors[0]?.hint).toBe(
      'allowed properties: process, title, owner, description, calendar, input, data, imports, escalation, budget, catalogue, intake, tasks',
    );
    expect(errors[1]?.hint).toBe('did you mean "department"?');
  });

  it('reports a value of the wrong type, suggesting quotes for text written as a number', () => {
    const errors = compileErrors(yaml`
      process: p
      title: 2024
      owner: hr
      input: { type: object }
      tasks:
        - { id: a, title: A, department: hr, due: 1d, cost: true }
    `);
    expect(errors.map(where)).toEqual([
      { code: 'schema-type', line: 2, column: 8, path: '/title' },
      { code: 'schema-type', line: 6, column: 55, path: '/tasks/0/cost' },
    ]);
    expect(errors[0]?.hint).toBe('put it in quotes: "2024"');
    expect(errors[1]?.message).toBe('"cost" must be a number or text, but is true/false');
  });

  it('reports keys and ids that are not lowercase, digits and dashes', () => {
    const errors = compileErrors(yaml`
      process: Onboarding
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: Contract, title: A, department: hr, due: 1d }
    `);
    expect(errors.map(where)).toEqual([
      { code: 'schema-pattern', line: 1, column: 10, path: '/process' },
      { code: 'schema-pattern', line: 6, column: 11, path: '/tasks/0/id' },
    ]);
  });

  it('wants at least one task', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks: []
    `);
    expect(errors.map(where)).toEqual([{ code: 'schema-min-items', line: 5, column: 8, path: '/tasks' }]);
  });

  it('refuses a negative cost, an empty title and an "after" entry given twice', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: a, title: '', department: hr, due: 1d, cost: -5 }
        - { id: b, title: B, department: hr, due: 1d, after: [a, a] }
    `);
    expect(errors.map(where)).toEqual([
      { code: 'schema-min-length', line: 6, column: 21, path: '/tasks/0/title' },
      { code: 'schema-minimum', line: 6, column: 56, path: '/tasks/0/cost' },
      { code: 'schema-unique-items', line: 7, column: 60, path: '/tasks/1/after/1' },
    ]);
  });

  it('gives every field a title, a description and examples, for editors to complete and explain', () => {
    const fields = languageFields(processSchema);
    expect(fields.length).toBeGreaterThan(40);
    const lacking = fields.flatMap(([path, field]) =>
      typeof field.title === 'string' &&
      typeof field.description === 'string' &&
      Array.isArray(field.examples) &&
      field.examples.length > 0
        ? []
        : [path],
    );
    expect(lacking).toEqual([]);
  });

  it('documents the defaults the plan fills in', () => {
    const reopen = resolve(processSchema.definitions.reopen);
    const retry = resolve(processSchema.definitions.retry);
    const defaultOf = (schema: unknown, name?: string): unknown => {
      const field =
        name === undefined
          ? schema
          : isRecord(schema) && isRecord(schema.properties)
            ? schema.properties[name]
            : undefined;
      return isRecord(field) ? field.default : undefined;
    };
    expect({
      cost: defaultOf(processSchema.definitions.cost),
      maxRounds: defaultOf(reopen, 'maxRounds'),
      method: defaultOf(processSchema.definitions.method),
      timeout: defaultOf(processSchema.definitions.timeout),
      maxAttempts: defaultOf(retry, 'maxAttempts'),
      initialInterval: defaultOf(retry, 'initialInterval'),
      backoff: defaultOf(retry, 'backoff'),
    }).toEqual(STEP_DEFAULTS);
  });
});
