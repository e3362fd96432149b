import { CompileErrorCode, type Finding, ReadErrorCode, SchemaErrorCode, toCompileError } from '../compiler/errors';
import { parseSource } from '../compiler/parse';
import type { Path } from '../compiler/path';
import { type SchemaDocument, schemaFindings } from '../compiler/schema-findings';
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

/** Stable codes; reading the YAML and its schema report the process compiler's. */
export const CalendarErrorCode = {
  ...ReadErrorCode,
  ...SchemaErrorCode,
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

const CALENDAR_FILE: SchemaDocument = {
  schema: calendarSchema,
  schemaFile: 'calendars/calendar.schema.json',
  describePath,
  allowedPropertiesLabel: 'allowed here',
};

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
    errors: findings.findings.map((finding) => toCompileError(finding, file, parsed.locator)),
  };
}

function check(
  value: unknown,
  id: string,
):
  | { readonly ok: true; readonly calendar: CalendarFile }
  | { readonly ok: false; readonly findings: Finding<CalendarErrorCode>[] } {
  const findings: Finding<CalendarErrorCode>[] = [];
  if (!CALENDAR_ID.test(id)) {
    findings.push({
      code: CalendarErrorCode.invalidCalendarId,
      message: `the file name "${id}" is not a calendar id`,
      hint: 'name the file in lowercase letters, digits and dashes, e.g. fr-business.yaml',
      path: [],
    });
  }
  if (!validateCalendar(value)) {
    return { ok: false, findings: [...findings, ...schemaFindings(validateCalendar.errors ?? [], CALENDAR_FILE)] };
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

/** `"timeZone"`, `"date" of item 3 of "holidays"`, or `the calendar file`. */
function describePath(path: Path): string {
  const names = path.map((segment) => (/^\d+$/.test(String(segment)) ? `item ${Number(segment) + 1}` : `"${segment}"`));
  if (names.length === 0) return 'the calendar file';
  return names.reverse().join(' of ');
}
