import jsonata from 'jsonata';
import type { JsonValue, Template } from './types';

/**
 * Renders a compiled template. Pure and deterministic, so the interpreter workflow can
 * call it: jsonata is a sandboxed interpreter (no eval, no I/O).
 */
export async function renderTemplate(
  template: Template,
  context: { readonly [name: string]: JsonValue },
): Promise<string> {
  const pieces: string[] = [];
  for (const part of template) {
    if ('text' in part) {
      pieces.push(part.text);
      continue;
    }
    pieces.push(await evaluateOrShow(part.expression, context));
  }
  return pieces.join('');
}

/**
 * An expression that parsed at compile time can still fail on real data (calling an
 * unknown function, say). Showing it as written keeps the task usable and the mistake
 * visible, where throwing would stall the workflow on retries.
 */
async function evaluateOrShow(expression: string, context: { readonly [name: string]: JsonValue }): Promise<string> {
  try {
    return textOf(await jsonata(expression).evaluate(context));
  } catch {
    return `{{ ${expression} }}`;
  }
}

function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
