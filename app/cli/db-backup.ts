/**
 * `npm run db:backup -- <file>`: a consistent copy of the database in
 * DATABASE_URL, taken with SQLite's online backup API — safe while the app
 * is running and people are submitting quizzes. Checks the copy's integrity.
 */
import Database from "better-sqlite3";
import { existsSync } from "node:fs";
import { cliOptions } from "./options.ts";
import { databaseUrl, isPostgresUrl, sqliteFilePath } from "~/lib/database-url.ts";
import { exitUnlessSqliteLoads } from "~/lib/sqlite-binding.server.ts";

const target = cliOptions("npm run db:backup -- <file>", {}, { positionals: 1 }).positionals[0]!;
if (isPostgresUrl(databaseUrl())) {
  console.error("DATABASE_URL is a PostgreSQL database: back it up with its own tools (pg_dump), not db:backup");
  process.exit(1);
}
exitUnlessSqliteLoads();
const source = sqliteFilePath(databaseUrl());
if (!existsSync(source)) {
  console.error(`no database at ${source}`);
  process.exit(1);
}
const db = new Database(source, { readonly: true, fileMustExist: true });
const started = Date.now();
await db.backup(target);
db.close();
const copy = new Database(target, { readonly: true });
const integrity = copy.pragma("integrity_check", { simple: true });
copy.close();
if (integrity !== "ok") {
  console.error(`backup written to ${target} but its integrity check failed: ${integrity}`);
  process.exit(1);
}
console.log(JSON.stringify({ backup: target, from: source, ms: Date.now() - started, integrity }));
