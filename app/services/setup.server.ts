import { db } from "~/lib/db.server.ts";
import { dialect } from "~/lib/sql-dialect.server.ts";
import { EMPLOYEE_TYPES } from "~/domain/base-data.ts";

/**
 * Write-ahead logging lets report queries read while quiz submissions
 * write; the mode is stored in the database file, so setting it once holds.
 */
export async function enableWriteAheadLog(): Promise<void> {
  if (dialect === "sqlite") await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
}

/**
 * Loads the employee types; safe to run again. The organisations are the
 * city's own: they come with its settings (city.server.ts seedCity).
 */
export async function applyBaseData(): Promise<void> {
  await db.$transaction([
    ...EMPLOYEE_TYPES.map((type, sortOrder) =>
      db.employeeType.upsert({
        where: { code: type.code },
        create: { ...type, sortOrder },
        update: { sortOrder },
      }),
    ),
  ]);
}
