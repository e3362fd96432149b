import { ExpressionBudgetError, type Values, valueIn } from './evaluate';
import type { Expression, JsonObject, JsonTemplate, JsonValue, Template, TemplatePart } from './types';

/**
 * Templates render synchronously from values evaluated beforehand (`evaluateAll` over
 * `expressionsIn`): pure and deterministic, so the interpreter workflow can call them.
 */

/** The expressions of a template's holes. */
export function expressionsIn(template: Template): Expression[] {
  return template.flatMap((part) => ('expression' in part ? [part.expression] : []));
}

/**
 * A text shown to people (a title, a message). An expression that parsed at compile time can
 * still fail on real data; showing it as written keeps the task usable and the mistake
 * visible, where failing would stall the step. Only an expression past its budget fails it.
 */
export function renderText(template: Template, values: Values): string {
  return template
    .map((part) => {
      if ('text' in part) return part.text;
      try {
        return textOf(valueIn(part.expression, values));
      } catch (error) {
        // A runaway expression fails its step: shown as written, it would hide what the owner must fix.
        if (error instanceof ExpressionBudgetError) throw error;
        return `{{ ${part.expression} }}`;
      }
    })
    .join('');
}

/**
 * A template whose value matters (a department, a duration, a URL): a failing expression
 * throws `EvaluationError` rather than producing a plausible wrong value.
 */
export function renderStrictly(template: Template, values: Values): string {
  return template.map((part) => ('text' in part ? part.text : textOf(valueIn(part.expression, values)))).join('');
}

const WHOLE_HOLE = /^\{\{([\s\S]*?)\}\}$/;

/** The expressions of a JSON template's strings. */
export function expressionsInJson(value: JsonTemplate): Expression[] {
  if (typeof value === 'string') return value.includes('{{') ? expressionsIn(splitTemplate(value)) : [];
  if (Array.isArray(value)) return value.flatMap(expressionsInJson);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(expressionsInJson);
  return [];
}

/**
 * Renders JSON whose strings are templates (a call body, a sub-process input). A string that
 * is exactly one `{{ expression }}` takes the expression's value, so numbers and objects keep
 * their type; an expression that yields nothing drops the key. Failures throw `EvaluationError`.
 */
export function renderJson(value: JsonTemplate, values: Values): JsonValue | undefined {
  if (typeof value === 'string') {
    if (!value.includes('{{')) return value;
    const template = splitTemplate(value);
    const whole = WHOLE_HOLE.test(value) && template.length === 1 ? template[0] : undefined;
    if (whole !== undefined && 'expression' in whole) return valueIn(whole.expression, values);
    return renderStrictly(template, values);
  }
  if (Array.isArray(value)) return value.map((item) => renderJson(item, values) ?? null);
  if (typeof value === 'object' && value !== null) {
    const rendered: JsonObject = {};
    for (const [key, member] of Object.entries(value)) {
      const memberValue = renderJson(member, values);
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
