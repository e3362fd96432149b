import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { InvalidRequestError } from '../errors';

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
      !Number.isNaN(Date.parse(decoded[0])) &&
      typeof decoded[1] === 'string' &&
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
