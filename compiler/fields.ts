import type { JsonObject, JsonValue } from '../plan/types';
import { DURATION_FORMS, parseDuration } from './duration';
import { CompileErrorCode, type Finding } from './errors';
import { createExpressionCheck, type ExpressionCheck } from './expression';
import { describePath, type Path } from './path';
import { checkReferences, type ReferenceRules, type Scope } from './references';
import { didYouMean } from './suggest';
import { hasHoles, literalText, parseTemplate } from './template';
import { createUserSchemaCheck, type SchemaRole } from './user-schema';

/**
 * The checks of one kind of field (a template, an expression, a department...), shared by every
 * kind of step. Each takes the field as the draft read it (undefined when absent or of the wrong
 * type, which the language schema reports) and its path, and returns findings.
 */
export interface FieldChecks {
  /** Text with `{{ expression }}` holes. */
  template(text: string | undefined, path: Path, scope: Scope): Finding[];
  /** A bare JSONata expression (`when`, `forEach`, `cost`, `until`). */
  expression(text: string | undefined, path: Path, scope: Scope): Finding[];
  /** JSON whose strings are templates (a call's body, a sub-process's input). */
  jsonTemplate(value: JsonValue | undefined, path: Path, scope: Scope): Finding[];
  /** A department id, or a template rendering one at run time. */
  department(text: string | undefined, path: Path, scope: Scope): Finding[];
  /** A duration, or a template rendering one at run time. */
  due(text: string | undefined, path: Path, scope: Scope): Finding[];
  /** A fixed duration (`30s`, `2w`). */
  duration(text: string | undefined, path: Path): Finding[];
  userSchema(schema: JsonObject | undefined, path: Path, role: SchemaRole): Finding[];
}

export interface FieldContext {
  readonly departments: readonly string[];
  readonly rules: ReferenceRules;
}

const TEMPLATE_HINT = 'write expressions as {{ expression }}, e.g. {{ input.employeeName }}';
const JSONATA_HINT = 'expressions are JSONata (https://docs.jsonata.org), e.g. input.jobRole = "store-manager"';
/** A bare expression written as a template: `when: "{{ input.x }}"`. */
const WRAPPED_IN_BRACES = /^(\s*)\{\{([\s\S]*)\}\}\s*$/;

/** Per compilation: the expression and schema checks remember what they checked, since a file repeats both. */
export function createFieldChecks({ departments, rules }: FieldContext): FieldChecks {
  const checkExpression: ExpressionCheck = createExpressionCheck();
  const checkUserSchema = createUserSchemaCheck();

  const template = (text: string | undefined, path: Path, scope: Scope): Finding[] => {
    if (text === undefined) return [];
    const parsed = parseTemplate(text, checkExpression);
    const problems = parsed.problems.map(
      (problem): Finding => ({
        code: problem.kind === 'template' ? CompileErrorCode.invalidTemplate : CompileErrorCode.invalidExpression,
        message: problem.message,
        hint: problem.hint ?? (problem.kind === 'template' ? TEMPLATE_HINT : `between {{ and }}, ${JSONATA_HINT}`),
        path,
        anchor: { offset: problem.offset },
      }),
    );
    for (const hole of parsed.holes) problems.push(...checkReferences(hole.references, rules, scope, path, hole.start));
    return problems;
  };

  const expression = (text: string | undefined, path: Path, scope: Scope): Finding[] => {
    if (text === undefined) return [];
    const wrapped = WRAPPED_IN_BRACES.exec(text);
    if (wrapped !== null) {
      const field = describePath(path);
      return [
        {
          code: CompileErrorCode.invalidExpression,
          message: `${field} is an expression, written without {{ }}`,
          hint: `write the expression alone, e.g. ${String(path.at(-1))}: ${(wrapped[2] ?? '').trim()}`,
          path,
          anchor: { offset: wrapped[1]?.length ?? 0 },
        },
      ];
    }
    const { problem, references } = checkExpression(text);
    if (problem !== undefined) {
      return [
        {
          code: CompileErrorCode.invalidExpression,
          message: problem.message,
          hint: problem.hint ?? JSONATA_HINT,
          path,
          anchor: { offset: problem.offset },
        },
      ];
    }
    return checkReferences(references, rules, scope, path);
  };

  const jsonTemplate = (value: JsonValue | undefined, path: Path, scope: Scope): Finding[] => {
    if (typeof value === 'string') return template(value, path, scope);
    if (Array.isArray(value)) return value.flatMap((item, index) => jsonTemplate(item, [...path, index], scope));
    if (typeof value === 'object' && value !== null) {
      return Object.entries(value).flatMap(([key, item]) => jsonTemplate(item, [...path, key], scope));
    }
    return [];
  };

  const department = (text: string | undefined, path: Path, scope: Scope): Finding[] => {
    if (text === undefined) return [];
    const parsed = parseTemplate(text, checkExpression);
    if (parsed.problems.length > 0 || hasHoles(parsed.template)) return template(text, path, scope);
    const id = literalText(parsed.template);
    if (departments.includes(id)) return [];
    return [
      {
        code: CompileErrorCode.unknownDepartment,
        message: `unknown department "${id}"`,
        hint: didYouMean(id, departments, 'known departments'),
        path,
      },
    ];
  };

  const due = (text: string | undefined, path: Path, scope: Scope): Finding[] => {
    if (text === undefined) return [];
    if (text.includes('{{')) return template(text, path, scope);
    if (parseDuration(text) !== undefined) return [];
    return [
      {
        code: CompileErrorCode.invalidDue,
        message: `due "${text}" is not a positive duration`,
        hint: `write a whole number and a unit: ${DURATION_FORMS}; or a {{ expression }} that renders one`,
        path,
      },
    ];
  };

  const duration = (text: string | undefined, path: Path): Finding[] => {
    if (text === undefined || parseDuration(text) !== undefined) return [];
    return [
      {
        code: CompileErrorCode.invalidDuration,
        message: `${describePath(path)} "${text}" is not a positive duration`,
        hint: `write a whole number and a unit: ${DURATION_FORMS}`,
        path,
      },
    ];
  };

  const userSchema = (schema: JsonObject | undefined, path: Path, role: SchemaRole): Finding[] =>
    schema === undefined ? [] : checkUserSchema(schema, path, role);

  return { template, expression, jsonTemplate, department, due, duration, userSchema };
}
