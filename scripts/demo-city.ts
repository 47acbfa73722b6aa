/**
 * `tsx scripts/demo-city.ts`: adds the demo city (prisma/seed/demo-city.ts)
 * to the SQLite database in DATABASE_URL, once — after `npm run db:demo`,
 * as `npm run demo` and the browser tests run it. Its staff and their
 * training history are as on today (MAMORI_TODAY when pinned, "now" then
 * being that day's noon in Japan), written by the benchmark data's generator
 * through better-sqlite3. On PostgreSQL the demo is the named logins only.
 */
import Database from "better-sqlite3";
import { today } from "~/lib/clock.server.ts";
import { databaseUrl, isPostgresUrl, sqliteFilePath } from "~/lib/database-url.ts";
import { DEMO_CITY, demoCityEmployeeNumber } from "../prisma/seed/demo-city.ts";
import { generateCity } from "../prisma/seed/synthetic-city.ts";

const url = databaseUrl();
if (isPostgresUrl(url)) {
  console.log("demo city: skipped on PostgreSQL (the demo logins only)");
  process.exit(0);
}

const file = new Database(sqliteFilePath(url));
file.pragma("busy_timeout = 5000");
try {
  const present = file.prepare(`SELECT 1 FROM "Staff" WHERE "employeeNumber" = ?`).get(demoCityEmployeeNumber(1));
  if (present) {
    console.log("demo city: already there");
  } else {
    const started = Date.now();
    const day = today();
    const noon = Date.parse(`${day}T03:00:00Z`);
    const nowMs = process.env.MAMORI_TODAY ? noon : Math.min(Date.now(), noon + 12 * 60 * 60 * 1000 - 1);
    const city = generateCity(file, { ...DEMO_CITY, today: day, nowMs });
    console.log(
      `demo city: ${city.staff} staff in ${city.sections} new sections, ${city.assignments} assignments, ` +
        `${city.attempts} quiz attempts, as on ${day} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
} finally {
  file.close();
}
