import { describe, expect, it } from 'vitest';
import { compileErrors, compilePlan, where } from './support';

const TASKS = 2_000;
/** Lines before the first task, and lines per task: task `i` starts on line `HEADER + 1 + i * PER_TASK`. */
const HEADER = 5;
const PER_TASK = 10;

/**
 * A process of `TASKS` tasks, each on exactly `PER_TASK` lines, so a test knows the line of every
 * field; `edit` rewrites the lines of chosen tasks. Each task waits for the one after it, so the
 * plan lists them backwards; every task has the same form and the same expression.
 */
function largeProcess(edit: (index: number, lines: string[]) => string[] = (_, lines) => lines): string {
  const lines = ['process: large', 'title: Large', 'owner: hr', 'input: { type: object }', 'tasks:'];
  for (let index = 0; index < TASKS; index++) {
    const task = [
      `  - id: task-${index}`,
      `    title: "Task ${index} for {{ input.site }}"`,
      '    department: hr',
      '    due: 1d',
      `    after: [${index + 1 < TASKS ? `task-${index + 1}` : ''}]`,
      '    form:',
      '      type: object',
      '      required: [reference]',
      '      properties:',
      '        reference: { type: string }',
    ];
    lines.push(...edit(index, task));
  }
  return `${lines.join('\n')}\n`;
}

/** 1-based line of line `offset` (0-based) of task `index`. */
const lineOf = (index: number, offset: number): number => HEADER + 1 + index * PER_TASK + offset;

describe('a large process', () => {
  it('compiles with every step pointing back at its own line, in dependency order', () => {
    const plan = compilePlan(largeProcess());
    expect(plan.steps).toHaveLength(TASKS);
    expect(plan.steps.map((step) => step.id)).toEqual(
      Array.from({ length: TASKS }, (_, position) => `task-${TASKS - 1 - position}`),
    );
    const last = plan.steps[0];
    expect(last?.source).toEqual({ line: lineOf(TASKS - 1, 0), column: 5, path: `/tasks/${TASKS - 1}` });
    expect(plan.steps.at(-1)?.source).toEqual({ line: lineOf(0, 0), column: 5, path: '/tasks/0' });
  });

  it('reports errors deep in the file at their own line and column, repeated ones at each place', () => {
    const broken = [2, 1_234, 1_998];
    const source = largeProcess((index, lines) => {
      if (!broken.includes(index)) return lines;
      return lines.map((line) =>
        line
          .replace('{{ input.site }}', '{{ input..site }}')
          .replace('department: hr', 'department: hrr')
          .replace('due: 1d', 'due: 1 dai')
          .replace(`after: [task-${index + 1}]`, `after: [task-${index + 1}, missing]`)
          .replace('required: [reference]', 'required: [reference, other]'),
      );
    });
    const lines = source.split('\n');
    /** Where `text` starts on `line`: what the error must point at. */
    const at = (line: number, text: string) => ({ line, column: (lines[line - 1] ?? '').indexOf(text) + 1 });
    expect(compileErrors(source).map(where)).toEqual(
      broken.flatMap((index) => [
        { code: 'invalid-expression', ...at(lineOf(index, 1), '..site'), path: `/tasks/${index}/title` },
        { code: 'unknown-department', ...at(lineOf(index, 2), 'hrr'), path: `/tasks/${index}/department` },
        { code: 'invalid-due', ...at(lineOf(index, 3), '1 dai'), path: `/tasks/${index}/due` },
        { code: 'unknown-after', ...at(lineOf(index, 4), 'missing'), path: `/tasks/${index}/after/1` },
        { code: 'invalid-form-schema', ...at(lineOf(index, 7), '['), path: `/tasks/${index}/form/required` },
      ]),
    );
  });

  it('reports a duplicate id and a cycle far apart at the right places', () => {
    const source = largeProcess((index, lines) => {
      if (index === 1_900) return lines.map((line) => line.replace('id: task-1900', 'id: task-7'));
      if (index === TASKS - 1) return lines.map((line) => line.replace('after: []', 'after: [task-1950]'));
      return lines;
    });
    const errors = compileErrors(source);
    expect(errors.map(where)).toEqual([
      { code: 'unknown-after', line: lineOf(1_899, 4), column: 13, path: '/tasks/1899/after/0' },
      { code: 'duplicate-step-id', line: lineOf(1_900, 0), column: 9, path: '/tasks/1900/id' },
      // task-1950 -> task-1951 -> ... -> task-1999 -> task-1950, at the entry of its first task.
      { code: 'dependency-cycle', line: lineOf(1_950, 4), column: 13, path: '/tasks/1950/after/0' },
    ]);
    expect(errors[1]?.hint).toContain(`line ${lineOf(7, 0)};`);
  });

  it('checks that each step reads only steps it waits for, through the whole chain', () => {
    const broken = [5, 1_500];
    const source = largeProcess((index, lines) =>
      lines.map((line) => {
        // Every task but the last reads the last one, which all wait for; the broken ones also read
        // the one before them, which waits for them.
        if (!line.startsWith('    title:') || index === TASKS - 1) return line;
        const read = broken.includes(index) ? `task-${index - 1}` : `task-${TASKS - 1}`;
        return `    title: "Task ${index} after {{ steps.\`task-${TASKS - 1}\`.completedAt }} {{ steps.\`${read}\`.output }}"`;
      }),
    );
    const lines = source.split('\n');
    const at = (line: number, text: string) => ({ line, column: (lines[line - 1] ?? '').lastIndexOf(text) + 1 });
    expect(compileErrors(source).map(where)).toEqual(
      broken.map((index) => ({
        code: 'step-not-before',
        ...at(lineOf(index, 1), `\`task-${index - 1}\``),
        path: `/tasks/${index}/title`,
      })),
    );
  });
});
