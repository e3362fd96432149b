import { parse } from 'yaml';
import { compileProcess } from '../compiler';
import { report, target } from './support/report';
import type { Scenario } from './support/scenario';
import { ratio, round, summarize } from './support/stats';

/**
 * A process of `steps` tasks shaped like real ones: a binary tree of dependencies (fan-out
 * and joins), templated titles, forms on every fourth step.
 */
export function generatedDefinition(steps: number): string {
  const lines = [
    'process: generated',
    'title: Generated process',
    'owner: operations',
    'input:',
    '  type: object',
    '  properties:',
    '    site: { type: string }',
    'tasks:',
  ];
  for (let index = 0; index < steps; index++) {
    lines.push(
      `  - id: step-${index}`,
      `    title: "Step ${index} at {{ input.site }}"`,
      `    department: ${DEPARTMENTS[index % DEPARTMENTS.length]}`,
      `    due: ${1 + (index % 5)}d`,
      `    cost: ${10 * (index % 7)}`,
    );
    if (index > 0) lines.push(`    after: [step-${Math.floor((index - 1) / 2)}]`);
    if (index % 4 === 0) {
      lines.push(...REFERENCE_FORM_LINES);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A task form asking for one reference, as YAML lines under a task. */
export const REFERENCE_FORM_LINES = [
  '    form:',
  '      type: object',
  '      required: [reference]',
  '      properties:',
  '        reference: { type: string }',
];

const DEPARTMENTS = ['hr', 'it', 'logistics', 'maintenance', 'operations'];

function timeOnce(action: () => unknown): number {
  const start = process.hrtime.bigint();
  action();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function measure(source: string, runs: number) {
  const compile = () => {
    const result = compileProcess(source, { file: 'generated.yaml', departments: DEPARTMENTS });
    if (!result.ok) throw new Error(`the generated definition does not compile: ${result.errors[0]?.message}`);
  };
  const parseOnly = () => parse(source);
  for (let warmup = 0; warmup < 3; warmup++) {
    compile();
    parseOnly();
  }
  const compileMs: number[] = [];
  const parseMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    parseMs.push(timeOnce(parseOnly));
    compileMs.push(timeOnce(compile));
  }
  return { compile: summarize(compileMs), parse: summarize(parseMs) };
}

export const compilerScenario: Scenario = {
  name: 'compiler',
  description: 'validate + compile 1,000 and 10,000-step definitions, against yaml.parse of the same text',
  async run({ smoke }) {
    const sizes = smoke ? [50, 500] : [1_000, 10_000];
    const runs = smoke ? 3 : 15;
    const figures: Record<string, unknown> = {};
    const perStep: number[] = [];
    for (const steps of sizes) {
      const source = generatedDefinition(steps);
      const { compile, parse: parseOnly } = measure(source, steps >= 10_000 ? Math.ceil(runs / 3) : runs);
      perStep.push(compile.median / steps);
      figures[`${steps} steps`] = {
        yamlLines: source.split('\n').length,
        compileMs: { median: round(compile.median), p99: round(compile.p99), samples: compile.samples },
        baselineYamlParseMs: { median: round(parseOnly.median), p99: round(parseOnly.p99) },
        compileOverParse: ratio(compile.median, parseOnly.median),
        microsecondsPerStep: round((compile.median / steps) * 1000, 1),
      };
    }
    const [small, large] = perStep;
    const growth = small && large ? ratio(large, small) : Number.NaN;
    figures.perStepCostGrowth = growth;
    const first = figures[`${sizes[0]} steps`] as { compileMs: { median: number } };
    report(
      'compiler',
      figures,
      [
        target(`${sizes[0]} steps, median ms`, first.compileMs.median, '<=', 100),
        target('per-step cost at 10x the steps (1.0 = linear)', growth, '<=', 1.5),
      ],
      smoke,
    );
  },
};
