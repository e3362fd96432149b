import jsonata from 'jsonata';
import type { Template, TemplatePart } from '../plan/types';

export interface TemplateProblem {
  /** `template` for a malformed `{{ }}` hole, `expression` for JSONata that does not parse. */
  readonly kind: 'template' | 'expression';
  /** Character offset in the template text, to point inside the YAML scalar. */
  readonly offset: number;
  readonly message: string;
}

export interface ParsedTemplate {
  readonly template: Template;
  readonly problems: readonly TemplateProblem[];
}

/** The problem with one JSONata expression, if any; its offset counts from the expression's start. */
export type ExpressionCheck = (expression: string) => TemplateProblem | undefined;

/**
 * An `ExpressionCheck` that parses each distinct expression once: processes repeat the same few
 * (`{{ input.site }}` on every task), and parsing JSONata costs far more than looking it up.
 * Lives for one compilation, so it holds only the expressions of one file.
 */
export function createExpressionCheck(): ExpressionCheck {
  const checked = new Map<string, TemplateProblem | undefined>();
  return (expression) => {
    if (checked.has(expression)) return checked.get(expression);
    const problem = expressionProblem(expression);
    checked.set(expression, problem);
    return problem;
  };
}

/**
 * Splits `a {{ x }} b` into text and expression parts, parsing each expression with JSONata now so
 * that a typo fails the deployment, not a running instance. An expression ends at the first `}}`.
 * `checkExpression` replaces that parse, e.g. by a memoised one (`createExpressionCheck`).
 */
export function parseTemplate(text: string, checkExpression: ExpressionCheck = expressionProblem): ParsedTemplate {
  const parts: TemplatePart[] = [];
  const problems: TemplateProblem[] = [];
  let cursor = 0;
  while (cursor < text.length) {
    const open = text.indexOf('{{', cursor);
    if (open === -1) {
      parts.push({ text: text.slice(cursor) });
      break;
    }
    if (open > cursor) parts.push({ text: text.slice(cursor, open) });
    const close = text.indexOf('}}', open + 2);
    if (close === -1) {
      problems.push({ kind: 'template', offset: open, message: '"{{" is never closed by "}}"' });
      break;
    }
    const hole = text.slice(open + 2, close);
    const expression = hole.trim();
    if (expression === '') {
      problems.push({ kind: 'template', offset: open, message: '"{{ }}" holds no expression' });
    } else {
      const start = open + 2 + hole.length - hole.trimStart().length;
      const problem = checkExpression(expression);
      if (problem !== undefined) problems.push({ ...problem, offset: start + problem.offset });
      parts.push({ expression });
    }
    cursor = close + 2;
  }
  return { template: parts, problems };
}

function expressionProblem(expression: string): TemplateProblem | undefined {
  try {
    jsonata(expression);
    return undefined;
  } catch (error) {
    const message = typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : '';
    return {
      kind: 'expression',
      offset: errorOffset(error, expression),
      message: `expression "${expression}" does not parse: ${message}`,
    };
  }
}

/** JSONata reports the offset just past the offending token; step back to its start. */
function errorOffset(error: unknown, expression: string): number {
  if (typeof error !== 'object' || error === null || !('position' in error)) return 0;
  const end = typeof error.position === 'number' ? error.position : 0;
  const token = 'token' in error && typeof error.token === 'string' && error.token !== '(end)' ? error.token : '';
  return Math.min(Math.max(end - token.length, 0), expression.length);
}
