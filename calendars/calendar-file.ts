import type { ErrorObject } from 'ajv';
import { CompileErrorCode } from '../compiler/errors';
import { describeKind, isRecord as isObject } from '../compiler/narrow';
import { parseSource } from '../compiler/parse';
import { type Path, toPointer } from '../compiler/path';
import type { CompileError } from '../errors/compile-error';
import { parseClockTime } from '../plan/civil-date';
import { type CalendarFile, HOLIDAY_RULE_FORMS, parseHolidayRule } from '../plan/holidays';
import { canonicalTimeZone } from '../plan/zoned-time';
import { validatorFor } from '../validation/ajv';
import calendarSchema from './calendar.schema.json';

/**
 * Reads a calendar file (`definitions/calendars/<id>.yaml`): YAML with positions, the JSON
 * Schema `calendar.schema.json`, then what a schema cannot say (a real time zone, hours in
 * order, holiday dates in a known form). Every error names the file, line and column.
 * Expanding the holidays into dates is `compileCalendar` (plan/holidays.ts), which is pure.
 */

/** Stable codes; the schema ones are spelt as the process compiler's. */
export const CalendarErrorCode = {
  yamlSyntax: 'yaml-syntax',
  unsupportedValue: 'unsupported-value',
  schemaRequired: 'schema-required',
  schemaUnknownProperty: 'schema-unknown-property',
  schemaType: 'schema-type',
  schemaEnum: 'schema-enum',
  schemaPattern: 'schema-pattern',
  schemaInvalid: 'schema-invalid',
  invalidCalendarId: 'invalid-calendar-id',
  unknownTimeZone: 'unknown-time-zone',
  invalidWorkingHours: 'invalid-working-hours',
  invalidHolidayDate: 'invalid-holiday-date',
} as const;
export type CalendarErrorCode = (typeof CalendarErrorCode)[keyof typeof CalendarErrorCode];

export type CalendarFileResult =
  | { readonly ok: true; readonly calendar: CalendarFile }
  | { readonly ok: false; readonly errors: readonly CompileError<CalendarErrorCode>[] };

/** A calendar's id is its file name without `.yaml`: `definitions/calendars/fr-business.yaml` is `fr-business`. */
export function calendarIdOf(file: string): string {
  const name = file.split(/[\\/]/).at(-1) ?? file;
  return name.replace(/\.ya?ml$/, '');
}

const CALENDAR_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const validateCalendar = validatorFor<Omit<CalendarFile, 'id'>>(calendarSchema);

interface Finding {
  readonly code: CalendarErrorCode;
  readonly message: string;
  readonly hint: string;
  readonly path: Path;
  /** Point at the key rather than its value (unknown properties). */
  readonly atKey?: boolean;
}

/** Reads and checks a calendar file's text; `file` names it in errors and gives its id. */
export function readCalendarFile(source: string, file: string): CalendarFileResult {
  // The process compiler's YAML reading: the same positions, syntax hints and JSON-only values.
  const parsed = parseSource(source, file);
  if (!parsed.ok) {
    return {
      ok: false,
      errors: parsed.errors.map((error) => ({
        ...error,
        code:
          error.code === CompileErrorCode.unsupportedValue
            ? CalendarErrorCode.unsupportedValue
            : CalendarErrorCode.yamlSyntax,
      })),
    };
  }
  const findings = check(parsed.value, calendarIdOf(file));
  if (findings.ok) return findings;
  return {
    ok: false,
    errors: findings.findings.map((finding) => ({
      code: finding.code,
      message: finding.message,
      file,
      ...parsed.locator.locate(finding.path, finding.atKey === true ? 'key' : 'value'),
      path: toPointer(finding.path),
      hint: finding.hint,
    })),
  };
}

