import {
  CONTEXT_ROOTS,
  DEFAULT_ITEM_NAME,
  type ExpressionContext,
  ITEM_INDEX_NAME,
  type StepFacts,
} from '../plan/context';
import { CompileErrorCode, type Finding } from './errors';
import type { NameAt, RootReference } from './expression';
import type { Ancestry } from './graph';
import type { Path } from './path';
import { closest, didYouMean } from './suggest';

/** What the whole file tells about the names an expression may read. */
export interface ReferenceRules {
  /** Step ids, each once, in file order. */
  readonly stepIds: readonly string[];
  readonly isStep: (id: string) => boolean;
  /** Undefined while the steps have a cycle: no step then comes before another in a knowable way. */
  readonly ancestry: Ancestry | undefined;
  /** The names of the data tables; undefined when an import could not be read, so some are unknown. */
  readonly dataTables: readonly string[] | undefined;
  /** The fields the start form declares; undefined when it does not close the set (see `declaredFields`). */
  readonly inputFields: readonly string[] | undefined;
  /** The fields a step's output declares (a task's form, an approval's decision); undefined when unknown. */
  readonly outputFields: (stepId: string) => readonly string[] | undefined;
}

/** Where an expression is evaluated: in which step, and with which item names besides the roots. */
export interface Scope {
  readonly stepId: string | undefined;
  /** `item` (or the `as:` name) and `index` in the per-item fields of a `forEach` step. */
  readonly itemNames: readonly string[];
}

/**
 * Findings for the root names an expression reads: each must be a context root or an item name,
 * `steps.<id>` a step this one waits for, `data.<table>` a known table. `path` is the field; the
 * expression starts at offset `start` of its text.
 */
export function checkReferences(
  references: readonly RootReference[],
  rules: ReferenceRules,
  scope: Scope,
  path: Path,
  start = 0,
): Finding[] {
  const findings: Finding[] = [];
  for (const reference of references) {
    const finding = checkReference(reference, rules, scope, path);
    if (finding === undefined) continue;
    const { anchor } = finding;
    findings.push(
      start === 0 || typeof anchor !== 'object' ? finding : { ...finding, anchor: { offset: start + anchor.offset } },
    );
  }
  return findings;
}

function checkReference(
  reference: RootReference,
  rules: ReferenceRules,
  scope: Scope,
  path: Path,
): Finding | undefined {
  const { name, member } = reference;
  if (reference.dashed !== undefined) return dashedName(reference, reference.dashed, path);
  if (scope.itemNames.includes(name)) return undefined;
  if (!isContextRoot(name)) return unknownRoot(reference, scope, path);
  if (member === undefined) return undefined;
  switch (name) {
    case 'steps':
      return checkStepReference(reference, member, rules, scope, path);
    case 'data':
      if (rules.dataTables === undefined || rules.dataTables.includes(member.name)) return undefined;
      return unknownMember(`"data.${member.name}" names no data table of this process`, member, rules.dataTables, {
        what: 'data tables',
        path,
      });
    case 'input': {
      const { inputFields } = rules;
      if (inputFields === undefined || inputFields.includes(member.name)) return undefined;
      return unknownField(`"input.${member.name}" is not a field of the start form`, member, inputFields, {
        what: 'the start form declares',
        path,
      });
    }
    case 'process':
    case 'instance': {
      const fields = name === 'process' ? PROCESS_FIELDS : INSTANCE_FIELDS;
      if (Object.hasOwn(fields, member.name)) return undefined;
      return unknownMember(`"${name}.${member.name}" is not a field of the ${name}`, member, Object.keys(fields), {
        what: `${name} fields`,
        path,
      });
    }
    default:
      return undefined;
  }
}

// Records over the context's keys: adding a field to `plan/context.ts` without listing it here fails to compile.
const PROCESS_FIELDS: Readonly<Record<keyof ExpressionContext['process'], true>> = {
  key: true,
  version: true,
  title: true,
};
const INSTANCE_FIELDS: Readonly<Record<keyof ExpressionContext['instance'], true>> = {
  id: true,
  startedAt: true,
  requester: true,
};
const STEP_FACTS: Readonly<Record<keyof StepFacts, true>> = {
  status: true,
  output: true,
  completedAt: true,
  completedBy: true,
};

/** How an expression reads a step: ids with dashes in backticks. */
function stepPath(id: string): string {
  return id.includes('-') ? `steps.\`${id}\`` : `steps.${id}`;
}

function unknownMember(
  message: string,
  member: NameAt,
  candidates: readonly string[],
  { what, path }: { readonly what: string; readonly path: Path },
): Finding {
  return {
    code: CompileErrorCode.unknownReference,
    message,
    hint: didYouMean(member.name, candidates, what),
    path,
    anchor: { offset: member.offset },
  };
}

