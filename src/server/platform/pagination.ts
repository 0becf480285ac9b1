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
