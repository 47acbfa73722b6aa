import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client.ts";
import { PrismaClient as PostgresClient } from "~/generated/prisma-postgres/client.ts";
import { isPostgresUrl, sqliteFilePath } from "./database-url.ts";
import { env } from "./env.server.ts";
import { exitUnlessSqliteLoads } from "./sqlite-binding.server.ts";

/** Milliseconds a writer waits for SQLite's lock before giving up. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * The page cache of each SQLite connection of the server (Prisma's, the read
 * and the write connection), in SQLite's units (negative: KiB). SQLite's
 * default, 16 MiB per connection, was about a quarter of the server's
 * memory (docs/benchmarks.md, step 7); the pages a connection misses come
 * from the operating system's file cache.
 */
export const CACHE_SIZE = -2048;

/**
 * The SQLite connection, with synchronous = NORMAL. SQLite's default in WAL
 * mode syncs the disk at every commit, and better-sqlite3 waits for it on
 * the one thread that serves every request: each quiz submission held the
 * whole server for the length of an fsync. NORMAL syncs at checkpoints
 * instead. A transaction stays all-or-nothing and survives the process
 * being killed (it is in the WAL, in the OS's hands); a power cut or an OS
 * crash may lose the last moments of commits, never the database's
 * consistency. The setting belongs to the connection, so it is made here.
 */
class SQLiteAdapter extends PrismaBetterSQLite3 {
  override async connect() {
    const connection = await super.connect();
    await connection.executeScript(`PRAGMA synchronous = NORMAL; PRAGMA cache_size = ${CACHE_SIZE}`);
    // The adapter keeps its better-sqlite3 connection in a field it does not declare. The write
    // connection (sql-write.server.ts) must know when a Prisma transaction is open on it: fail
    // here, at the first query, rather than write beside a transaction unseen.
    const client: unknown = (connection as unknown as { client?: unknown }).client;
    if (!(client instanceof Database)) throw new Error("the Prisma SQLite adapter no longer exposes its connection");
    prismaConnection = client;
    return connection;
  }
}

let prismaConnection: Database.Database | undefined;

/**
 * True while a Prisma transaction is open on the SQLite connection: it may
 * hold the write lock, or a snapshot that another writer's commit would make
 * stale (its next write would then fail with SQLITE_BUSY_SNAPSHOT).
 */
export function prismaTransactionOpen(): boolean {
  return prismaConnection?.inTransaction === true;
}

/**
 * The client for DATABASE_URL: SQLite (embedded, the default) or PostgreSQL
 * (several app instances). Both are generated from the one schema
 * (prisma/schema.prisma, and its PostgreSQL copy made by
 * db:postgres-schema), so they have the same models and methods; the app
 * is typed against the SQLite one.
 */
function createClient(): PrismaClient {
  if (isPostgresUrl(env.DATABASE_URL)) {
    const adapter = new PrismaPg({ connectionString: env.DATABASE_URL });
    return new PostgresClient({ adapter }) as unknown as PrismaClient;
  }
  // The adapter loads better-sqlite3 at the first query, and Prisma would
  // report a broken build of it only as "External error id#0".
  exitUnlessSqliteLoads();
  const adapter = new SQLiteAdapter({
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
