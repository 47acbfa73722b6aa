/**
 * `npm run db:restore -- <file>`: replaces the database in DATABASE_URL with
 * a backup made by db:backup. Stop the app first. The backup is checked
 * before anything is replaced; the old file is kept as <db>.before-restore.
 */
import Database from "better-sqlite3";
import { copyFileSync, existsSync, renameSync, rmSync } from "node:fs";
import { cliOptions } from "./options.ts";
import { databaseUrl, sqliteFilePath } from "~/lib/database-url.ts";

const backup = cliOptions("npm run db:restore -- <file>", {}, { positionals: 1 }).positionals[0]!;
const check = new Database(backup, { readonly: true, fileMustExist: true });
const integrity = check.pragma("integrity_check", { simple: true });
check.close();
if (integrity !== "ok") {
  console.error(`refusing to restore ${backup}: integrity check says ${integrity}`);
  process.exit(1);
}
const target = sqliteFilePath(databaseUrl());
if (existsSync(target)) {
  // Fold any write-ahead log into the old file before setting it aside.
  const old = new Database(target);
  old.pragma("wal_checkpoint(TRUNCATE)");
  old.close();
  renameSync(target, `${target}.before-restore`);
}
rmSync(`${target}-wal`, { force: true });
rmSync(`${target}-shm`, { force: true });
copyFileSync(backup, target);
console.log(JSON.stringify({ restored: target, from: backup }));
