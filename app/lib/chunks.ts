/**
 * Staff and ids are read and written in slices, so that a prefecture's
 * 100,000 fit in the staff import's 256 MB heap and each statement holds
 * the write lock only briefly. The size is not a database limit (SQLite
 * has allowed 32,766 bound values since 3.32, PostgreSQL allows 65,535):
 * 500 keeps each statement's parameter list and result small, and is the
 * size with which the 100,000-row import was measured (docs/benchmarks.md).
 */
export const BATCH = 500;

/** `items` in slices of at most `size`. */
export function chunks<T>(items: readonly T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
