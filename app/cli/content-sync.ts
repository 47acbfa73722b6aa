/**
 * `npm run content:sync`: loads content/ into the database in DATABASE_URL
 * as a new content release, or does nothing if it is already loaded.
 * Prints a one-line JSON summary. Refuses (exit 1, naming them) to overwrite
 * releases published in the browser since the last file sync, unless --force.
 */
import { db } from "~/lib/db.server.ts";
import { syncContentDirectory } from "~/services/content.server.ts";

try {
  const result = await syncContentDirectory(undefined, { force: process.argv.includes("--force") });
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
