/*
 * What a person wrote in a reply, without what their mail client added below it: the quoted
 * mail and their signature. Mail clients mark these in a handful of ways; the common ones are
 * recognised, and anything else is kept (a comment with a quote too many beats a lost sentence).
 */

/** A quoted line, as every client writes them (`> …`, `>> …`). */
const QUOTED_LINE = /^\s*>/;

/** The attribution before a quote: `On Mon, 4 Jan 2027 at 09:00, Baton <baton@…> wrote:`. */
const ENGLISH_ATTRIBUTION = /^\s*On\b.*\bwrote:\s*$/;
/** `Le lun. 4 janv. 2027 à 09:00, Baton <baton@…> a écrit :` (often with a no-break space before the colon). */
const FRENCH_ATTRIBUTION = /^\s*Le\b.*\ba\s+écrit\s*:\s*$/u;
/** The second line of an attribution a client wrapped (Gmail wraps long ones). */
const WRAPPED_ATTRIBUTION_END = /(\bwrote:|\ba\s+écrit\s*:)\s*$/u;

/** RFC 3676's signature separator `-- `; many clients lose the trailing space. */
const SIGNATURE_SEPARATOR = /^-- ?$/;
/** Outlook quotes below a separator line instead of `>`. */
const FORWARD_SEPARATOR = /^\s*-{2,}\s*(Original Message|Message d'origine|Message original)\s*-{2,}\s*$/i;

/**
 * The text a reply adds: everything above the first quoted line, attribution, signature
 * separator or original-message separator, trailing blank space removed.
 */
export function newTextOfReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const end = lines.findIndex((line, index) => startsWhatIsNotNew(line, lines[index + 1]));
  const kept = end === -1 ? lines : lines.slice(0, end);
  return kept.join('\n').trim();
}

function startsWhatIsNotNew(line: string, next: string | undefined): boolean {
  if (QUOTED_LINE.test(line) || SIGNATURE_SEPARATOR.test(line) || FORWARD_SEPARATOR.test(line)) return true;
  if (ENGLISH_ATTRIBUTION.test(line) || FRENCH_ATTRIBUTION.test(line)) return true;
  // A wrapped attribution: `On …` or `Le …` here, `… wrote:` on the next line.
  return /^\s*(On|Le)\s/.test(line) && next !== undefined && WRAPPED_ATTRIBUTION_END.test(next);
}
