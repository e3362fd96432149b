import { checkCatalogue } from './catalogue';
import { declaredFields, outputFields } from './declared-fields';
import type { ProcessDraft, StepDraft } from './document';
import { isJsonObject } from './document';
import { CompileErrorCode, type Finding } from './errors';
import { checkEscalation } from './escalation';
import { checkFanOut } from './fan-out';
import { createFieldChecks } from './fields';
import { createAncestry, findCycles } from './graph';
import type { Locator } from './locate';
import type { Path } from './path';
import type { ReferenceRules } from './references';
import { checkStep } from './steps';
import { didYouMean } from './suggest';

export interface CheckContext {
  readonly departments: readonly string[];
  /** Ids of the calendars `calendar:` may name. */
  readonly calendars: readonly string[];
  readonly locator: Locator;
  /** The names of the data tables, or undefined when some could not be read (a failed import). */
  readonly dataTables: readonly string[] | undefined;
}

/**
 * The rules a JSON Schema cannot express: references between steps, departments, durations,
 * expressions and the owner's own schemas. Reads a draft so they run despite schema errors.
 */
export function checkProcess(draft: ProcessDraft, context: CheckContext): Finding[] {
  const steps = uniqueById(draft.steps);
  const known = new Set(steps.map((step) => step.id));
  const nodes = steps.map((step) => ({
    id: step.id,
    after: step.after.map((entry) => entry.target).filter((target) => known.has(target)),
    step,
  }));
  const cycles = findCycles(nodes);
  const outputs = new Map(steps.map((step) => [step.id, outputFields(step)]));
  const rules: ReferenceRules = {
    stepIds: [...known],
    isStep: (id) => known.has(id),
    // With a cycle, which step comes first is undefined: only the cycle is reported.
    ancestry: cycles.length === 0 ? createAncestry(nodes) : undefined,
    dataTables: context.dataTables,
    inputFields: declaredFields(draft.input),
    outputFields: (id) => outputs.get(id),
  };
  const fields = createFieldChecks({ departments: context.departments, calendars: context.calendars, rules });
  return [
    ...checkOwner(draft.owner, ['owner'], context.departments),
    ...fields.calendar(draft.calendar, ['calendar']),
    ...fields.userSchema(draft.input, ['input'], 'input'),
    ...draft.steps.flatMap((step) => checkStep(step, fields, rules)),
    ...checkEscalation(draft.escalation, ['escalation'], context.departments),
    ...fields.startExpression(draft.budgetExpression, ['budget', 'amount'], 'the budget'),
    ...checkCatalogue(draft.catalogue, draft.intake, draft.input, context.departments),
    ...fields.startTemplate(
      isJsonObject(draft.catalogue) && typeof draft.catalogue.requestSubject === 'string'
        ? draft.catalogue.requestSubject
        : undefined,
      ['catalogue', 'requestSubject'],
      "a request's subject",
    ),
    ...draft.steps.flatMap((step) =>
      checkEscalation(step.fields.escalation, [...step.path, 'escalation'], context.departments),
    ),
    ...checkStepIds(draft.steps, context.locator),
    ...checkAfter(draft.steps, rules.stepIds),
    ...checkFanOut(draft.steps, draft.input),
    ...cycles.flatMap((cycle) => cycleFinding(cycle)),
  ];
}

function checkOwner(owner: string | undefined, path: Path, departments: readonly string[]): Finding[] {
  if (owner === undefined || departments.includes(owner)) return [];
  return [
    {
      code: CompileErrorCode.unknownDepartment,
      message: `unknown department "${owner}"`,
      hint: didYouMean(owner, departments, 'known departments'),
      path,
    },
  ];
}

/** Reported at the second use, since the first is the one later `after` entries most likely mean. */
function checkStepIds(steps: readonly StepDraft[], locator: Locator): Finding[] {
  const first = new Map<string, StepDraft>();
  return steps.flatMap((step) => {
    if (step.id === undefined) return [];
    const earlier = first.get(step.id);
    if (earlier === undefined) {
      first.set(step.id, step);
      return [];
    }
    const { line } = locator.locate([...earlier.path, 'id']);
    return {
      code: CompileErrorCode.duplicateStepId,
      message: `step id "${step.id}" is used twice`,
      hint: `the first step "${step.id}" is on line ${line}; give each step its own id`,
      path: [...step.path, 'id'],
    };
  });
}

function checkAfter(steps: readonly StepDraft[], ids: readonly string[]): Finding[] {
  const known = new Set(ids);
  return steps.flatMap((step) =>
    step.after
      .filter((entry) => !known.has(entry.target))
      .map((entry) => ({
        code: CompileErrorCode.unknownAfter,
        message: `"after" names "${entry.target}", which is not a step of this process`,
        hint: didYouMean(entry.target, ids, 'step ids'),
        path: entry.path,
      })),
  );
}

/** One finding per cycle, at the `after` entry by which its first step waits for the next one. */
function cycleFinding(cycle: readonly { readonly id: string; readonly step: StepDraft }[]): Finding[] {
  const [first, second = first] = cycle;
  const entry = first?.step.after.find((candidate) => candidate.target === second?.id);
  if (first === undefined || entry === undefined) return [];
  return [
    {
      code: CompileErrorCode.dependencyCycle,
      message: `dependency cycle: ${[...cycle, first].map((node) => node.id).join(' -> ')}`,
      hint: 'each step waits for the next one, so none can ever start: remove one of these "after" entries',
      path: entry.path,
    },
  ];
}

/** Steps with an id, the first of each id only: duplicates are reported on their own. */
function uniqueById(steps: readonly StepDraft[]): (StepDraft & { readonly id: string })[] {
  const seen = new Set<string>();
  return steps.flatMap((step) => {
    const { id } = step;
    if (id === undefined || seen.has(id)) return [];
    seen.add(id);
    return { ...step, id };
  });
}
