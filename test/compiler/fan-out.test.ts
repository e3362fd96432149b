import { describe, expect, it } from 'vitest';
import { MAXIMUM_FAN_OUT } from '../../plan/fan-out';
import { compileErrors, compilePlan, where, yaml } from './support';

const hires = (list: string) => yaml`
  process: p
  title: P
  owner: hr
  input:
    type: object
    properties:
      site:
        type: object
        properties:
          hires: ${list}
  tasks:
    - id: badge
      forEach: input.site.hires
      title: "Badge for {{ item }}"
      department: hr
      due: 1d
`;

describe('the size of a fan-out', () => {
  it('bounds a list of the start form that a forEach reads as it is, so a start past the cap is refused', () => {
    const plan = compilePlan(hires('{ type: array, items: { type: string } }'));
    expect(plan.input).toMatchObject({
      properties: { site: { properties: { hires: { type: 'array', maxItems: MAXIMUM_FAN_OUT } } } },
    });
  });

  it('keeps a smaller maxItems the owner gave', () => {
    const plan = compilePlan(hires('{ type: array, maxItems: 40, items: { type: string } }'));
    expect(plan.input).toMatchObject({ properties: { site: { properties: { hires: { maxItems: 40 } } } } });
  });

  it('refuses a maxItems past the cap, at the forEach that would fan out', () => {
    const errors = compileErrors(hires(`{ type: array, maxItems: ${MAXIMUM_FAN_OUT + 1}, items: { type: string } }`));
    expect(errors.map(where)).toEqual([{ code: 'for-each-too-large', line: 13, column: 14, path: '/tasks/0/forEach' }]);
    expect(errors[0]?.hint).toContain(`maxItems to ${MAXIMUM_FAN_OUT} or less`);
  });
});
