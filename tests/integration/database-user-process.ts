// A stand-in for a running server in a child process: it takes the
// database's lock exactly as app/cli/serve.ts does (unless TAKE_LOCK=0, an
// older server or a command that takes none), keeps the app's client
// connected, prints "ready" and runs until SIGTERM.
import { lockDatabaseForServer } from "~/lib/database-lock.server.ts";
import { env } from "~/lib/env.server.ts";

if (process.env.TAKE_LOCK !== "0") lockDatabaseForServer(env.DATABASE_URL);
const { db } = await import("~/lib/db.server.ts");
await db.staff.count();
console.log("ready");
const alive = setInterval(() => {}, 60_000);
process.on("SIGTERM", () => {
  clearInterval(alive);
  void db.$disconnect().then(() => process.exit(0));
});
