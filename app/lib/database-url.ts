import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

/** Where the embedded database lives when DATABASE_URL is not set. */
export const DEFAULT_DATABASE_URL = "file:./data/mamori.db";

/** The database URL in force: `configured` (DATABASE_URL), or the demo file under data/. */
export function databaseUrl(configured: string | undefined = process.env.DATABASE_URL): string {
  return configured?.trim() || DEFAULT_DATABASE_URL;
}

/** True for a PostgreSQL URL (postgresql:// or postgres://); anything else is SQLite. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * The file path of a `file:` SQLite URL, relative to the working directory,
 * with its folder created: a fresh clone has no data/ folder yet.
 */
export function sqliteFilePath(url: string): string {
  if (!url.startsWith("file:")) {
    throw new Error(`DATABASE_URL must start with "file:" for SQLite, got "${url}"`);
  }
  const path = url.slice("file:".length).replace(/\?.*$/, "");
  mkdirSync(dirname(path), { recursive: true });
  return path;
}
