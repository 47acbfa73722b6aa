import { Worker } from "node:worker_threads";
import { isPostgresUrl, sqliteFilePath } from "./database-url.ts";
import { db } from "./db.server.ts";
import { env } from "./env.server.ts";
import { log } from "./log.server.ts";

/**
 * How often the checkpointer copies the WAL into the database file: often
 * enough that each copy and its sync stay small (once a second, a sync of
 * tens of megabytes stalled the app's own writes for seconds).
 */
const CHECKPOINT_EVERY_MS = 250;

/**
 * Copied by the thread: its own connection to the database file, which
 * copies committed pages from the WAL into the file four times a second. PASSIVE
 * never waits for the app's readers or writers.
 */
const CHECKPOINTER = `
const { workerData, parentPort } = require("node:worker_threads");
const Database = require("better-sqlite3");
const database = new Database(workerData.file, { timeout: 5000 });
database.pragma("synchronous = NORMAL");
const timer = setInterval(() => {
  try {
    database.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    parentPort.postMessage(String(error));
  }
}, workerData.everyMs);
parentPort.on("message", () => {
  clearInterval(timer);
  database.close();
  process.exit(0);
});
`;

/**
 * Moves SQLite's WAL checkpoints off the thread that serves requests.
 * Left to itself, SQLite checkpoints inside the commit that fills the WAL
 * past 1,000 pages: that commit — a learner's quiz submission — then
 * copies megabytes into the database file and syncs it while every other
 * request waits (without checkpoints in the way, submissions ran 15-40%
 * faster). The app's own connection still checkpoints past 10,000 pages,
 * should this thread ever fall behind. Returns the function that stops it.
 * (PostgreSQL has nothing of the kind to do.)
 */
export async function startWalCheckpointer(): Promise<() => Promise<void>> {
  if (isPostgresUrl(env.DATABASE_URL)) return async () => {};
  await db.$queryRawUnsafe("PRAGMA wal_autocheckpoint = 10000");
  const file = sqliteFilePath(env.DATABASE_URL);
  const worker = new Worker(CHECKPOINTER, { eval: true, workerData: { file, everyMs: CHECKPOINT_EVERY_MS } });
  worker.on("message", (problem) => log.error(`WAL checkpoint: ${String(problem)}`));
  worker.on("error", (error) => log.error({ err: error }, "WAL checkpointer stopped"));
  worker.unref();
  return async () => {
    const exited = new Promise((resolve) => worker.once("exit", resolve));
    worker.postMessage("stop");
    await exited;
  };
}
