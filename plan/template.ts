import { evaluate } from './evaluate';
import type { JsonObject, JsonTemplate, JsonValue, Template, TemplatePart } from './types';

/**
 * Renders a compiled template. Pure and deterministic, so the interpreter workflow can
 * call it: jsonata is a sandboxed interpreter (no eval, no I/O).
 */
export async function renderTemplate(template: Template, context: object): Promise<string> {
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
function lookUpPlainPath(expression: string, context: object): JsonValue | undefined | typeof NOT_A_PLAIN_VALUE {
  if (!PLAIN_PATH.test(expression)) return NOT_A_PLAIN_VALUE;
  const names = expression.split('.').map((segment) => segment.trim());
  if (names.some((name) => JSONATA_WORDS.has(name))) return NOT_A_PLAIN_VALUE;
  let value: JsonValue | undefined = { ...(context as JsonObject) };
  for (const name of names) {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) return NOT_A_PLAIN_VALUE;
    value = Object.hasOwn(value, name) ? value[name] : undefined;
  }
  return typeof value === 'object' && value !== null ? NOT_A_PLAIN_VALUE : value;
}

/**
 * An expression that parsed at compile time can still fail on real data (calling an
 * unknown function, say). In a text, showing it as written keeps the task usable and the
 * mistake visible, where throwing would stall the step.
 */
async function evaluateOrShow(expression: string, context: object): Promise<string> {
  try {
    return textOf(await evaluate(expression, context));
  } catch {
    return `{{ ${expression} }}`;
  }
}

/**
 * Renders a template whose value matters (a department, a duration): a failing expression
 * throws `EvaluationError` rather than producing a plausible wrong value.
 */
export async function renderStrictly(template: Template, context: object): Promise<string> {
  const pieces: string[] = [];
  for (const part of template)
    pieces.push('text' in part ? part.text : textOf(await evaluate(part.expression, context)));
  return pieces.join('');
}

const WHOLE_HOLE = /^\{\{([^]*?)\}\}$/;

/**
 * Renders JSON whose strings are templates (a call body, a sub-process input). A string that
 * is exactly one `{{ expression }}` takes the expression's value, so numbers and objects keep
 * their type; an expression that yields nothing drops the key. Failures throw `EvaluationError`.
 */
export async function renderJson(value: JsonTemplate, context: object): Promise<JsonValue | undefined> {
  if (typeof value === 'string') {
    const whole = WHOLE_HOLE.exec(value);
    if (whole?.[1] !== undefined && !whole[1].includes('}}')) return evaluate(whole[1].trim(), context);
    return value.includes('{{') ? renderStrictly(splitTemplate(value), context) : value;
  }
  if (Array.isArray(value)) {
    const items = await Promise.all(value.map((item) => renderJson(item, context)));
    return items.map((item) => item ?? null);
  }
  if (typeof value === 'object' && value !== null) {
    const rendered: JsonObject = {};
    for (const [key, member] of Object.entries(value)) {
      const memberValue = await renderJson(member, context);
      if (memberValue !== undefined) rendered[key] = memberValue;
    }
    return rendered;
  }
  return value;
}

/** The text of a template without holes (a department written as is); null when it has any. */
export function literalText(template: Template): string | null {
  let text = '';
  for (const part of template) {
    if (!('text' in part)) return null;
    text += part.text;
  }
  return text;
}

/** Splits `a {{ x }} b` into parts; the compiler has checked the holes, so this never meets a bad one. */
export function splitTemplate(text: string): Template {
  const parts: TemplatePart[] = [];
  let cursor = 0;
  while (cursor < text.length) {
    const open = text.indexOf('{{', cursor);
    const close = open === -1 ? -1 : text.indexOf('}}', open + 2);
    if (open === -1 || close === -1) {
      parts.push({ text: text.slice(cursor) });
      break;
    }
    if (open > cursor) parts.push({ text: text.slice(cursor, open) });
    parts.push({ expression: text.slice(open + 2, close).trim() });
    cursor = close + 2;
  }
  return parts;
}

function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
