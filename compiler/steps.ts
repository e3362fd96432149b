import { assertNever } from '../plan/assert-never';
import { parseCalendarDuration } from '../plan/calendar-duration';
import { CONTEXT_ROOTS, DEFAULT_ITEM_NAME, ITEM_INDEX_NAME } from '../plan/context';
import { ALL_DEPARTMENTS, type JsonObject } from '../plan/types';
import { objectField, type StepDraft, text, textItems } from './document';
import { DURATION_HINT } from './due';
import { CompileErrorCode, type Finding } from './errors';
import { ALREADY_CHECKED } from './expression';
import type { FieldChecks } from './fields';
import type { Path } from './path';
import type { ReferenceRules, Scope } from './references';
import { didYouMean } from './suggest';
import { parseTemplate } from './template';

/**
 * The rules of one step that a JSON Schema cannot express: its expressions and templates, the
 * departments it names, its durations, its form. `fields` checks each kind of field.
 */
export function checkStep(step: StepDraft, fields: FieldChecks, rules: ReferenceRules): Finding[] {
  const { path, fields: written } = step;
  const findings: Finding[] = [];
  const stepScope: Scope = { stepId: step.id, itemNames: [] };
  // The list and the condition are read once for the step; everything else once per item.
  const itemScope: Scope =
    written.forEach === undefined
      ? stepScope
      : { stepId: step.id, itemNames: [text(written.as) ?? DEFAULT_ITEM_NAME, ITEM_INDEX_NAME] };
  const field: TextField = { findings, written, path, scope: itemScope };
  const stepField: TextField = { findings, written, path, scope: stepScope };
  checkText(stepField, 'when', fields.expression);
  checkText(stepField, 'forEach', fields.expression);
  findings.push(...checkItemName(written, path), ...checkEffort(written, path));
  checkText(field, 'description', fields.template);
  switch (step.kind) {
    case undefined:
      break;
    case 'task':
      checkQueuedWork(field, fields);
      findings.push(...fields.userSchema(objectField(written.form), [...path, 'form'], 'form'));
      break;
    case 'approval':
      checkQueuedWork(field, fields);
      findings.push(...checkReopen(step, rules));
      break;
    case 'notify':
      findings.push(...checkRecipients(written, path, fields, itemScope));
      checkText(field, 'subject', fields.template);
      checkText(field, 'text', fields.template);
      break;
    case 'wait':
      checkText(field, 'until', fields.expression);
      checkText(field, 'for', fields.duration);
      findings.push(...checkWaitKind(written, path));
      break;
    case 'milestone':
      checkText(field, 'title', fields.template);
      break;
    case 'call':
      findings.push(...checkCall(written, path, fields, itemScope));
      break;
    case 'process':
      findings.push(...fields.jsonTemplate(objectField(written.input), [...path, 'input'], itemScope));
      break;
    default:
      return assertNever(step.kind);
  }
  return findings;
}

/** Where a step's text fields are read, and where their findings go. */
interface TextField {
  readonly findings: Finding[];
  readonly written: JsonObject;
  readonly path: Path;
  readonly scope: Scope;
}

/** Runs `check` on field `name` when it is text (the language schema reports other types). */
function checkText(
  { findings, written, path, scope }: TextField,
  name: string,
  check: (text: string, path: Path, scope: Scope) => Finding[],
): void {
  const value = written[name];
  if (typeof value !== 'string') return;
  const found = check(value, [...path, name], scope);
  if (found.length > 0) findings.push(...found);
}

/** What a task and an approval share: work put in a department's queue, with a deadline and a cost. */
function checkQueuedWork(field: TextField, fields: FieldChecks): void {
  checkText(field, 'title', fields.template);
  checkText(field, 'department', fields.department);
  const due = fields.due(field.written.due, [...field.path, 'due'], field.scope);
  if (due.length > 0) field.findings.push(...due);
  checkText(field, 'cost', fields.expression);
}

/** `effort:` is a fixed duration in any form a due takes (`3 business days`, `4h`); no template. */
function checkEffort(written: JsonObject, path: Path): Finding[] {
  const effort = written.effort;
  // Another type is the language schema's to report.
  if (typeof effort !== 'string' || parseCalendarDuration(effort) !== undefined) return [];
  return [
    {
      code: CompileErrorCode.invalidDuration,
      message: `effort "${effort}" is not a positive duration`,
      hint: effort.includes('{{') ? `${DURATION_HINT}: a fixed duration, no {{ expression }} here` : DURATION_HINT,
      path: [...path, 'effort'],
    },
  ];
}

const RESERVED_ITEM_NAMES: readonly string[] = [...CONTEXT_ROOTS, ITEM_INDEX_NAME];

function checkItemName(written: JsonObject, path: Path): Finding[] {
  const name = text(written.as);
  if (name === undefined) return [];
  if (written.forEach === undefined) {
    return [
      {
        code: CompileErrorCode.asWithoutForEach,
        message: `"as" names the item of a forEach, but this step has no forEach`,
        hint: 'add forEach: with the list to go through, or remove as:',
        path: [...path, 'as'],
        anchor: 'key',
      },
    ];
  }
  if (!RESERVED_ITEM_NAMES.includes(name)) return [];
  return [
    {
      code: CompileErrorCode.invalidItemName,
      message: `the item cannot be called "${name}": expressions already use that name`,
      hint: `choose another name than ${RESERVED_ITEM_NAMES.join(', ')}, e.g. as: ${DEFAULT_ITEM_NAME}`,
      path: [...path, 'as'],
    },
  ];
}

