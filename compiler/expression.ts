import jsonata from 'jsonata-sync';
import { CONTEXT_ROOTS, DEFAULT_ITEM_NAME, ITEM_INDEX_NAME } from '../plan/context';
import { isRecord } from './narrow';

/** Why an expression does not parse; `offset` counts from the expression's first character. */
export interface ExpressionProblem {
  readonly offset: number;
  readonly message: string;
  /** How to fix it, when the compiler can tell better than "see the JSONata syntax". */
  readonly hint?: string;
}

/** A name in an expression, and where it starts. */
export interface NameAt {
  readonly name: string;
  /** Offset of the name's first character (its backtick when quoted) in the expression. */
  readonly offset: number;
}

/** A name read from the root of the context (`input` in `input.site`), where the compiler can tell. */
export interface RootReference extends NameAt {
  /** The name the path goes on with (`contract` in `steps.contract.output`), if it goes on by name. */
  readonly member?: NameAt;
  /** The name after the member (`output` in `steps.contract.output`), if the path goes on by name. */
  readonly field?: NameAt;
  /** The name after the field (`contractId` in `steps.contract.output.contractId`), if the path goes on by name. */
  readonly subfield?: NameAt;
  /**
   * A name of the path written with dashes and no quotes, as in `steps.first-day`: JSONata reads
   * `steps.first - day`, a subtraction. `name` is the name as written, dashes included.
   */
  readonly dashed?: NameAt;
}

/** What the compiler knows of one expression: whether it parses, and the root names it reads. */
export interface ExpressionFacts {
  readonly problem: ExpressionProblem | undefined;
  readonly references: readonly RootReference[];
}

export type ExpressionCheck = (expression: string) => ExpressionFacts;

/** For a field whose expressions another check reads: only the field's shape is wanted here. */
export const ALREADY_CHECKED: ExpressionCheck = () => ({ problem: undefined, references: [] });

/**
 * An `ExpressionCheck` that parses each distinct expression once: processes repeat the same few
 * (`{{ input.site }}` on every task), and parsing JSONata costs far more than looking it up.
 * Lives for one compilation, so it holds only the expressions of one file.
 */
export function createExpressionCheck(): ExpressionCheck {
  const checked = new Map<string, ExpressionFacts>();
  return (expression) => {
    let facts = checked.get(expression);
    if (facts === undefined) {
      facts = readExpression(expression);
      checked.set(expression, facts);
    }
    return facts;
  };
}

/** Parses `expression` with JSONata now, so a typo fails the deployment, not a running instance. */
export function readExpression(expression: string): ExpressionFacts {
  let ast: unknown;
  try {
    ast = jsonata(expression).ast();
  } catch (error) {
    const message = isRecord(error) && 'message' in error ? String(error.message) : '';
    const problem = {
      offset: errorOffset(error, expression),
      message: `expression "${expression}" does not parse: ${message}`,
      ...dashedName(expression),
    };
    return { problem, references: [] };
  }
  const read: Read = { expression, names: [], glued: new Set() };
  readFromRoot(ast, read);
  return { problem: undefined, references: joinDashedNames(read) };
}

/** What a walk of the syntax tree gathers. */
interface Read {
  readonly expression: string;
  readonly names: FoundName[];
  /** Offsets of names right after a `-` with no space on either side: `day` in `first-day`. */
  readonly glued: Set<number>;
}

/** A root reference and the last plain name of its path, to find what a `-` glues to it. */
interface FoundName {
  readonly reference: RootReference;
  readonly last: NameAt;
  /** Where `last` ends in the expression. */
  readonly end: number;
}

/** Names an expression may subtract without spaces (`input.total-input.discount`), never a dashed id. */
const ROOT_LIKE: ReadonlySet<string> = new Set([...CONTEXT_ROOTS, DEFAULT_ITEM_NAME, ITEM_INDEX_NAME]);

/**
 * `steps.first-day` parses as `steps.first - day`: `day` then looks like a root name of its own.
 * Joins such names back into the dashed name the owner wrote, so one finding can say to quote it.
 */
function joinDashedNames(read: Read): RootReference[] {
  const { names, glued, expression } = read;
  if (glued.size === 0) return names.map((found) => found.reference);
  const byOffset = new Map(names.map((found) => [found.reference.offset, found]));
  const joined = new Set<FoundName>();
  const references: RootReference[] = [];
  for (const found of names) {
    if (joined.has(found)) continue;
    let { reference, last, end } = found;
    for (;;) {
      const next = expression[end] === '-' && glued.has(end + 1) ? byOffset.get(end + 1) : undefined;
      if (next === undefined || ROOT_LIKE.has(next.reference.name)) break;
      joined.add(next);
      last = { name: `${last.name}-${next.reference.name}`, offset: last.offset };
      reference = { ...reference, dashed: last };
      end = next.reference.offset + next.reference.name.length;
    }
    references.push(reference);
  }
  return references;
}

/**
 * `steps.step-2` does not parse (`steps.step - 2`, and 2 is no path step): the likely cause of a
 * parse error when a name with dashes follows a dot, pointed at and explained.
 */
