/**
 * `npm run db:setup`: brings the database in DATABASE_URL up to date —
 * migrations, the city's settings (content/city.yaml, first run only), base
 * data and the training content of content/. Idempotent: `npm start` and
 * `npm run demo` run it on every start. The demo data is loaded apart
 * (`npm run db:demo`): the product carries none of it.
 */
import { execFileSync } from "node:child_process";
import { cliOptions } from "./options.ts";

cliOptions("npm run db:setup", {});

// `migrate deploy` reads DATABASE_URL through prisma.config.ts.
execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: ["ignore", "ignore", "inherit"] });

// Imported after migrating: the client must not open the file before it exists.
const { applyBaseData, enableWriteAheadLog } = await import("~/services/setup.server.ts");
const { db } = await import("~/lib/db.server.ts");
const { BrowserEditsSinceFileSync, contentDirectory, syncContentDirectory } =
  await import("~/services/content.server.ts");
const { seedCity } = await import("~/services/city.server.ts");
const { fillStaffSearchNames } = await import("~/services/staff-directory.server.ts");
await enableWriteAheadLog();
await seedCity(contentDirectory());
await applyBaseData();
// The search form cannot be computed in a migration's SQL (it folds kana).
await fillStaffSearchNames();
// Content published in the browser since the last file sync is kept: a
// restart must not undo it (content:sync -- --force does, on purpose).
const content = await syncContentDirectory().catch((error: unknown) => {
  if (!(error instanceof BrowserEditsSinceFileSync)) throw error;
  console.warn(error.message);
  return null;
});
await db.$disconnect();
console.log(
  `database ready: content ${content ? `release ${content.releaseId} (${content.status})` : "kept as published in the browser"}`,
);