function checkRecipients(written: JsonObject, path: Path, fields: FieldChecks, scope: Scope): Finding[] {
  const to = objectField(written.to);
  if (to === undefined) return [];
  const allDepartments = to.departments === ALL_DEPARTMENTS;
  const departments = textItems(to.departments, [...path, 'to', 'departments']);
  const addresses = textItems(to.addresses, [...path, 'to', 'addresses']);
  const roles = textItems(to.roles, [...path, 'to', 'roles']);
  const findings = [
    ...departments.flatMap((entry) => fields.department(entry.text, entry.path, scope)),
    ...addresses.flatMap((entry) => fields.template(entry.text, entry.path, scope)),
  ];
  // A list of the wrong type is the language schema's to report: it may hold what was meant.
  const wrongType = ['departments', 'roles', 'addresses'].some(
    (list) => to[list] !== undefined && !Array.isArray(to[list]),
  );
  if (allDepartments || wrongType || departments.length + addresses.length + roles.length > 0) return findings;
  return [
    ...findings,
    {
      code: CompileErrorCode.noRecipients,
      message: 'the notification is sent to nobody',
      hint: 'list at least one entry under to: departments (or departments: all), roles or addresses',
      path: [...path, 'to'],
    },
  ];
}

/** Exactly one of `until` and `for`; what each holds is checked on its own. */
function checkWaitKind(written: JsonObject, path: Path): Finding[] {
  const hasUntil = written.until !== undefined;
  const hasFor = written.for !== undefined;
  if (hasUntil !== hasFor) return [];
  return [
    hasUntil
      ? {
          code: CompileErrorCode.invalidWait,
          message: 'a wait has both "until" and "for"',
          hint: 'keep one: until: an expression giving a date, or for: a duration such as 2d',
          path: [...path, 'for'],
          anchor: 'key',
        }
      : {
          code: CompileErrorCode.invalidWait,
          message: 'a wait says neither how long nor until when',
          hint: 'add until: an expression giving a date (e.g. input.startDate), or for: a duration such as 2d',
          path,
        },
  ];
}

function checkCall(written: JsonObject, path: Path, fields: FieldChecks, scope: Scope): Finding[] {
  const headers = objectField(written.headers) ?? {};
  const retry = objectField(written.retry) ?? {};
  return [
    ...fields.template(text(written.url), [...path, 'url'], scope),
    ...checkUrl(text(written.url), [...path, 'url']),
    ...Object.entries(headers).flatMap(([name, value]) =>
      fields.template(text(value), [...path, 'headers', name], scope),
    ),
    ...fields.jsonTemplate(written.body, [...path, 'body'], scope),
    ...fields.duration(text(written.timeout), [...path, 'timeout']),
    ...fields.duration(text(retry.initialInterval), [...path, 'retry', 'initialInterval']),
  ];
}

/**
 * A URL without holes must be absolute http(s); one with holes must start with its scheme or a
 * hole, so that a relative path (`/api/{{ x }}`) fails now. Broken holes are reported as templates.
 */
function checkUrl(url: string | undefined, path: Path): Finding[] {
  if (url === undefined) return [];
  // `fields.template` reads the url's expressions; here only its shape matters.
  const { template, problems } = parseTemplate(url, ALREADY_CHECKED);
  if (problems.length > 0) return [];
  const [first] = template;
  // Starting with a hole, the whole address may come from the data.
  if (first === undefined || !('text' in first)) return [];
  const absolute = template.length === 1 ? isHttpUrl(first.text) : /^https?:\/\//i.test(first.text);
  if (absolute) return [];
  return [
    {
      code: CompileErrorCode.invalidUrl,
      message: `url "${url}" is not an absolute http or https URL`,
      hint: 'write the whole address, e.g. https://erp.example.com/api/orders, or start it with a {{ expression }}',
      path,
    },
  ];
}

function isHttpUrl(text: string): boolean {
  try {
    const { protocol, hostname } = new URL(text);
    return (protocol === 'http:' || protocol === 'https:') && hostname !== '';
  } catch {
    return false;
  }
}

/** Each step a rejection reopens must be one the approval waits for, directly or through others. */
function checkReopen(step: StepDraft, rules: ReferenceRules): Finding[] {
  const onReject = objectField(step.fields.onReject);
  if (onReject === undefined) return [];
  const approval = step.id;
  return textItems(onReject.reopen, [...step.path, 'onReject', 'reopen']).flatMap(({ text: target, path }) => {
    if (!rules.isStep(target)) {
      return {
        code: CompileErrorCode.invalidReopen,
        message: `"reopen" names "${target}", which is not a step of this process`,
        hint: didYouMean(target, rules.stepIds, 'step ids'),
        path,
      };
    }
    if (approval === undefined) return [];
    if (target === approval) {
      return {
        code: CompileErrorCode.invalidReopen,
        message: `approval "${approval}" cannot reopen itself`,
        hint: 'reopen the steps whose work the approver rejects: steps this approval comes after',
        path,
      };
    }
    if (rules.ancestry === undefined || rules.ancestry.comesBefore(target, approval)) return [];
    return {
      code: CompileErrorCode.invalidReopen,
      message: `approval "${approval}" cannot reopen "${target}": it does not wait for "${target}"`,
      hint: `a rejection sends work back to steps done before the approval: add "${target}" to the "after" of "${approval}" (or of a step it comes after), or reopen another step`,
      path,
    };
  });
}
