/**
 * `npm run db:setup`: brings the database in DATABASE_URL up to date —
 * migrations, the city's settings (content/city.yaml, first run only), base
 * data and the training content of content/ (published, or a draft to
 * review when the city publishes its own: applyShippedEdition). Idempotent: `npm start` and
 * `npm run demo` run it on every start. The demo data is loaded apart
 * (`npm run db:demo`): the product carries none of it.
 */
import { execFileSync } from "node:child_process";
import { isPostgresUrl, databaseUrl } from "~/lib/database-url.ts";
import { exitUnlessSqliteLoads } from "~/lib/sqlite-binding.server.ts";
import { cliOptions } from "./options.ts";
import { refuseNewerDatabase } from "~/lib/migration-check.server.ts";

cliOptions("npm run db:setup", {});
// Prisma's migrate would fail on a broken better-sqlite3 with "External error id#0".
if (!isPostgresUrl(databaseUrl())) exitUnlessSqliteLoads();

// Before migrating or syncing anything: older code must leave a newer database untouched.
await refuseNewerDatabase(databaseUrl()).catch((error: Error) => {
  console.error(`Mamori cannot start: ${error.message}`);
  process.exit(1);
});

// `migrate deploy` reads DATABASE_URL through prisma.config.ts.
execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: ["ignore", "ignore", "inherit"] });

// Imported after migrating: the client must not open the file before it exists.
const { applyBaseData, enableWriteAheadLog } = await import("~/services/setup.server.ts");
const { db } = await import("~/lib/db.server.ts");
const { contentDirectory, readContentFiles } = await import("~/services/content.server.ts");
const { applyShippedEdition } = await import("~/services/content-draft.server.ts");
const { seedCity } = await import("~/services/city.server.ts");
const { fillStaffSearchNames } = await import("~/services/staff-directory.server.ts");
await enableWriteAheadLog();
await seedCity(contentDirectory());
await applyBaseData();
// The search form cannot be computed in a migration's SQL (it folds kana).
await fillStaffSearchNames();
// The content edition this release ships: published only on a city that has
// published none of its own; otherwise a draft for the city's review.
const content = await applyShippedEdition(readContentFiles(contentDirectory()));
await db.$disconnect();
const said: Record<typeof content.status, string> = {
  unchanged: "content unchanged",
  published: "the shipped content edition published",
  draft: "the shipped content edition is a draft to review in 教材の管理: the city's own content stays published",
  waiting:
    "the shipped content edition waits: a draft of the city's is open; publish or discard it, then run db:setup again",
  declined: "the shipped content edition was discarded by the city; its own content stays published",
};
console.log(
  `database ready: ${said[content.status]} (${"releaseId" in content ? `release ${content.releaseId}` : `draft ${content.draftId}`})`,
);
