import { CONTEXT_ROOTS, DEFAULT_ITEM_NAME, ITEM_INDEX_NAME } from '../plan/context';
import { CompileErrorCode, type Finding } from './errors';
import type { RootReference } from './expression';
import type { Ancestry } from './graph';
import type { Path } from './path';
import { didYouMean } from './suggest';

/** What the whole file tells about the names an expression may read. */
export interface ReferenceRules {
  /** Step ids, each once, in file order. */
  readonly stepIds: readonly string[];
  /** Undefined while the steps have a cycle: no step then comes before another in a knowable way. */
  readonly ancestry: Ancestry | undefined;
  /** The names of the data tables; undefined when an import could not be read, so some are unknown. */
  readonly dataTables: readonly string[] | undefined;
}

/** Where an expression is evaluated: in which step, and with which item names besides the roots. */
export interface Scope {
  readonly stepId: string | undefined;
  /** `item` (or the `as:` name) and `index` in the per-item fields of a `forEach` step. */
  readonly itemNames: readonly string[];
}

/**
 * Findings for the root names an expression reads: each must be a context root or an item name,
 * `steps.<id>` a step this one waits for, `data.<table>` a known table. `path` is the field, the
 * references' offsets count in its text.
 */
export function checkReferences(
  references: readonly RootReference[],
  rules: ReferenceRules,
  scope: Scope,
  path: Path,
): Finding[] {
  const findings: Finding[] = [];
  for (const reference of references) {
    const finding = checkReference(reference, rules, scope, path);
    if (finding !== undefined) findings.push(finding);
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
  if (scope.itemNames.includes(name)) return undefined;
  if (!isContextRoot(name)) return unknownRoot(reference, scope, path);
  if (member === undefined) return undefined;
  if (name === 'steps') return checkStepReference(member, rules, scope, path);
  if (name === 'data' && rules.dataTables !== undefined && !rules.dataTables.includes(member.name)) {
    return {
      code: CompileErrorCode.unknownReference,
      message: `"data.${member.name}" names no data table of this process`,
      hint: didYouMean(member.name, rules.dataTables, 'data tables'),
      path,
      anchor: { offset: member.offset },
    };
  }
  return undefined;
}

function isContextRoot(name: string): boolean {
  return CONTEXT_ROOTS.some((root) => root === name);
}

function unknownRoot(reference: RootReference, scope: Scope, path: Path): Finding {
  const { name, offset } = reference;
  const candidates = [...CONTEXT_ROOTS, ...scope.itemNames];
  const itemOutside = scope.itemNames.length === 0 && (name === DEFAULT_ITEM_NAME || name === ITEM_INDEX_NAME);
  return {
    code: CompileErrorCode.unknownReference,
    message: `"${name}" is not a name an expression can start from`,
    hint: itemOutside
      ? `"${name}" exists only in the per-item fields of a step with forEach (not in its forEach or when)`
      : didYouMean(name, candidates, 'expressions start from'),
    path,
    anchor: { offset },
  };
}

function checkStepReference(
  member: NonNullable<RootReference['member']>,
  rules: ReferenceRules,
  scope: Scope,
  path: Path,
): Finding | undefined {
  const { name: id, offset } = member;
  const anchor = { offset };
  if (!rules.stepIds.includes(id)) {
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
  if (rules.ancestry === undefined || rules.ancestry.comesBefore(id, stepId)) return undefined;
  return {
    code: CompileErrorCode.stepNotBefore,
    message: `step "${stepId}" reads "steps.${id}", but does not wait for step "${id}"`,
    hint: `add "${id}" to the "after" of "${stepId}" (or of a step it comes after), so "${id}" is done when it is read`,
    path,
    anchor,
  };
}
