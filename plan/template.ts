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
    const value: unknown = await jsonata(part.expression).evaluate(context);
    pieces.push(textOf(value));
  }
  return pieces.join('');
}

function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
