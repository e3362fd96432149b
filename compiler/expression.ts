import jsonata from 'jsonata';
import { isRecord } from './narrow';

/** Why an expression does not parse; `offset` counts from the expression's first character. */
export interface ExpressionProblem {
  readonly offset: number;
  readonly message: string;
}

/** A name read from the root of the context (`input` in `input.site`), where the compiler can tell. */
export interface RootReference {
  readonly name: string;
  /** Offset of the name in the expression. */
  readonly offset: number;
  /** The name the path goes on with (`contract` in `steps.contract.output`), if it goes on by name. */
  readonly member?: { readonly name: string; readonly offset: number };
}

/** What the compiler knows of one expression: whether it parses, and the root names it reads. */
export interface ExpressionFacts {
  readonly problem: ExpressionProblem | undefined;
  readonly references: readonly RootReference[];
}

export type ExpressionCheck = (expression: string) => ExpressionFacts;

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
    };
    return { problem, references: [] };
  }
  const references: RootReference[] = [];
  readFromRoot(ast, expression, references);
  return { problem: undefined, references };
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
function readFromRoot(node: unknown, expression: string, found: RootReference[]): void {
  if (Array.isArray(node)) {
    for (const item of node) readFromRoot(item, expression, found);
    return;
  }
  if (!isRecord(node)) return;
  switch (node.type) {
    case 'path':
      readPath(Array.isArray(node.steps) ? node.steps : [], expression, found);
      return;
    case 'name': {
      const name = nameAt(node, expression);
      if (name !== undefined) found.push(name);
      return;
    }
    case 'binary':
    case 'apply':
      readFromRoot(node.lhs, expression, found);
      readFromRoot(node.rhs, expression, found);
      return;
    case 'bind':
      readFromRoot(node.rhs, expression, found);
      return;
    case 'condition':
      readFromRoot([node.condition, node.then, node.else], expression, found);
      return;
    case 'block':
      readFromRoot(node.expressions, expression, found);
      return;
    case 'unary':
      // `-x`, `[a, b]` and `{ "key": value }`: the object's pairs are nested lists of nodes.
      readFromRoot([node.expression, node.expressions, node.lhs], expression, found);
      return;
    case 'function':
    case 'partial':
      readFromRoot(node.arguments, expression, found);
      return;
    case 'lambda':
      readFromRoot(node.body, expression, found);
      return;
    default:
      return;
  }
}

/** `input.site`, `$$.input.site`: the first name is read from the root; `steps.x` also names `x`. */
function readPath(steps: readonly unknown[], expression: string, found: RootReference[]): void {
  const [first, ...rest] = steps;
  if (!isRecord(first)) return;
  // `$` and `$$` at the root are the context itself: `$$.input.site` reads `input`.
  const fromContext = first.type === 'variable' && (first.value === '' || first.value === '$');
  const head = fromContext ? rest[0] : first;
  const next = fromContext ? rest[1] : rest[0];
  if (!isRecord(head)) return;
  if (head.type !== 'name') {
    if (!fromContext) readFromRoot(head, expression, found);
    return;
  }
  const name = nameAt(head, expression);
  if (name === undefined) return;
  // A predicate or focus on the root name (`steps[0]`) changes what follows: only plain names go on.
  const plain = !Array.isArray(head.stages) && head.focus === undefined && head.index === undefined;
  const member = plain && isRecord(next) && next.type === 'name' ? nameAt(next, expression) : undefined;
  found.push(member === undefined ? name : { ...name, member: { name: member.name, offset: member.offset } });
}

/** A name node's text and where it starts: JSONata gives the end, and `\`quoted names\`` have backticks. */
function nameAt(node: Readonly<Record<string, unknown>>, expression: string): RootReference | undefined {
  const { value, position } = node;
  if (typeof value !== 'string' || typeof position !== 'number') return undefined;
  const quoted = expression[position - 1] === '`';
  const offset = Math.max(0, position - value.length - (quoted ? 2 : 0));
  return { name: value, offset };
}