function check(
  value: unknown,
  id: string,
): { readonly ok: true; readonly calendar: CalendarFile } | { readonly ok: false; readonly findings: Finding[] } {
  const findings: Finding[] = [];
  if (!CALENDAR_ID.test(id)) {
    findings.push({
      code: CalendarErrorCode.invalidCalendarId,
      message: `the file name "${id}" is not a calendar id`,
      hint: 'name the file in lowercase letters, digits and dashes, e.g. fr-business.yaml',
      path: [],
    });
  }
  if (!validateCalendar(value)) {
    return { ok: false, findings: [...findings, ...(validateCalendar.errors ?? []).map(schemaFinding)] };
  }
  const candidate: CalendarFile = { id, ...value };
  const timeZone = canonicalTimeZone(candidate.timeZone);
  if (timeZone === undefined) {
    findings.push({
      code: CalendarErrorCode.unknownTimeZone,
      message: `"${candidate.timeZone}" is not an IANA time zone`,
      hint: 'write a zone of the tz database, e.g. Europe/Paris or America/New_York',
      path: ['timeZone'],
    });
  }
  const { start, end } = candidate.workingHours;
  if ((parseClockTime(start) ?? 0) >= (parseClockTime(end) ?? 0)) {
    findings.push({
      code: CalendarErrorCode.invalidWorkingHours,
      message: `working hours end at ${end}, not after they start at ${start}`,
      hint: 'hours cannot run past midnight: end must be later than start on the same day',
      path: ['workingHours', 'end'],
    });
  }
  candidate.holidays.forEach((holiday, index) => {
    if (parseHolidayRule(holiday.date) !== undefined) return;
    findings.push({
      code: CalendarErrorCode.invalidHolidayDate,
      message: `holiday "${holiday.name}" has date "${holiday.date}", which is no date or date rule`,
      hint: `write one of: ${HOLIDAY_RULE_FORMS.join(', ')} (a real date; easter offsets up to 200 days)`,
      path: ['holidays', index, 'date'],
    });
  });
  if (findings.length > 0) return { ok: false, findings };
  return { ok: true, calendar: { ...candidate, timeZone: timeZone ?? candidate.timeZone } };
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  object: 'a mapping',
  array: 'a list',
  string: 'text',
};

function schemaFinding(error: ErrorObject): Finding {
  const path: Path = error.instancePath
    .split('/')
    .slice(1)
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment.replaceAll('~1', '/').replaceAll('~0', '~')));
  const field = describePath(path);
  const { params, data, parentSchema } = error;
  const about = describeSchema(parentSchema);
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      const schema = isObject(parentSchema?.properties) ? parentSchema.properties[missing] : undefined;
      return {
        code: CalendarErrorCode.schemaRequired,
        message: `${field} has no "${missing}"`,
        hint: `add ${missing}: ${describeSchema(schema)}`,
        path,
      };
    }
    case 'additionalProperties': {
      const unknown = String(params.additionalProperty);
      const allowed = isObject(parentSchema?.properties) ? Object.keys(parentSchema.properties) : [];
      return {
        code: CalendarErrorCode.schemaUnknownProperty,
        message: `unknown property "${unknown}"`,
        hint: `allowed here: ${allowed.join(', ')}`,
        path: [...path, unknown],
        atKey: true,
      };
    }
    case 'type': {
      const expected = TYPE_NAMES[String(params.type)] ?? String(params.type);
      const quote = params.type === 'string' && (typeof data === 'number' || typeof data === 'boolean');
      return {
        code: CalendarErrorCode.schemaType,
        message: `${field} must be ${expected}, but is ${describeKind(data)}`,
        hint: quote ? `put it in quotes: "${String(data)}"` : about,
        path,
      };
    }
    case 'enum': {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues.map(String) : [];
      return {
        code: CalendarErrorCode.schemaEnum,
        message: `${field} ${JSON.stringify(data)} is not one of: ${allowed.join(', ')}`,
        hint: about || `write one of: ${allowed.join(', ')}`,
        path,
      };
    }
    case 'pattern':
      return {
        code: CalendarErrorCode.schemaPattern,
        message: `${field} "${String(data)}" is not in the expected form`,
        hint: about,
        path,
      };
    default:
      return {
        code: CalendarErrorCode.schemaInvalid,
        message: `${field} ${error.message ?? 'is invalid'}`,
        hint: about || 'see calendars/calendar.schema.json',
        path,
      };
  }
}

/** `"timeZone"`, `"date" of holidays item 3`, or `the calendar file`. */
function describePath(path: Path): string {
  const names = path.map((segment) => (typeof segment === 'number' ? `item ${segment + 1}` : `"${segment}"`));
  if (names.length === 0) return 'the calendar file';
  return names.reverse().join(' of ');
}

/** The schema's description and first example: written to double as hints. */
function describeSchema(schema: unknown): string {
  if (!isObject(schema)) return '';
  const description = typeof schema.description === 'string' ? schema.description : '';
  const example: unknown = Array.isArray(schema.examples) ? schema.examples[0] : undefined;
  return example === undefined ? description : `${description} Example: ${JSON.stringify(example)}`;
}
