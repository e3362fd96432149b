import { parseCalendarDuration } from '../plan/calendar-duration';
import { literalText } from '../plan/template';
import type { JsonObject, JsonValue } from '../plan/types';
import { isJsonObject } from './document';
import { ANCHORED_DUES, DUE_FORMS_HINT, DURATION_HINT, isLiteralAnchor } from './due';
import { DURATION_FORMS, parseDuration } from './duration';
import { CompileErrorCode, type Finding } from './errors';
import { createExpressionCheck, type ExpressionCheck, type RootReference } from './expression';
import { describePath, type Path } from './path';
import { checkReferences, type ReferenceRules, type Scope } from './references';
import { didYouMean } from './suggest';
import { type Hole, parseTemplate } from './template';
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
  /**
   * A duration (`3d`, `5 business days`), a template rendering one at run time, or a date it is due
   * before or after (`{ before: input.openingDate, by: 1 business day }`).
   */
  due(value: JsonValue | undefined, path: Path, scope: Scope): Finding[];
  /** An expression evaluated once for the whole instance at its start (the budget): it cannot read steps. */
  startExpression(text: string | undefined, path: Path, what: string): Finding[];
  /** A template rendered once for the whole instance at its start (a request's subject): it cannot read steps. */
  startTemplate(text: string | undefined, path: Path, what: string): Finding[];
  /** The process's calendar: a known calendar id, or a template choosing one per instance. */
  calendar(text: string | undefined, path: Path): Finding[];
  /** A fixed duration (`30s`, `2w`). */
  duration(text: string | undefined, path: Path): Finding[];
  userSchema(schema: JsonObject | undefined, path: Path, role: SchemaRole): Finding[];
}

export interface FieldContext {
  readonly departments: readonly string[];
  /** Ids of the calendars a process may name. */
  readonly calendars: readonly string[];
  readonly rules: ReferenceRules;
}

const TEMPLATE_HINT = 'write expressions as {{ expression }}, e.g. {{ input.employeeName }}';
const JSONATA_HINT = 'expressions are JSONata (https://docs.jsonata.org), e.g. input.jobRole = "store-manager"';
const DUE_FIELDS: readonly string[] = ANCHORED_DUES.flatMap((form) => [form.anchor, form.duration]);
/** Where the calendar template is rendered: no step, no item. */
const CALENDAR_SCOPE: Scope = { stepId: undefined, itemNames: [] };
/** A bare expression written as a template: `when: "{{ input.x }}"`. */
const WRAPPED_IN_BRACES = /^(\s*)\{\{([\s\S]*)\}\}\s*$/;

