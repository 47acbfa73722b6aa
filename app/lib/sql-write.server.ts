import Database from "better-sqlite3";
import type { Prisma } from "~/generated/prisma/client.ts";
import { sqliteFilePath } from "./database-url.ts";
import { CACHE_SIZE, db, prismaTransactionOpen } from "./db.server.ts";
import { env } from "./env.server.ts";
import { dialect } from "./sql-dialect.server.ts";
import { bindable, StatementCache } from "./sql-read.server.ts";

/**
 * A write transaction that runs, on SQLite, on a write connection of its own
 * and in one synchronous call: `BEGIN IMMEDIATE`, its statements, `COMMIT`,
 * each statement prepared once. Through Prisma each statement of a
 * transaction costs about a millisecond of CPU on the one thread that
 * serves every request; here SQLite's own time. On PostgreSQL it is a Prisma
 * interactive transaction, as before. docs/decisions/008-write-connection-for-quiz-submissions.md.
 *
 * Why two writers in one process cannot deadlock here: this connection
 * never waits for SQLite's lock (busy_timeout = 0), and holds it only
 * inside the one call, so Prisma can never find it taken. While a Prisma
 * transaction is open (it may hold the lock, or hold a snapshot that a
 * commit here would make stale), or another process writes, the transaction
 * is not tried, or fails at once with SQLITE_BUSY: it then yields to the
 * event loop and tries again a moment later, for up to RETRY_FOR_MS.
 *
 * The work is a generator of statements (rowsOf, changesOf), so that the
 * same code runs synchronously on SQLite and awaited on Prisma. It may run
 * more than once: it must not change anything outside the database.
 * Never call this inside a Prisma transaction: it would wait for itself.
 */

/** One statement of the work, and what the work wants back: its rows, or how many rows it changed. */
type SqlStep = { query: Prisma.Sql; want: "rows" | "changes" };
export type SqlWork<T> = Generator<SqlStep, T, unknown>;

/** In a write transaction's work: `const rows = yield* rowsOf<Row>(query)`. */
export function* rowsOf<T>(query: Prisma.Sql): Generator<SqlStep, T[], unknown> {
  return (yield { query, want: "rows" }) as T[];
}

/** In a write transaction's work: `const changed = yield* changesOf(query)`. */
export function* changesOf(query: Prisma.Sql): Generator<SqlStep, number, unknown> {
  return Number(yield { query, want: "changes" });
}

type Client = Pick<Prisma.TransactionClient, "$queryRaw" | "$executeRaw">;

/** Runs the work's statements through a Prisma client or transaction. */
async function runSteps<T>(client: Client, work: SqlWork<T>): Promise<T> {
  let step = work.next();
  while (!step.done) {
    const { query, want } = step.value;
    step = work.next(want === "rows" ? await client.$queryRaw(query) : await client.$executeRaw(query));
  }
  return step.value;
}

/** How long a write waits for the lock, as Prisma's connection does (db.server.ts), before it fails. */
const RETRY_FOR_MS = 5_000;
/** The longest pause between two tries; the first is a millisecond, then twice the last. */
const LONGEST_PAUSE_MS = 25;

let immediate: (<T>(work: SqlWork<T>) => T) | undefined;

/** The write connection's transaction: BEGIN IMMEDIATE, the work's statements run one after the other, COMMIT. */
function writer(): <T>(work: SqlWork<T>) => T {
  if (immediate) return immediate;
  const connection = new Database(sqliteFilePath(env.DATABASE_URL), { fileMustExist: true, timeout: 0 });
  // As Prisma's connection: a commit does not wait for the disk (db.server.ts); checkpoints are the
  // checkpointer thread's (wal-checkpointer.server.ts), not a learner's commit.
  connection.pragma("synchronous = NORMAL");
  connection.pragma("wal_autocheckpoint = 10000");
  connection.pragma(`cache_size = ${CACHE_SIZE}`);
  const statements = new StatementCache(connection);
  immediate = connection.transaction(<T>(work: SqlWork<T>): T => {
    let step = work.next();
    while (!step.done) {
      const { query, want } = step.value;
      const statement = statements.prepared(query.sql);
      const values = bindable(query.values);
      step = work.next(want === "rows" ? statement.all(...values) : statement.run(...values).changes);
    }
    return step.value;
  }).immediate as <T>(work: SqlWork<T>) => T;
  return immediate;
}

const isBusy = (error: unknown) =>
  error instanceof Database.SqliteError && (error.code === "SQLITE_BUSY" || error.code.startsWith("SQLITE_BUSY_"));

/** Runs `work` (made afresh for every try) as one write transaction; see above. */
export async function writeTransaction<T>(work: () => SqlWork<T>): Promise<T> {
  if (dialect === "postgresql") return db.$transaction((tx) => runSteps(tx, work()));
  const run = writer();
  const giveUpAt = Date.now() + RETRY_FOR_MS;
  for (let pause = 1; ; pause = Math.min(pause * 2, LONGEST_PAUSE_MS)) {
    if (!prismaTransactionOpen()) {
      try {
        return run(work());
      } catch (error) {
        if (!isBusy(error)) throw error;
      }
    }
    if (Date.now() >= giveUpAt) {
      throw new Error(`the database stayed locked by another writer for ${RETRY_FOR_MS} ms; nothing was written`);
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}
