import fc from 'fast-check';
import { stringify } from 'yaml';

/** A process of random shape: steps of several kinds, an acyclic `after`, conditions and fan-outs. */
export interface RandomProcess {
  readonly key: string;
  readonly steps: readonly RandomStep[];
}

export interface RandomStep {
  readonly id: string;
  readonly kind: 'task' | 'milestone' | 'notify';
  readonly after: readonly string[];
  readonly when: string | null;
  readonly forEach: string | null;
}

const DEPARTMENTS = ['hr', 'it', 'logistics', 'maintenance'] as const;
/** Conditions and lists over the random start input `{flag, items}`. */
const CONDITIONS = [null, null, 'true', 'false', 'input.flag', '$not(input.flag)'] as const;
const LISTS = [null, null, null, 'input.items', '[1, 2]', '[]'] as const;

export const randomProcess: fc.Arbitrary<RandomProcess> = fc
  .integer({ min: 1, max: 8 })
  .chain((count) =>
    fc.tuple(
      ...Array.from({ length: count }, (_, index) =>
        fc.record({
          kind: fc.constantFrom('task', 'task', 'task', 'milestone', 'notify'),
          // Each step may wait for any earlier one, so `after` is acyclic by construction.
          after: fc.subarray(Array.from({ length: index }, (_, earlier) => `s${earlier}`)),
          when: fc.constantFrom(...CONDITIONS),
          forEach: fc.constantFrom(...LISTS),
        }),
      ),
    ),
  )
  .map((drafts) => ({
    key: 'random',
    steps: drafts.map((draft, index) => ({
      id: `s${index}`,
      kind: draft.kind as RandomStep['kind'],
      after: draft.after,
      when: draft.when,
      forEach: draft.kind === 'task' ? draft.forEach : null,
    })),
  }));

export const randomInput = fc.record({
  flag: fc.boolean(),
  items: fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 3 }),
});

/** The process as an owner would write it. */
export function toYaml(process: RandomProcess, key = process.key): string {
  return stringify({
    process: key,
    title: 'A process of random shape',
    owner: 'operations',
    input: {
      type: 'object',
      properties: { flag: { type: 'boolean' }, items: { type: 'array', items: { type: 'string' } } },
    },
    tasks: process.steps.map((step, index) => ({
      id: step.id,
      ...(step.kind === 'task' ? {} : { type: step.kind }),
      ...(step.after.length > 0 ? { after: step.after } : {}),
      ...(step.when === null ? {} : { when: step.when }),
      ...(step.forEach === null ? {} : { forEach: step.forEach }),
      ...(step.kind === 'task'
        ? { title: `Step ${index}`, department: DEPARTMENTS[index % DEPARTMENTS.length], due: '1h' }
        : {}),
      ...(step.kind === 'notify' ? { to: { departments: ['operations'] }, text: `Step ${index} reached` } : {}),
      ...(step.kind === 'milestone' ? { title: `Milestone ${index}` } : {}),
    })),
  });
}
