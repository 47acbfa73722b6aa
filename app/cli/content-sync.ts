/**
 * `npm run content:sync`: loads content/ into the database in DATABASE_URL
 * as a new content release, or does nothing if it is already loaded.
 * Prints a one-line JSON summary.
 */
import { db } from "~/lib/db.server.ts";
import { syncContentDirectory } from "~/services/content.server.ts";

try {
  const result = await syncContentDirectory();
  console.log(
    JSON.stringify({
      status: result.status,
      release: result.releaseId,
      changes: result.changes.length,
      changedClauses: result.changedClauses,
    }),
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
