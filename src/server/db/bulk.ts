import type { Trx } from './database.ts';
import type { DB, NewRow } from './types.ts';

/**
 * Multi-row inserts in chunks that stay under both databases' parameter limits (SQLite 32,766,
 * PostgreSQL 65,535; 400 rows of up to 40 columns). The ids come back in the order of the rows.
 */
export async function insertChunks<T extends keyof DB>(trx: Trx, table: T, rows: NewRow<T>[], size = 400): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const inserted = (await (trx.insertInto(table) as any).values(chunk).returning('id').execute()) as { id: number }[];
    for (const r of inserted) ids.push(r.id);
  }
  return ids;
}

/** Multi-row inserts in chunks, when the ids are not needed. */
export async function insertPlain<T extends keyof DB>(trx: Trx, table: T, rows: NewRow<T>[], size = 400): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await (trx.insertInto(table) as any).values(rows.slice(i, i + size)).execute();
  }
}
