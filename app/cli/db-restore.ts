/**
 * `npm run db:restore -- <file>`: replaces the SQLite database in
 * DATABASE_URL with a backup made by db:backup. Refuses while a server uses
 * the database (its lock, <db>.lock, names a live process) or while any
 * process has the file open: replaced under a running server, everything
 * submitted afterwards went to the deleted file. `--force` overrides only a
 * lock whose process is alive but has not the database open (its process
 * id reused after a crash). The backup is checked before anything is
 * replaced; the old file is kept as <db>.before-restore.
 */
import Database from "better-sqlite3";
import { copyFileSync, existsSync, renameSync, rmSync } from "node:fs";
import { cliOptions } from "./options.ts";
import { databaseUrl, isPostgresUrl, sqliteFilePath } from "~/lib/database-url.ts";
import {
  DatabaseInUse,
  databaseFileOpenElsewhere,
  databaseLockHolder,
  holdDatabaseLock,
} from "~/lib/database-lock.server.ts";

const { positionals, values } = cliOptions(
  "npm run db:restore -- [--force] <file>",
  { force: { type: "boolean", default: false } },
  { positionals: 1 },
);
const backup = positionals[0]!;

function refuse(message: string): never {
  console.error(`refusing to restore: ${message}`);
  process.exit(1);
}

const url = databaseUrl();
if (isPostgresUrl(url)) {
  refuse(
    "DATABASE_URL is a PostgreSQL database. Mamori backs up and restores only its SQLite file; " +
      "restore PostgreSQL with its own tools (pg_restore or psql from your pg_dump), with every Mamori instance stopped.",
  );
}
const target = sqliteFilePath(url);

const check = new Database(backup, { readonly: true, fileMustExist: true });
const integrity = check.pragma("integrity_check", { simple: true });
// An empty or foreign file passes the integrity check: it must be a Mamori database.
const migrated = check.prepare("SELECT 1 FROM sqlite_master WHERE name = '_prisma_migrations'").get();
check.close();
if (integrity !== "ok") refuse(`${backup} fails its integrity check: ${integrity}`);
if (!migrated) refuse(`${backup} is not a Mamori database (it has no migrations table)`);

const holder = databaseLockHolder(target);
if (holder !== null && !values.force) {
  refuse(
    `a Mamori server (process ${holder}) is using ${target}. Stop the server, then run db:restore again ` +
      "(anything restored under a running server is lost).",
  );
}
if (databaseFileOpenElsewhere(target)) {
  refuse(
    `another process has ${target} open${holder !== null ? ` (the lock names process ${holder})` : ""}. ` +
      "Stop the server or command using it, then run db:restore again. --force does not override this.",
  );
}
// Held until this command exits, so that a server started meanwhile refuses to open the file.
try {
  holdDatabaseLock(target, { overrideLiveHolder: values.force });
} catch (error) {
  if (error instanceof DatabaseInUse) refuse(`${error.message}: stop it, then run db:restore again.`);
  throw error;
}

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
