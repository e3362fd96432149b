import { parse } from 'yaml';
import { compileProcess } from '../compiler';
import { forecastProcess } from '../forecast/forecast-process';
import type { CompiledProcess } from '../plan/types';
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

function compiled(source: string): CompiledProcess {
  const result = compileProcess(source, { file: 'generated.yaml', departments: DEPARTMENTS });
  if (!result.ok) throw new Error(`the generated definition does not compile: ${result.errors[0]?.message}`);
  return result.plan;
}

function measure(source: string, runs: number) {
  const compile = () => compiled(source);
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

/** The dry-run plan (`baton plan`, `POST /definitions/:key/plan`) of the compiled process. */
async function measurePlan(plan: CompiledProcess, runs: number) {
  const dryRun = () => forecastProcess(plan, { site: 'LYO-012' }, { start: '2027-01-04' });
  for (let warmup = 0; warmup < 3; warmup++) await dryRun();
  const planMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = process.hrtime.bigint();
    const result = await dryRun();
    planMs.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.steps.length !== plan.steps.length) throw new Error('the dry-run plan lost steps');
  }
  return summarize(planMs);
}

export const compilerScenario: Scenario = {
  name: 'compiler',
  description:
    'validate + compile 1,000 and 10,000-step definitions, against yaml.parse of the same text; and their dry-run plans',
  async run({ smoke }) {
    const sizes = smoke ? [50, 500] : [1_000, 10_000];
    const runs = smoke ? 3 : 15;
    const figures: Record<string, unknown> = {};
    const perStep: number[] = [];
    const planPerStep: number[] = [];
    for (const steps of sizes) {
      const source = generatedDefinition(steps);
      const sizeRuns = steps >= 10_000 ? Math.ceil(runs / 3) : runs;
      const { compile, parse: parseOnly } = measure(source, sizeRuns);
      const dryRun = await measurePlan(compiled(source), sizeRuns);
      perStep.push(compile.median / steps);
      planPerStep.push(dryRun.median / steps);
      figures[`${steps} steps`] = {
        yamlLines: source.split('\n').length,
        compileMs: { median: round(compile.median), p99: round(compile.p99), samples: compile.samples },
        baselineYamlParseMs: { median: round(parseOnly.median), p99: round(parseOnly.p99) },
        compileOverParse: ratio(compile.median, parseOnly.median),
        microsecondsPerStep: round((compile.median / steps) * 1000, 1),
        dryRunPlanMs: { median: round(dryRun.median), p99: round(dryRun.p99), samples: dryRun.samples },
      };
    }
    const [small, large] = perStep;
    const growth = small && large ? ratio(large, small) : Number.NaN;
    figures.perStepCostGrowth = growth;
    const [smallPlan, largePlan] = planPerStep;
    const planGrowth = smallPlan && largePlan ? ratio(largePlan, smallPlan) : Number.NaN;
    figures.dryRunPlanPerStepCostGrowth = planGrowth;
    const first = figures[`${sizes[0]} steps`] as {
      compileMs: { median: number };
      dryRunPlanMs: { median: number };
    };
    report(
      'compiler',
      figures,
      [
        target(`${sizes[0]} steps, median ms`, first.compileMs.median, '<=', 100),
        target('per-step cost at 10x the steps (1.0 = linear)', growth, '<=', 1.5),
        target(`dry-run plan of ${sizes[0]} steps, median ms`, first.dryRunPlanMs.median, '<=', 100),
        target('dry-run plan, per-step cost at 10x the steps', planGrowth, '<=', 1.5),
      ],
      smoke,
    );
  },
};
