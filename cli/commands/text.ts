/** Plain-text rendering of API answers for a terminal. */

/** Columns padded to their widest cell; the last column is not padded (titles run free). */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)];
}

/** `2027-01-04 09:00 UTC` from an ISO instant; `—` for none. */
export function time(value: unknown): string {
  if (typeof value !== 'string') return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Any JSON value as a table cell. */
export function cell(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** `?a=1&b=2` of the values given (none: empty), for a GET's filters. */
export function query(values: Readonly<Record<string, string | undefined>>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value !== undefined) params.set(name, value);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** A page of a list as a table (`empty` when it has no row), then the `--cursor` of the next page, if any. */
export function pageLines(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  nextCursor: unknown,
  empty: string,
): string[] {
  return [
    ...(rows.length === 0 ? [empty] : table(headers, rows)),
    ...(typeof nextCursor === 'string' ? [`more: add --cursor ${nextCursor}`] : []),
  ];
}
