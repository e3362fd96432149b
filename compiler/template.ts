import type { Template, TemplatePart } from '../plan/types';
import { type ExpressionCheck, type RootReference, readExpression } from './expression';

export interface TemplateProblem {
  /** `template` for a malformed `{{ }}` hole, `expression` for JSONata that does not parse. */
  readonly kind: 'template' | 'expression';
  /** Character offset in the template text, to point inside the YAML scalar. */
  readonly offset: number;
  readonly message: string;
  readonly hint?: string;
}

export interface ParsedTemplate {
  readonly template: Template;
  readonly problems: readonly TemplateProblem[];
  /** The holes that read root names: where each expression starts in the text, and the names it reads. */
  readonly holes: readonly Hole[];
}

export interface Hole {
  /** Offset of the expression in the template text; its references' offsets count from there. */
  readonly start: number;
  readonly references: readonly RootReference[];
}

/**
 * Splits `a {{ x }} b` into text and expression parts, parsing each expression with JSONata now so
 * that a typo fails the deployment, not a running instance. An expression ends at the first `}}`.
 * `checkExpression` replaces that parse, e.g. by a memoised one (`createExpressionCheck`).
 */
export function parseTemplate(text: string, checkExpression: ExpressionCheck = readExpression): ParsedTemplate {
  const parts: TemplatePart[] = [];
  const problems: TemplateProblem[] = [];
  const holes: Hole[] = [];
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
      const { problem, references: read } = checkExpression(expression);
      if (problem !== undefined) problems.push({ kind: 'expression', ...problem, offset: start + problem.offset });
      if (read.length > 0) holes.push({ start, references: read });
      parts.push({ expression });
    }
    cursor = close + 2;
  }
  return { template: parts, problems, holes };
}
