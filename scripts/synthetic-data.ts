/**
 * `npm run data:synthetic -- --staff 100000 --fiscal-years 3 [--out data/synthetic.db]
 *   [--attempts N] [--seed text]`
 *
 * Builds a prefecture-sized database for `npm run bench` in its own file
 * (deleted first): `db-setup` gives it the migrations, base data and
 * content, then the generator in prisma/seed/synthetic-city.ts (shared with
 * the demo city) writes staff, assignments, quiz attempts with their answers,
 * readings and pledges, following the product's own rules.
 *
 * `--attempts` is the number of quiz attempts to aim for (default 10 per
 * member of staff: about 1,000,000 for 100,000 staff, as issue 8 asks);
 * the share of failed attempts is derived from it. A stored draw is a full
 * snapshot of its questions (about 16 KB for 15 questions), so only the
 * latest attempt of each current-year assignment keeps its draw and
 * responses; older attempts store `[]` and `{}`. Every submitted attempt has
 * its AttemptAnswer rows. Every member of staff has the password
 * "bench-password-2026" (bcrypt cost 4); 900001 is an HR account.
 *
 * Prints progress, then one JSON line: staff, assignments, attempts,
 * answers, seconds, file size.
 */
import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fiscalYearOf } from "~/domain/fiscal-year.ts";
import { today as todayInJapan } from "~/lib/clock.server.ts";
import { generateCity } from "../prisma/seed/synthetic-city.ts";

// ---------------------------------------------------------------- options

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function wholeNumber(name: string, fallback: number, min: number, max: number): number {
  const text = option(name);
  const value = text === undefined ? fallback : Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`--${name} must be a whole number from ${min} to ${max}`);
    process.exit(2);
  }
  return value;
}

const STAFF = wholeNumber("staff", 100_000, 50, 800_000);
const FISCAL_YEARS = wholeNumber("fiscal-years", 3, 1, 10);
const TARGET_ATTEMPTS = wholeNumber("attempts", STAFF * 10, 0, 100_000_000);
const OUT = resolve(option("out") ?? "data/synthetic.db");
const SEED = option("seed") ?? "mamori-synthetic";

const HOUR_MS = 60 * 60 * 1000;
const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`) - 9 * HOUR_MS;
const TODAY = todayInJapan();
// "Now" is today's noon when MAMORI_TODAY pins a day, else the real instant.
const NOW_MS = process.env.MAMORI_TODAY
  ? dayStart(TODAY) + 12 * HOUR_MS
  : Math.min(Date.now(), dayStart(TODAY) + 24 * HOUR_MS - 1);

// ---------------------------------------------------------------- main

const started = Date.now();
const log = (message: string) =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}`);

for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${OUT}${suffix}`, { force: true });
mkdirSync(dirname(OUT), { recursive: true });
log(`db-setup on ${OUT}`);
execFileSync(resolve("node_modules/.bin/tsx"), ["app/cli/db-setup.ts"], {
  stdio: ["ignore", "inherit", "inherit"],
  env: { ...process.env, DATABASE_URL: `file:${OUT}` },
});

const db = new Database(OUT);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = OFF");
db.pragma("cache_size = -262144");
db.pragma("temp_store = MEMORY");

const counts = generateCity(db, {
  staff: STAFF,
  fiscalYears: FISCAL_YEARS,
  targetAttempts: TARGET_ATTEMPTS,
  seed: SEED,
  today: TODAY,
  nowMs: NOW_MS,
  // Every member of staff has this password (bcrypt cost 4); 900001 is an HR account.
  password: "bench-password-2026",
  benchHr: "900001",
  log,
});

db.pragma("synchronous = FULL");
db.pragma("wal_checkpoint(TRUNCATE)");
db.close();

const bytes = statSync(OUT).size + (existsSync(`${OUT}-wal`) ? statSync(`${OUT}-wal`).size : 0);
console.log(
  JSON.stringify({
    out: OUT,
    today: TODAY,
    fiscalYears: [fiscalYearOf(TODAY) - FISCAL_YEARS + 1, fiscalYearOf(TODAY)],
    ...counts,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    fileSizeMB: Math.round(bytes / 1024 / 1024),
  }),
);
