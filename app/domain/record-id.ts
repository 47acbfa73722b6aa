/**
 * The one rule for a record id from a URL, a query string, a form or a
 * stored JSON value: 1 to 9 ASCII digits without a leading zero. Nine digits
 * stay inside a 32-bit integer column on PostgreSQL and SQLite alike;
 * `1e20`, `-1`, `0x10`, `１` or twenty nines are simply not ids — the
 * database is never asked.
 */
const ID = /^[1-9][0-9]{0,8}$/;

/** An id, or null for anything that is not one. */
export function parseId(value: unknown): number | null {
  if (typeof value === "number") return Number.isSafeInteger(value) && ID.test(String(value)) ? value : null;
  return typeof value === "string" && ID.test(value) ? Number(value) : null;
}
