import { parseAnchor } from '../plan/business-time';
import { CALENDAR_DURATION_FORMS } from '../plan/calendar-duration';

/**
 * What the check and the build of a `due` share: its forms, and how a date written bare as an
 * anchor is read.
 */

/** The mapping forms of a due: the anchor's field, and the duration's field that goes with it. */
export const ANCHORED_DUES = [
  { anchor: 'before', duration: 'by', example: '{ before: input.openingDate, by: 1 business day }' },
  { anchor: 'after', duration: 'within', example: '{ after: input.startDate, within: 3 business days }' },
] as const;

export const DUE_FORMS_HINT = `write a duration: ${CALENDAR_DURATION_FORMS.join(', ')}; or a {{ expression }} giving one; or a date it is due before or after: ${ANCHORED_DUES.map((form) => form.example).join(' or ')}`;

export const DURATION_HINT = `write a duration: ${CALENDAR_DURATION_FORMS.join(', ')}`;

/**
 * The anchor as an expression. A date or date-time written bare (`before: 2027-03-01`) is that date,
 * not JSONata's `2027 - 3 - 1`: it becomes a string literal. Anything else is the owner's expression.
 */
export function anchorExpression(text: string): string {
  return isLiteralAnchor(text) ? JSON.stringify(text.trim()) : text;
}

/** A `YYYY-MM-DD` date or an RFC 3339 date-time, as `parseAnchor` reads them (the zone does not matter here). */
export function isLiteralAnchor(text: string): boolean {
  return parseAnchor(text.trim(), 'UTC') !== undefined;
}
