import jsonata, { type Expression } from 'jsonata';
import type { JsonValue, Template } from './types';

type Context = { readonly [name: string]: JsonValue };

/**
 * Renders a compiled template. Pure and deterministic, so the interpreter workflow can
 * call it: jsonata is a sandboxed interpreter (no eval, no I/O).
 */
export async function renderTemplate(template: Template, context: Context): Promise<string> {
  const pieces: string[] = [];
  for (const part of template) {
    if ('text' in part) {
      pieces.push(part.text);
      continue;
    }
    const direct = lookUpPlainPath(part.expression, context);
    pieces.push(direct !== NOT_A_PLAIN_VALUE ? textOf(direct) : await evaluateOrShow(part.expression, context));
  }
  return pieces.join('');
}

const NOT_A_PLAIN_VALUE = Symbol('not a plain value');
const PLAIN_PATH = /^\s*[A-Za-z_][\w]*(\s*\.\s*[A-Za-z_][\w]*)*\s*$/;
/** Words jsonata reads as literals or operators, not field names. */
const JSONATA_WORDS = new Set(['true', 'false', 'null', 'and', 'or', 'in']);

/**
 * Most holes are plain paths (`input.siteName`). Reading them directly gives jsonata's
 * answer without its cost, which in workflow code (where the SDK traces every promise)
 * dominates rendering. Anything else, or a path through an array, goes to jsonata.
 */
function lookUpPlainPath(expression: string, context: Context): JsonValue | undefined | typeof NOT_A_PLAIN_VALUE {
  if (!PLAIN_PATH.test(expression)) return NOT_A_PLAIN_VALUE;
  const names = expression.split('.').map((segment) => segment.trim());
  if (names.some((name) => JSONATA_WORDS.has(name))) return NOT_A_PLAIN_VALUE;
  let value: JsonValue | undefined = { ...context };
  for (const name of names) {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) return NOT_A_PLAIN_VALUE;
    value = Object.hasOwn(value, name) ? value[name] : undefined;
  }
  return typeof value === 'object' && value !== null ? NOT_A_PLAIN_VALUE : value;
}

// Parsed once per expression: the set is bounded by the deployed definitions.
const parsedExpressions = new Map<string, Expression>();

/**
 * An expression that parsed at compile time can still fail on real data (calling an
 * unknown function, say). Showing it as written keeps the task usable and the mistake
 * visible, where throwing would stall the workflow on retries.
 */
async function evaluateOrShow(expression: string, context: Context): Promise<string> {
  try {
    let parsed = parsedExpressions.get(expression);
    if (!parsed) {
      parsed = jsonata(expression);
      parsedExpressions.set(expression, parsed);
    }
    return textOf(await parsed.evaluate(context));
  } catch {
    return `{{ ${expression} }}`;
  }
}

function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
