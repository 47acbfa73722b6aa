import Database from "better-sqlite3";
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { isPostgresUrl, sqliteFilePath } from "./database-url.ts";

/**
 * `<db>.lock`, beside an SQLite database: the process id of the Mamori
 * server (or restore) using it, for as long as it runs. A restore that
 * replaced the file under a running server lost everything learners
 * submitted afterwards: the server kept writing to the WAL of the deleted
 * file. The lock is a file rather than an OS lock so that an operator can
 * see who holds it; one whose process has died (a crash, SIGKILL) is stale
 * and ignored.
 */
export function lockFilePath(databaseFile: string): string {
  return `${databaseFile}.lock`;
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The process id of the live process holding the database's lock, or null when none does. */
export function databaseLockHolder(databaseFile: string): number | null {
  const path = lockFilePath(databaseFile);
  if (!existsSync(path)) return null;
  const pid = Number.parseInt(readFileSync(path, "utf8").trim(), 10);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  return running(pid) ? pid : null;
}

/** Another live process holds the database's lock. */
export class DatabaseInUse extends Error {
  constructor(
    readonly databaseFile: string,
    readonly pid: number,
  ) {
    super(`the database ${databaseFile} is in use by process ${pid} (a Mamori server or a restore)`);
  }
}

/**
 * Takes the database's lock for the rest of this process's life, or throws
 * DatabaseInUse. The file is created exclusively, so of two processes
 * starting at once one wins; the lock is removed when the process exits.
 */
export function holdDatabaseLock(databaseFile: string, { overrideLiveHolder = false } = {}): void {
  const path = lockFilePath(databaseFile);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      process.once("exit", () => releaseDatabaseLock(databaseFile));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = databaseLockHolder(databaseFile);
      if (holder !== null && !overrideLiveHolder) throw new DatabaseInUse(databaseFile, holder);
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not take the lock ${path}: another process keeps taking it`);
}

/** Removes the lock if this process holds it. */
export function releaseDatabaseLock(databaseFile: string): void {
  const path = lockFilePath(databaseFile);
  try {
    if (Number.parseInt(readFileSync(path, "utf8"), 10) === process.pid) rmSync(path, { force: true });
  } catch {
    // Already gone.
  }
}

/**
 * True when some process has the SQLite file open, lock or not (an older
 * server, a command, a tool): in WAL mode every open connection holds a
 * shared lock that an exclusive-mode transaction cannot get past.
 */
export function databaseFileOpenElsewhere(databaseFile: string): boolean {
  if (!existsSync(databaseFile)) return false;
  const probe = new Database(databaseFile, { timeout: 0, fileMustExist: true });
  try {
    probe.pragma("locking_mode = EXCLUSIVE");
    probe.exec("BEGIN EXCLUSIVE");
    probe.exec("COMMIT");
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === "SQLITE_BUSY") return true;
    throw error;
  } finally {
    probe.close();
  }
}

/**
 * The server's lock on the SQLite database of `url`, held until it exits;
 * nothing on PostgreSQL, which several instances share by design. Throws a
 * sentence for the operator when another live process holds it.
 */
export function lockDatabaseForServer(url: string): void {
  if (isPostgresUrl(url)) return;
  try {
    holdDatabaseLock(sqliteFilePath(url));
  } catch (error) {
    if (!(error instanceof DatabaseInUse)) throw error;
    throw new Error(`${error.message}: stop that process first, or give this server its own DATABASE_URL`);
  }
}
