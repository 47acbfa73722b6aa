/**
 * Staff and ids are read and written in slices, so a prefecture's 100,000
 * fit in memory, and no query binds more values than SQLite allows (999).
 */
export const BATCH = 500;

/** `items` in slices of at most `size`. */
export function chunks<T>(items: readonly T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