/** Per compilation: the expression and schema checks remember what they checked, since a file repeats both. */
export function createFieldChecks({ departments, calendars, rules }: FieldContext): FieldChecks {
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

  const startExpression = (text: string | undefined, path: Path, what: string): Finding[] => {
    const findings = expression(text, path, CALENDAR_SCOPE);
    if (text === undefined || findings.length > 0) return findings;
    return stepsReadAtStart(checkExpression(text).references, 0, path, {
      what,
      hint: 'compute it from input, data, process or instance, e.g. input.budget',
    });
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
    const id = parsed.problems.length > 0 ? null : literalText(parsed.template);
    if (id === null) return template(text, path, scope);
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

  const due = (value: JsonValue | undefined, path: Path, scope: Scope): Finding[] => {
    // Anything else is of a type the language schema reports.
    if (isJsonObject(value)) return anchoredDue(value, path, scope);
    if (typeof value !== 'string') return [];
    if (value.includes('{{')) return template(value, path, scope);
    if (parseCalendarDuration(value) !== undefined) return [];
    return [
      {
        code: CompileErrorCode.invalidDue,
        message: `due "${value}" is not a positive duration`,
        hint: DUE_FORMS_HINT,
        path,
      },
    ];
  };

  /** `before` with `by`, or `after` with `within`: an expression giving a date, and a fixed duration. */
  const anchoredDue = (written: JsonObject, path: Path, scope: Scope): Finding[] => {
    const present = ANCHORED_DUES.filter((form) => written[form.anchor] !== undefined);
    const [form] = present;
    // A misspelt field (`befor`) is the language schema's to report, with the name meant.
    if (form === undefined && Object.keys(written).some((key) => !DUE_FIELDS.includes(key))) return [];
    if (form === undefined || present.length > 1) {
      return [
        {
          code: CompileErrorCode.invalidDue,
          message:
            form === undefined ? 'due gives no date to be due before or after' : 'due is both before and after a date',
          hint: `write one of ${ANCHORED_DUES.map((each) => each.example).join(', ')}`,
          path: form === undefined ? path : [...path, 'after'],
          anchor: form === undefined ? 'value' : 'key',
        },
      ];
    }
    const findings: Finding[] = [];
    const anchorText = written[form.anchor];
    if (typeof anchorText === 'string' && !isLiteralAnchor(anchorText)) {
      findings.push(...expression(anchorText, [...path, form.anchor], scope));
    }
    const other = ANCHORED_DUES.find((each) => each !== form);
    if (other !== undefined && written[other.duration] !== undefined) {
      findings.push({
        code: CompileErrorCode.invalidDue,
        message: `"${other.duration}" goes with "${other.anchor}", not with "${form.anchor}"`,
        hint: `write ${form.example}`,
        path: [...path, other.duration],
        anchor: 'key',
      });
      return findings;
    }
    const duration = written[form.duration];
    if (duration === undefined) {
      findings.push({
        code: CompileErrorCode.invalidDue,
        message: `due ${form.anchor} a date says not by how long: it has no "${form.duration}"`,
        hint: `add ${form.duration}: a duration, as in ${form.example}`,
        path,
      });
    } else if (typeof duration === 'string' && parseCalendarDuration(duration) === undefined) {
      findings.push({
        code: CompileErrorCode.invalidDue,
        message: `${form.duration} "${duration}" is not a positive duration`,
        hint: duration.includes('{{') ? `${DURATION_HINT}: a fixed duration, no {{ expression }} here` : DURATION_HINT,
        path: [...path, form.duration],
      });
    }
    return findings;
  };

  const calendar = (text: string | undefined, path: Path): Finding[] => {
    if (text === undefined) return [];
    const parsed = parseTemplate(text, checkExpression);
    const id = parsed.problems.length > 0 ? null : literalText(parsed.template);
    if (id === null) return calendarTemplate(text, path, parsed.holes);
    if (calendars.includes(id)) return [];
    return [
      {
        code: CompileErrorCode.unknownCalendar,
        message: `unknown calendar "${id}"`,
        hint:
          calendars.length === 0
            ? `no calendar is defined: add definitions/calendars/${id}.yaml`
            : didYouMean(id, calendars, 'known calendars'),
        path,
      },
    ];
  };

  /** Rendered for the whole instance: from what it starts with, never from a step's result. */
  const templateAtStart = (
    text: string,
    path: Path,
    holes: readonly Hole[],
    refusal: { readonly what: string; readonly hint: string },
  ): Finding[] => [
    ...template(text, path, CALENDAR_SCOPE),
    ...holes.flatMap((hole) => stepsReadAtStart(hole.references, hole.start, path, refusal)),
  ];

  const startTemplate = (text: string | undefined, path: Path, what: string): Finding[] =>
    text === undefined
      ? []
      : templateAtStart(text, path, parseTemplate(text, checkExpression).holes, {
          what,
          hint: 'write it from input, data, process or instance, e.g. {{ input.summary }}',
        });

  const calendarTemplate = (text: string, path: Path, holes: readonly Hole[]): Finding[] => {
    const findings = templateAtStart(text, path, holes, {
      what: 'the calendar',
      hint: 'choose it from input, data, process or instance, e.g. {{ $lookup(data.calendarOfCountry, input.country) }}',
    });
    if (calendars.length === 0) {
      findings.push({
        code: CompileErrorCode.unknownCalendar,
        message: 'the calendar is chosen per instance, but no calendar is defined',
        hint: 'add calendar files to definitions/calendars/, e.g. fr-business.yaml',
        path,
      });
    }
    return findings;
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

  return {
    template,
    expression,
    startExpression,
    startTemplate,
    jsonTemplate,
    department,
    due,
    calendar,
    duration,
    userSchema,
  };
}

/** What is decided once, when an instance starts (its calendar, its budget), cannot read a step's result. */
function stepsReadAtStart(
  references: readonly RootReference[],
  start: number,
  path: Path,
  { what, hint }: { readonly what: string; readonly hint: string },
): Finding[] {
  return references.flatMap((reference) =>
    reference.name === 'steps'
      ? {
          code: CompileErrorCode.unknownReference,
          message: `${what} cannot read "steps": it is settled when the instance starts, before any step is done`,
          hint,
          path,
          anchor: { offset: start + reference.offset },
        }
      : [],
  );
}
