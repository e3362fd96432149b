import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { InvalidRequestError } from '../errors';
import { unstorableTextReason } from '../plan/storable-text';

/** Every list the API returns. `nextCursor` is null on the last page. */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

/**
 * Keyset pagination on (sort column, id): stable under concurrent inserts and served by an
 * index, unlike OFFSET. The cursor is opaque to clients.
 */
export async function pageOf<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  sortColumn: string,
  idColumn: string,
  direction: 'ASC' | 'DESC',
  limit: number,
  cursor: string | undefined,
  sortValueOf: (row: T) => Date,
  isValidId: (id: string) => boolean = () => true,
): Promise<Page<T>> {
  if (cursor !== undefined) {
    const after = decodeCursor(cursor, isValidId);
    const comparison = direction === 'ASC' ? '>' : '<';
    query.andWhere(`(${sortColumn}, ${idColumn}) ${comparison} (:cursorSort, :cursorId)`, {
      cursorSort: after.sort,
      cursorId: after.id,
    });
  }
  const rows = await query
    .orderBy(sortColumn, direction)
    .addOrderBy(idColumn, direction)
    .limit(limit + 1)
    .getMany();
  return pageFromRows(rows, limit, sortValueOf);
}

/** Cuts `limit + 1` fetched rows to a page; the extra row only tells that a next page exists. */
export function pageFromRows<T extends { id: string }>(
  rows: T[],
  limit: number,
  sortValueOf: (row: T) => Date,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor(sortValueOf(last), last.id) : null;
  return { items, nextCursor };
}

function encodeCursor(sort: Date, id: string): string {
  return Buffer.from(JSON.stringify([sort.toISOString(), id])).toString('base64url');
}

export function decodeCursor(cursor: string, isValidId: (id: string) => boolean): { sort: string; id: string } {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(decoded) &&
      decoded.length === 2 &&
      typeof decoded[0] === 'string' &&
      isInstantThisApiWrote(decoded[0]) &&
      typeof decoded[1] === 'string' &&
      unstorableTextReason(decoded[1]) === null &&
      isValidId(decoded[1])
    ) {
      return { sort: decoded[0], id: decoded[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new InvalidRequestError(
    'the cursor is not one this API returned; pass nextCursor from the previous page as is',
  );
}

/** What `toISOString` writes for the timestamps Postgres holds: years 0001 to 9999, to the millisecond. */
const ISO_INSTANT = /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * A forged cursor reaches SQL as a timestamp: `"0"`, `2020-02-30` or year 275760 would fail
 * there (a 500) or mean something else. Only the exact text encodeCursor wrote passes.
 */
function isInstantThisApiWrote(text: string): boolean {
  const time = Date.parse(text);
  return ISO_INSTANT.test(text) && !Number.isNaN(time) && new Date(time).toISOString() === text;
}
