import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client.ts";
import { sqliteFilePath } from "./database-url.ts";
import { env } from "./env.server.ts";

/** Milliseconds a writer waits for SQLite's lock before giving up. */
const BUSY_TIMEOUT_MS = 5_000;

function createClient(): PrismaClient {
  const adapter = new PrismaBetterSQLite3({
    url: `file:${sqliteFilePath(env.DATABASE_URL)}`,
    timeout: BUSY_TIMEOUT_MS,
  });
  return new PrismaClient({ adapter });
}

// One client per process; the dev server re-imports modules on every change,
// so the client is kept on globalThis there.
const globalForDb = globalThis as unknown as { mamoriDb?: PrismaClient };

export const db: PrismaClient = globalForDb.mamoriDb ?? createClient();
if (env.NODE_ENV !== "production") globalForDb.mamoriDb = db;
