/**
 * Postgres refuses U+0000 in `text` and `jsonb`, and a lone UTF-16 surrogate has no UTF-8
 * form: either would fail deep in a query (a 500). Checking what users send first lets the
 * API name the field instead.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE = new RegExp(`\\u0000|${LONE_SURROGATE.source}`, 'g');

/** Why Postgres cannot store this text, or null when it can. */
export function unstorableTextReason(text: string): string | null {
  if (text.includes('\u0000')) return 'holds U+0000 (NUL), which Postgres cannot store';
  const surrogate = LONE_SURROGATE.exec(text)?.[0];
  if (surrogate !== undefined) {
    const codePoint = surrogate.charCodeAt(0).toString(16).toUpperCase();
    return `holds a lone UTF-16 surrogate (U+${codePoint}), which is not text Postgres can store`;
  }
  return null;
}

/**
 * The value with every string (and object key) Postgres could not store made storable: NUL and
 * lone surrogates become U+FFFD, as a decoder shows bytes it cannot read. For what the workflow
 * decided (a title an expression rendered, a call's answer): the API refuses such text from
 * users, but a write the database refuses would be retried for ever.
 */
export function storable<T>(value: T): T {
  if (typeof value === 'string') return value.replace(UNSTORABLE, '\ufffd') as T;
  if (Array.isArray(value)) return value.map(storable) as T;
  if (typeof value === 'object' && value !== null) {
    const stored: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      // Two keys that differ only by what is replaced ("a\u0000", "a\ud800") must both stay.
      let storedKey = storable(key);
      while (Object.hasOwn(stored, storedKey)) storedKey += '\ufffd';
      stored[storedKey] = storable(member);
    }
    return stored as T;
  }
  return value;
}
