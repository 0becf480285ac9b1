import { sql, type SelectQueryBuilder } from 'kysely';
import { AppError } from './errors.ts';

/** Cursors are opaque to clients: the last id of the previous page, base64url-encoded. */
export function encodeCursor(lastId: number): string {
  return Buffer.from(`i:${lastId}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number | undefined {
  if (!cursor) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^i:(\d{1,10})$/.exec(text);
  if (!match)
    throw new AppError('VALIDATION_FAILED', 'cursor: is not a cursor from this API', [
      { path: 'cursor', message: 'is not a cursor from this API' },
    ]);
  return Number(match[1]);
}

/** Rows are fetched with limit + 1 to know whether a next page exists without counting. */
export function toPage<R extends { id: number }, T>(rows: R[], limit: number, map: (row: R) => T) {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  return {
    items: slice.map(map),
    nextCursor: more ? encodeCursor(slice[slice.length - 1].id) : null,
  };
}

/**
 * One page of a list: the query (already filtered and scoped) continued after the cursor, ordered by
 * its id column — newest first by default, oldest first for work queues — fetched with limit + 1 and
 * mapped. Every cursor list of the API is this.
 */
export async function listPage<DB, TB extends keyof DB, O extends { id: number }, T>(
  query: SelectQueryBuilder<DB, TB, O>,
  idColumn: string,
  page: { cursor?: string; limit: number },
  map: (row: O) => T,
  order: 'desc' | 'asc' = 'desc',
) {
  const from = decodeCursor(page.cursor);
  let q = query;
  if (from !== undefined) q = q.where(sql.ref(idColumn), order === 'desc' ? '<' : '>', from);
  const rows = await q
    .orderBy(sql.ref(idColumn), order)
    .limit(page.limit + 1)
    .execute();
  return toPage(rows as O[], page.limit, map);
}

/** The project filter of a list (projectScope's answer): null for leadership (no filter), none for nobody. */
export function inProjects<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>, column: string, scope: number[] | null) {
  return scope ? query.where(sql.ref(column), 'in', scope.length ? scope : [-1]) : query;
}
