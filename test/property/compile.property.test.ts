import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileProcess } from '../../compiler';
import { randomProcess, toYaml } from '../support/random-process';

const DEPARTMENTS = ['hr', 'it', 'logistics', 'maintenance', 'operations'];

describe('any process of valid shape', () => {
  it('compiles, with every step after the steps it waits for', () => {
    fc.assert(
      fc.property(randomProcess, (process) => {
        const result = compileProcess(toYaml(process), { file: 'random.yaml', departments: DEPARTMENTS });
        if (!result.ok) throw new Error(result.errors.map((error) => error.message).join('\n'));
        const position = new Map(result.plan.steps.map((step, index) => [step.id, index]));
        for (const step of result.plan.steps) {
          for (const dependency of step.after) {
            expect(position.get(dependency)).toBeLessThan(position.get(step.id) ?? -1);
          }
        }
        expect(result.plan.steps).toHaveLength(process.steps.length);
      }),
      { numRuns: 300 },
    );
  });
});