/** A field a schema does not declare: a typo that would read nothing, and quietly skip or blank what uses it. */
function unknownField(
  message: string,
  name: NameAt,
  declared: readonly string[],
  { what, path }: { readonly what: string; readonly path: Path },
): Finding {
  return {
    code: CompileErrorCode.unknownField,
    message,
    hint: didYouMean(name.name, declared, what),
    path,
    anchor: { offset: name.offset },
  };
}

/** `steps.first-day` is `steps.first` minus `day` in JSONata: a name with dashes needs quotes. */
function dashedName(reference: RootReference, dashed: NameAt, path: Path): Finding {
  const [first, ...rest] = dashed.name.split('-');
  // The names before the dashed one, when it is among the first three: `steps.` in `steps.first-day`.
  const { member, field } = reference;
  let before = '';
  if (member?.offset === dashed.offset) before = `${reference.name}.`;
  else if (member !== undefined && field?.offset === dashed.offset) before = `${reference.name}.${member.name}.`;
  else if (reference.offset !== dashed.offset) before = '….';
  return {
    code: CompileErrorCode.invalidExpression,
    message: `"${before}${dashed.name}" reads as "${first}" minus "${rest.join('-')}": JSONata takes "-" for a subtraction`,
    hint: `quote a name with dashes in backticks: ${before}\`${dashed.name}\` (or put spaces around "-" for a subtraction)`,
    path,
    anchor: { offset: dashed.offset },
  };
}

function isContextRoot(name: string): boolean {
  return CONTEXT_ROOTS.some((root) => root === name);
}

function unknownRoot(reference: RootReference, scope: Scope, path: Path): Finding {
  const { name, offset } = reference;
  const candidates = [...CONTEXT_ROOTS, ...scope.itemNames];
  const [itemName] = scope.itemNames;
  let hint = didYouMean(name, candidates, 'expressions start from');
  if (itemName === undefined && (name === DEFAULT_ITEM_NAME || name === ITEM_INDEX_NAME)) {
    hint = `"${name}" exists only in the per-item fields of a step with forEach (not in its forEach or when)`;
  } else if (itemName !== undefined && name === DEFAULT_ITEM_NAME) {
    hint = `this step names its item "${itemName}" (as: ${itemName}): write ${itemName}`;
  }
  return {
    code: CompileErrorCode.unknownReference,
    message: `"${name}" is not a name an expression can start from`,
    hint,
    path,
    anchor: { offset },
  };
}

function checkStepReference(
  reference: RootReference,
  member: NameAt,
  rules: ReferenceRules,
  scope: Scope,
  path: Path,
): Finding | undefined {
  const { name: id, offset } = member;
  const anchor = { offset };
  if (!rules.isStep(id)) {
    return {
      code: CompileErrorCode.unknownReference,
      message: `"steps.${id}" names no step of this process`,
      hint: didYouMean(id, rules.stepIds, 'step ids'),
      path,
      anchor,
    };
  }
  const { stepId } = scope;
  // A step without an id is reported by the language schema; what it waits for is unknown.
  if (stepId === undefined) return undefined;
  if (id === stepId) {
    return {
      code: CompileErrorCode.stepNotBefore,
      message: `step "${stepId}" reads its own result ("steps.${id}")`,
      hint: 'a step can read only the steps it comes after (its "after", directly or through other steps)',
      path,
      anchor,
    };
  }
  if (rules.ancestry !== undefined && !rules.ancestry.comesBefore(id, stepId)) {
    return {
      code: CompileErrorCode.stepNotBefore,
      message: `step "${stepId}" reads "steps.${id}", but does not wait for step "${id}"`,
      hint: `add "${id}" to the "after" of "${stepId}" (or of a step it comes after), so "${id}" is done when it is read`,
      path,
      anchor,
    };
  }
  const { field, subfield } = reference;
  if (field !== undefined && Object.hasOwn(STEP_FACTS, field.name)) {
    const declared = rules.outputFields(id);
    if (field.name !== 'output' || subfield === undefined || declared === undefined) return undefined;
    if (declared.includes(subfield.name)) return undefined;
    return unknownField(
      `"${stepPath(id)}.output.${subfield.name}" is not a field of the output of "${id}"`,
      subfield,
      declared,
      {
        what: `the output of "${id}" has`,
        path,
      },
    );
  }
  if (field === undefined) return undefined;
  const facts = Object.keys(STEP_FACTS);
  return {
    code: CompileErrorCode.unknownReference,
    message: `"steps.${id}.${field.name}": a step has only ${facts.join(', ')}`,
    hint:
      closest(field.name, facts) === undefined
        ? `what the step's staff entered, or its response, is under output: ${stepPath(id)}.output.${field.name}`
        : didYouMean(field.name, facts, 'step fields'),
    path,
    anchor: { offset: field.offset },
  };
}
