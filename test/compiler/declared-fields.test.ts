import { describe, expect, it } from 'vitest';
import { compileErrors, compilePlan, where, yaml } from './support';

/** A field read but never declared is a typo that would read nothing: a `when` quietly false, a title blank. */
describe('input and output fields against the schemas that declare them', () => {
  it('reports input.<field> the start form does not declare, at its line and column, with the name meant', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input:
        type: object
        properties:
          needsNewNetwork: { type: boolean }
          site: { type: string }
      tasks:
        - id: network
          when: input.needNewNetwork
          title: "Network for {{ input.sit }} ({{ input.owner }})"
          department: it
          due: 1d
    `);
    expect(errors.map(where)).toEqual([
      { code: 'unknown-field', line: 11, column: 17, path: '/tasks/0/when' },
      { code: 'unknown-field', line: 12, column: 34, path: '/tasks/0/title' },
      { code: 'unknown-field', line: 12, column: 51, path: '/tasks/0/title' },
    ]);
    expect(errors.map((error) => [error.message, error.hint])).toEqual([
      ['"input.needNewNetwork" is not a field of the start form', 'did you mean "needsNewNetwork"?'],
      ['"input.sit" is not a field of the start form', 'did you mean "site"?'],
      ['"input.owner" is not a field of the start form', 'the start form declares: needsNewNetwork, site'],
    ]);
  });

  it("reports steps.<id>.output.<field> a task's form or an approval's decision does not declare", () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - id: contract
          title: Contract
          department: hr
          due: 1d
          form: { type: object, properties: { contractId: { type: string } } }
        - { id: sign-off, type: approval, title: Sign off, department: hr, due: 1d, after: [contract] }
        - id: archive
          after: [sign-off]
          when: steps.\`sign-off\`.output.decison = 'approve'
          title: "Archive {{ steps.contract.output.contractID }}, {{ steps.contract.output.signedBy }}"
          department: hr
          due: 1d
    `);
    expect(errors.map(where)).toEqual([
      { code: 'unknown-field', line: 14, column: 35, path: '/tasks/2/when' },
      { code: 'unknown-field', line: 15, column: 46, path: '/tasks/2/title' },
      { code: 'unknown-field', line: 15, column: 86, path: '/tasks/2/title' },
    ]);
    expect(errors.map((error) => error.hint)).toEqual([
      'did you mean "decision"?',
      'did you mean "contractId"?',
      'the output of "contract" has: contractId',
    ]);
  });

  it('reads every field a schema declares, in its allOf, anyOf, oneOf, then and else too', () => {
    const plan = compilePlan(yaml`
      process: p
      title: P
      owner: hr
      input:
        type: object
        additionalProperties: true
        properties: { site: { type: string } }
        allOf: [{ properties: { region: { type: string } } }]
        if: { properties: { site: { const: LYO } } }
        then: { properties: { floor: { type: integer } } }
      tasks:
        - id: a
          title: "{{ input.site }} {{ input.region }} {{ input.floor }} {{ $$.input.site }}"
          department: hr
          due: 1d
          form: { type: object, properties: { done: { type: boolean } } }
        - { id: b, after: [a], when: steps.a.output.done and steps.a.status = 'done', title: B, department: hr, due: 1d }
    `);
    expect(plan.steps).toHaveLength(2);
  });

  it('leaves alone what no schema closes: no properties, patternProperties, a task without a form, a call', () => {
    const plan = compilePlan(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object, patternProperties: { "^x-": { type: string } }, properties: { site: { type: string } } }
      tasks:
        - { id: a, title: "{{ input.anything }}", department: hr, due: 1d }
        - { id: b, type: call, url: "https://erp.example.com/x", after: [a] }
        - id: c
          after: [b]
          title: "{{ steps.a.output.anything }} {{ steps.b.output.login }}"
          department: hr
          due: 1d
    `);
    expect(plan.steps).toHaveLength(3);
    expect(() =>
      compilePlan(yaml`
        process: p
        title: P
        owner: hr
        input: { type: object }
        tasks:
          - { id: a, title: "{{ input.anything }}", department: hr, due: 1d }
      `),
    ).not.toThrow();
  });
});

describe("ids named like Object.prototype's members", () => {
  it('compile where they are declared, and are unknown where they are not', () => {
    const options = { departments: ['hr', 'constructor'] };
    const plan = compilePlan(
      yaml`
        process: p
        title: P
        owner: constructor
        input: { type: object, properties: { constructor: { type: string } } }
        data:
          constructor: { price: 3 }
        tasks:
          - id: constructor
            title: "{{ input.constructor }} {{ data.constructor.price }}"
            department: constructor
            due: 1d
            form: { type: object, properties: { hasOwnProperty: { type: string } } }
          - id: b
            after: [constructor]
            title: "{{ steps.constructor.output.hasOwnProperty }}"
            department: hr
            due: 1d
      `,
      options,
    );
    expect(plan.steps.map((step) => step.id)).toEqual(['constructor', 'b']);
    const errors = compileErrors(
      yaml`
        process: p
        title: P
        owner: toString
        calendar: constructor
        input: { type: object, properties: { site: { type: string } } }
        tasks:
          - id: a
            title: "{{ input.toString }} {{ data.hasOwnProperty }} {{ steps.constructor }} {{ process.constructor }}"
            department: __proto__
            due: 1d
            form: { type: object, properties: { site: { type: string } } }
          - { id: b, after: [a], title: "{{ steps.a.output.valueOf }}", department: hr, due: 1d }
      `,
      options,
    );
    expect(errors.map((error) => error.code)).toEqual([
      'unknown-department',
      'unknown-calendar',
      'unknown-field',
      'unknown-reference',
      'unknown-reference',
      'unknown-reference',
      'unknown-department',
      'unknown-field',
    ]);
  });
});