function dashedName(expression: string): Pick<ExpressionProblem, 'offset' | 'hint'> | undefined {
  const match = /(\w*)\.([A-Za-z_]\w*(?:-\w+)+)/.exec(expression);
  if (match === null) return undefined;
  const [whole, before = '', dashed = ''] = match;
  return {
    offset: match.index + whole.length - dashed.length,
    hint: `quote a name with dashes in backticks: ${before}.\`${dashed}\` (JSONata reads "-" as a subtraction)`,
  };
}

/** JSONata reports the offset just past the offending token; step back to its start. */
function errorOffset(error: unknown, expression: string): number {
  if (!isRecord(error)) return 0;
  const end = typeof error.position === 'number' ? error.position : 0;
  const token = typeof error.token === 'string' && error.token !== '(end)' ? error.token : '';
  return Math.min(Math.max(end - token.length, 0), expression.length);
}

/**
 * Collects the names `node` reads from the root of the context. Only what is evaluated against
 * the root counts: the first step of a path, operands, function arguments, lambda bodies (JSONata
 * evaluates them against the context they are written in). Later path steps, predicates, sort
 * terms, groups and transforms read whatever the path has reached, which the compiler cannot know.
 */
function readFromRoot(node: unknown, read: Read): void {
  if (Array.isArray(node)) {
    for (const item of node) readFromRoot(item, read);
    return;
  }
  if (!isRecord(node)) return;
  switch (node.type) {
    case 'path':
      readPath(Array.isArray(node.steps) ? node.steps : [], read);
      return;
    case 'name': {
      const found = nameAt(node, read.expression);
      if (found !== undefined) read.names.push({ reference: found.name, last: found.name, end: found.end });
      return;
    }
    case 'binary':
      if (node.value === '-') noteGluedMinus(node, read);
      readFromRoot(node.lhs, read);
      readFromRoot(node.rhs, read);
      return;
    case 'apply':
      readFromRoot(node.lhs, read);
      readFromRoot(node.rhs, read);
      return;
    case 'bind':
      readFromRoot(node.rhs, read);
      return;
    case 'condition':
      readFromRoot([node.condition, node.then, node.else], read);
      return;
    case 'block':
      readFromRoot(node.expressions, read);
      return;
    case 'unary':
      // `-x`, `[a, b]` and `{ "key": value }`: the object's pairs are nested lists of nodes.
      readFromRoot([node.expression, node.expressions, node.lhs], read);
      return;
    case 'function':
    case 'partial':
      readFromRoot(node.arguments, read);
      return;
    case 'lambda':
      readFromRoot(node.body, read);
      return;
    default:
      return;
  }
}

/** `a-b` with no spaces: the offset right after the `-`, where `b` starts. */
function noteGluedMinus(node: Readonly<Record<string, unknown>>, read: Read): void {
  const { position } = node;
  const { expression } = read;
  if (typeof position !== 'number' || expression[position - 1] !== '-') return;
  const before = expression[position - 2];
  const after = expression[position];
  if (before === undefined || after === undefined || /\s/.test(before) || /\s/.test(after)) return;
  read.glued.add(position);
}

/** `input.site`, `$$.input.site`: the first name is read from the root; `steps.x` also names `x`. */
function readPath(steps: readonly unknown[], read: Read): void {
  const { expression } = read;
  const [first, ...rest] = steps;
  if (!isRecord(first)) return;
  // `$` and `$$` at the root are the context itself: `$$.input.site` reads `input`.
  const fromContext = first.type === 'variable' && (first.value === '' || first.value === '$');
  const head = fromContext ? rest[0] : first;
  if (!isRecord(head)) return;
  if (head.type !== 'name') {
    if (!fromContext) readFromRoot(head, read);
    return;
  }
  const root = nameAt(head, expression);
  if (root === undefined) return;
  // Names go on while each is plain: a predicate or focus (`steps[0]`) changes what follows.
  const path = [root];
  for (let at = fromContext ? 1 : 0; at < rest.length; at++) {
    const previous = at === 0 ? head : rest[at - 1];
    const step = rest[at];
    if (!isPlain(previous) || !isRecord(step) || step.type !== 'name') break;
    const name = nameAt(step, expression);
    if (name === undefined) break;
    path.push(name);
  }
  const [, member, field, subfield] = path;
  const last = path.at(-1) ?? root;
  read.names.push({
    reference: {
      ...root.name,
      ...(member === undefined ? {} : { member: member.name }),
      ...(field === undefined ? {} : { field: field.name }),
      ...(subfield === undefined ? {} : { subfield: subfield.name }),
    },
    last: last.name,
    end: last.end,
  });
}

function isPlain(step: unknown): boolean {
  return isRecord(step) && !Array.isArray(step.stages) && step.focus === undefined && step.index === undefined;
}

/** A name node's text and where it starts and ends: JSONata gives the end, quoted names have backticks. */
function nameAt(
  node: Readonly<Record<string, unknown>>,
  expression: string,
): { name: NameAt; end: number } | undefined {
  const { value, position } = node;
  if (typeof value !== 'string' || typeof position !== 'number') return undefined;
  const quoted = expression[position - 1] === '`';
  const offset = Math.max(0, position - value.length - (quoted ? 2 : 0));
  return { name: { name: value, offset }, end: position };
}
