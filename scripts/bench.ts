/**
 * `npm run bench [-- --db data/synthetic.db --duration 10]` (after
 * `npm run build` and `npm run data:synthetic`): issue 8's benchmark, in one
 * run on one machine. It starts a bare node:http server (the machine's
 * ceiling) and the production build on the database, measures each route
 * with autocannon, times the report's aggregate SQL straight on the
 * database, then times the staff CSV import and the fiscal-year rollover
 * on copies of the database. Prints figures and the budgets of issue 22:
 * each a ratio within this run (a slow day moves every figure alike), its
 * goal, met or not, with the absolute figures beside it.
 *
 * Options: --connections 50, --quiz-connections 100, --report-connections 1,
 * --report-duration 30 (default: the larger of 30 and --duration),
 * --users 4000 (learners signed in; each starts one quiz attempt: enough that
 *   every submission in the quiz run is a first one),
 * --import-changed N (rows of the staff CSV that differ; default 1%),
 * --routes bare,static,page,dashboard,mastery,module,quiz,report,report-filtered,export,drill-link,drill-click (a subset),
 * --server-node-flags "--cpu-prof --cpu-prof-dir=/tmp/prof" (to profile the server),
 * --skip-cli (no import/rollover), --skip-http (only import/rollover),
 * --explain (print the report queries' EXPLAIN QUERY PLAN and stop).
 * Every child process is stopped at the end, also on error or Ctrl-C.
 *
 * --accept-encoding br (or gzip): measure compressed pages; by default no
 *   request asks for compression, so every route is measured uncompressed.
 *
 * The server is the compiled build/server/serve.js in production, as
 * `npm run serve` runs it. Learners and HR (900001, who reads the report)
 * get sessions as a sign-in makes them: rows in the Session table.
 */
import Database from "better-sqlite3";
import { spawn, type ChildProcess } from "node:child_process";
import { createCookie } from "@remix-run/node";
import { createHash, randomBytes } from "node:crypto";
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { cpus, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import type { Track } from "~/domain/content/types.ts";
import { fiscalYearOf } from "~/domain/fiscal-year.ts";
import type { DrawnQuestion } from "~/domain/quiz.ts";
import { today as todayInJapan } from "~/lib/clock.server.ts";
import type { ReportFilter } from "~/domain/report-filter.ts";
import { reportStatements } from "~/services/report-sql.server.ts";
import { linkToken } from "~/services/drill-tokens.server.ts";

const BENCH_HR_NUMBER = "900001";
// The server refuses to start in production without a secret of at least 32 characters.
const BENCH_SESSION_SECRET = "bench-session-secret-not-for-real-staff";
/** The compiled server `npm run build` writes and `npm run serve` runs. */
const SERVER_SCRIPT = "build/server/serve.js";

// ---------------------------------------------------------------- options

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
function numberOption(name: string, fallback: number): number {
  const value = Number(option(name) ?? fallback);
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`--${name} must be a positive number`);
    process.exit(2);
  }
  return value;
}

const DB_PATH = resolve(option("db") ?? "data/synthetic.db");
const DURATION = numberOption("duration", 10);
const CONNECTIONS = numberOption("connections", 50);
const QUIZ_CONNECTIONS = numberOption("quiz-connections", 100);
// A report takes seconds at this size: one HR user at a time gives its service time, and enough samples.
const REPORT_CONNECTIONS = numberOption("report-connections", 1);
const REPORT_DURATION = numberOption("report-duration", Math.max(DURATION, 30));
const USERS = numberOption("users", 4000);
/** Sent with every measured request; none by default: pages are measured uncompressed. */
const ACCEPT_ENCODING = option("accept-encoding");
const ENCODING_HEADERS: Record<string, string> = ACCEPT_ENCODING ? { "accept-encoding": ACCEPT_ENCODING } : {};
const SKIP_CLI = process.argv.includes("--skip-cli");
const SKIP_HTTP = process.argv.includes("--skip-http");
const ROUTES = [
  "bare",
  "static",
  "page",
  "dashboard",
  "mastery",
  "module",
  "quiz",
  "report",
  "report-filtered",
  "export",
  "drill-link",
  "drill-click",
] as const;
const ONLY = option("routes")?.split(",");
if (ONLY?.some((r) => !(ROUTES as readonly string[]).includes(r))) {
  console.error(`--routes takes a comma-separated list of ${ROUTES.join(",")}`);
  process.exit(2);
}
const wants = (...routes: (typeof ROUTES)[number][]) => !ONLY || routes.some((r) => ONLY.includes(r));
/** Node flags for the app server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof": it then runs as `node <flags> --import tsx`. */
const SERVER_NODE_FLAGS = option("server-node-flags")?.split(/\s+/).filter(Boolean);
/** Rows of the staff CSV that differ from the database; default 1% of them. */
const IMPORT_CHANGED = option("import-changed") === undefined ? null : numberOption("import-changed", 1);
const EXPLAIN = process.argv.includes("--explain");
const TODAY = todayInJapan();
const FISCAL_YEAR = fiscalYearOf(TODAY);

// ---------------------------------------------------------------- the report's SQL
// The very statements reports.server.ts runs, as text with ? placeholders and bound values.
type Sql = { text: string; values: unknown[] };

/**
 * Every query the report's overview page counts with, in the loader's order, with the pledge tracks it reads
 * from the catalogue (the tracks in force whose definition asks for a pledge).
 */
function reportQueries(db: Database.Database, filter: ReportFilter, today: string): { name: string; query: Sql }[] {
  const tracks = db
    .prepare(`SELECT "id", "definition" FROM "Track" WHERE "retired" = 0 ORDER BY "sortOrder"`)
    .all() as {
    id: string;
    definition: string;
  }[];
  const pledgeTracks = tracks.filter((t) => (JSON.parse(t.definition) as Track).pledge).map((t) => t.id);
  return reportStatements(filter, today, pledgeTracks).map(({ name, query }) => ({
    name,
    query: { text: query.sql, values: query.values },
  }));
}

const FILTERED: Omit<ReportFilter, "fiscalYear"> = {
  trackId: "annual-refresher",
  organisationId: "mayor",
  employeeTypeCode: "fiscal-year",
};
const FILTERED_QUERY = new URLSearchParams(FILTERED as Record<string, string>).toString();

// SQLite binds JavaScript numbers as REAL; Prisma binds whole numbers as INTEGER. Same rows, but keep it identical.
const bindable = (values: unknown[]) =>
  values.map((v) => (typeof v === "number" && Number.isInteger(v) ? BigInt(v) : v));

function explain(db: Database.Database, query: Sql): string {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${query.text}`).all(...bindable(query.values)) as {
    id: number;
    parent: number;
    detail: string;
  }[];
  const depth = new Map<number, number>([[0, 0]]);
  return rows
    .map((row) => {
      const d = (depth.get(row.parent) ?? 0) + 1;
      depth.set(row.id, d);
      return `${"  ".repeat(d)}${row.detail}`;
    })
    .join("\n");
}

function medianMs(runs: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

// ---------------------------------------------------------------- child processes

const children = new Set<ChildProcess>();

/** Starts a child in its own process group, so that stopping it stops what it started (tsx runs node under it). */
function startChild(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess & { output: string[] } {
  const child = spawn(command, args, { env, detached: true, stdio: ["ignore", "pipe", "pipe"] }) as ChildProcess & {
    output: string[];
  };
  child.output = [];
  // Whole lines only (a chunk may end mid-line); the first 50 and the last 200 are kept.
  const keeper = () => {
    let partial = "";
    return (chunk: Buffer | null) => {
      const text = partial + (chunk?.toString() ?? "\n");
      const lines = text.split("\n");
      partial = lines.pop() ?? "";
      child.output.push(...lines.filter(Boolean));
      if (child.output.length > 250) child.output.splice(50, child.output.length - 250);
    };
  };
  for (const stream of [child.stdout, child.stderr]) {
    const keep = keeper();
    stream?.on("data", keep);
    stream?.on("end", () => keep(null));
  }
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** SIGTERM, then SIGKILL after `graceMs`. */
async function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    signalGroup(child, "SIGKILL"); // anything left in its group
    return;
  }
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  signalGroup(child, "SIGTERM");
  const timer = new Promise<"timeout">((done) => setTimeout(() => done("timeout"), graceMs).unref());
  if ((await Promise.race([exited, timer])) === "timeout") {
    signalGroup(child, "SIGKILL");
    await Promise.race([exited, new Promise((done) => setTimeout(done, 2_000).unref())]);
  }
  signalGroup(child, "SIGKILL");
}

async function stopAll(): Promise<void> {
  await Promise.all([...children].map((child) => stopChild(child)));
}

process.on("exit", () => {
  for (const child of children) signalGroup(child, "SIGKILL");
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping child processes`);
    void stopAll().finally(() => process.exit(130));
  });
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function waitForHttp(url: string, child: ChildProcess & { output: string[] }, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${child.output.join("\n")}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`no answer from ${url} within ${timeoutMs / 1000} s:\n${child.output.join("\n")}`);
}

/** The process and its descendants, with their resident memory. */
function processTree(pid: number): { pid: number; rssKb: number; hwmKb: number; command: string }[] {
  const found: { pid: number; rssKb: number; hwmKb: number; command: string }[] = [];
  const visit = (p: number, depth: number) => {
    if (depth > 5) return;
    let status: string;
    try {
      status = readFileSync(`/proc/${p}/status`, "utf8");
    } catch {
      return;
    }
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0);
    const command = readFileSync(`/proc/${p}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
    found.push({ pid: p, rssKb: kb("VmRSS"), hwmKb: kb("VmHWM"), command });
    for (const task of readdirSync(`/proc/${p}/task`)) {
      const kids = readFileSync(`/proc/${p}/task/${task}/children`, "utf8").trim();
      for (const kid of kids ? kids.split(/\s+/).map(Number) : []) visit(kid, depth + 1);
    }
  };
  visit(pid, 0);
  return found;
}

// ---------------------------------------------------------------- autocannon

type CannonRequest = {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: CannonRequest, context: Record<string, unknown>) => CannonRequest;
  onResponse?: (
    status: number,
    body: string,
    context: Record<string, unknown>,
    headers: Record<string, string | string[]>,
  ) => void;
};
type CannonOptions = {
  url: string;
  connections: number;
  duration: number;
  timeout?: number;
  headers?: Record<string, string>;
  requests?: CannonRequest[];
};
type CannonResult = { requests: { average: number }; errors: number; timeouts: number; duration: number };
type CannonInstance = PromiseLike<CannonResult> & {
  on(
    event: "response",
    listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void,
  ): void;
};
// autocannon ships no types; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)("autocannon") as (options: CannonOptions) => CannonInstance;

type Measurement = {
  name: string;
  connections: number;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Responses other than 2xx/3xx, plus socket errors and timeouts. */
  failed: number;
  /** Responses whose status was not the one the route should answer. */
  unexpected: number;
  statuses: Record<string, number>;
  /** The app server's CPU time (user + system) per response, in ms; NaN for the bare server. */
  cpuMsPerRequest: number;
};

/** The app server's process and port: each measurement of it reads the CPU time it spent. */
let serverPid: number | undefined;
let appPort = 0;
/** CPU time a process has used so far, in ms (utime + stime of /proc/<pid>/stat, in clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(
  name: string,
  options: Omit<CannonOptions, "duration">,
  expectedStatus: number,
  duration = DURATION,
): Promise<Measurement> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const cpuPid = options.url.includes(`:${appPort}`) ? serverPid : undefined;
  const cpuBefore = cpuMs(cpuPid);
  const instance = autocannon({
    timeout: 30,
    ...options,
    headers: { ...ENCODING_HEADERS, ...options.headers },
    duration,
  });
  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  const result = await instance;
  const cpuSpent = cpuMs(cpuPid) - cpuBefore;
  latencies.sort((a, b) => a - b);
  const bad = Object.entries(statuses).reduce(
    (n, [code, c]) => n + (Number(code) >= 200 && Number(code) < 400 ? 0 : c),
    0,
  );
  const unexpected = Object.entries(statuses).reduce(
    (n, [code, c]) => n + (Number(code) === expectedStatus ? 0 : c),
    0,
  );
  const m: Measurement = {
    name,
    connections: options.connections,
    requests: latencies.length,
    perSecond: latencies.length / result.duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    failed: bad + result.errors + result.timeouts,
    unexpected,
    statuses,
    cpuMsPerRequest: cpuSpent / latencies.length,
  };
  console.log(
    `  ${name}: ${m.perSecond.toFixed(0)} req/s, p50 ${m.p50.toFixed(1)} ms, p95 ${m.p95.toFixed(1)} ms, statuses ${JSON.stringify(statuses)}` +
      (result.errors + result.timeouts > 0 ? `, ${result.errors} errors, ${result.timeouts} timeouts` : ""),
  );
  await sleep(1_000);
  return m;
}

// ---------------------------------------------------------------- a drill to click

/**
 * A drill campaign sent to `count` active staff, as the sender leaves it
 * (one message each, marked sent, only the token's hash stored); returns
 * their link tokens, derived with the server's secret as the sender does.
 */
function sentDrill(dbPath: string, count: number): string[] {
  const instant = (date: Date) => date.toISOString().replace("Z", "+00:00");
  const now = instant(new Date());
  const db = new Database(dbPath);
  try {
    return db.transaction(() => {
      const campaignId = Number(
        db
          .prepare(
            `INSERT INTO "DrillCampaign" ("name", "scenarioId", "targets", "windowStart", "windowEnd", "businessHoursOnly",
               "followUpTrackId", "endDate", "status", "createdAt", "updatedAt", "launchedAt")
             VALUES ('bench', 'parcel-notice', '{"kind":"filter"}', ?, ?, 0, 'drill-follow-up', '2099-12-31', 'sending', ?, ?, ?)`,
          )
          .run(now, now, now, now, now).lastInsertRowid,
      );
      const staff = db
        .prepare(`SELECT "id" FROM "Staff" WHERE "active" = 1 ORDER BY random() LIMIT ?`)
        .pluck()
        .all(count) as number[];
      const insert = db.prepare(
        `INSERT INTO "DrillMessage" ("campaignId", "staffId", "tokenHash", "status", "attempts", "nextTryAt", "sentAt", "channel")
         VALUES (?, ?, ?, 'sent', 1, ?, ?, 'smtp')`,
      );
      return staff.map((staffId) => {
        const { token, hash } = linkToken(campaignId, staffId, BENCH_SESSION_SECRET);
        insert.run(campaignId, staffId, hash, now, now);
        return token;
      });
    })();
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------- helpers for signing in

const FORM = { "content-type": "application/x-www-form-urlencoded" };

/**
 * Sessions for the given people, made as a sign-in makes them: a Session row
 * holding the SHA-256 of a random token (app/lib/session-store.server.ts),
 * and the token in the cookie signed with the server's secret. Returns the
 * Cookie header of each, in order. Passwords are checked by the login tests,
 * not here: 4,000 sign-ins would time bcrypt, not the pages.
 */
async function startSessions(dbPath: string, people: readonly { staffId: number }[]): Promise<string[]> {
  const cookie = createCookie("__mamori", { secrets: [BENCH_SESSION_SECRET] });
  const now = new Date();
  // Prisma keeps a DateTime in SQLite as ISO text with "+00:00".
  const instant = (date: Date) => date.toISOString().replace("Z", "+00:00");
  const tokens = people.map(() => randomBytes(32).toString("base64url"));
  const db = new Database(dbPath);
  try {
    const version = db.prepare(`SELECT "sessionVersion" FROM "Staff" WHERE "id" = ?`).pluck();
    const insert = db.prepare(
      `INSERT INTO "Session" ("tokenHash", "staffId", "sessionVersion", "createdAt", "lastSeenAt", "expiresAt", "address")
       VALUES (?, ?, ?, ?, ?, ?, '127.0.0.1')`,
    );
    db.transaction(() => {
      people.forEach(({ staffId }, i) => {
        insert.run(
          createHash("sha256").update(tokens[i]!).digest("hex"),
          staffId,
          version.get(staffId),
          instant(now),
          instant(now),
          instant(new Date(now.getTime() + 12 * 3600_000)),
        );
      });
    })();
  } finally {
    db.close();
  }
  return Promise.all(tokens.map(async (token) => (await cookie.serialize(token)).split(";")[0]!));
}

async function inPool<T>(
  items: readonly T[],
  size: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i]!, i);
      }
    }),
  );
}

// ---------------------------------------------------------------- command-line timings

type CliTiming = { seconds: number; peakMb: number | null; output: string; ok: boolean; log: string[] };

/** Times `npm run <script> -- args` as an operator runs it, with the script's own Node settings. */
async function timeCli(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<CliTiming> {
  const useTime = existsSync("/usr/bin/time");
  const npm = ["npm", "run", "--silent", script, "--", ...args];
  const [command, rest] = useTime ? ["/usr/bin/time", ["-v", ...npm]] : [npm[0]!, npm.slice(1)];
  const t0 = performance.now();
  const child = startChild(command, rest, env);
  let peakKb = 0;
  // Without GNU time, poll the process tree's memory.
  const poll = useTime
    ? null
    : setInterval(() => {
        if (child.pid)
          peakKb = Math.max(
            peakKb,
            processTree(child.pid).reduce((sum, p) => sum + p.rssKb, 0),
          );
      }, 100);
  const code = await new Promise<number | null>((done) => child.once("close", (c) => done(c)));
  const seconds = (performance.now() - t0) / 1000;
  if (poll) clearInterval(poll);
  const text = child.output.join("\n");
  if (useTime) peakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(text)?.[1] ?? 0);
  // GNU time's report is the tab-indented lines; the rest is the job's own output.
  const log = child.output.filter((line) => !line.startsWith("\t") && !line.startsWith("Command exited"));
  const output = log.filter((line) => line.startsWith("{")).join(" ") || log.slice(-5).join(" | ");
  return { seconds, peakMb: peakKb > 0 ? peakKb / 1024 : null, output, ok: code === 0, log };
}

/** A fresh copy of the database beside it, with the WAL folded in first. */
function copyDatabase(tag: string): string {
  const db = new Database(DB_PATH);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  const copy = join(dirname(DB_PATH), `bench-${tag}.db`);
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${copy}${suffix}`, { force: true });
  copyFileSync(DB_PATH, copy);
  return copy;
}
function removeDatabase(path: string) {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
}

/** The staff rows as the import compares them with the file: every person with the fields the file carries. */
const STAFF_AS_IMPORTED = `SELECT s."employeeNumber", s."name", s."nameKana", o."name" AS "organisation", sec."name" AS "section", s."organisationId",
    t."name" AS "type", s."role", s."startDate", s."appointmentStart", s."appointmentEnd", s."active", s."email"
  FROM "Staff" s JOIN "Organisation" o ON o."id" = s."organisationId" JOIN "EmployeeType" t ON t."code" = s."employeeTypeCode"
  LEFT JOIN "Section" sec ON sec."id" = s."sectionId" ORDER BY s."id"`;

/**
 * The floors of the command-line jobs, timed with better-sqlite3 on the same
 * database (median of 5): the import reads every staff row as the file
 * carries it; the rollover reads every person's fields that decide their
 * assignments, and the assignments already held for the year it fills.
 */
function readFloors(db: Database.Database): { importMs: number; rolloverMs: number } {
  const staff = db.prepare(STAFF_AS_IMPORTED);
  const people = db.prepare(
    `SELECT "id", "employeeTypeCode", "role", "startDate", "appointmentStart", "appointmentEnd", "active" FROM "Staff" ORDER BY "id"`,
  );
  const held = db.prepare(`SELECT "staffId", "trackId" FROM "Assignment" WHERE "fiscalYear" = ?`);
  return {
    importMs: medianMs(5, () => staff.all()),
    rolloverMs: medianMs(5, () => {
      people.all();
      held.all(FISCAL_YEAR + 1);
    }),
  };
}

/** The personnel system's full export of everyone in the database, `changed` rows (default 1%) different. */
function staffCsv(dbPath: string, changed: number | null): { path: string; rows: number; changed: number } {
  const db = new Database(dbPath, { readonly: true });
  const rows = db.prepare(STAFF_AS_IMPORTED).all() as Record<string, string | number | null>[];
  const sections = db.prepare(`SELECT "organisationId", "name" FROM "Section" ORDER BY "id"`).all() as {
    organisationId: string;
    name: string;
  }[];
  db.close();
  const sectionsOf = new Map<string, string[]>();
  for (const s of sections) sectionsOf.set(s.organisationId, [...(sectionsOf.get(s.organisationId) ?? []), s.name]);
  const quote = (v: unknown) => `"${String(v ?? "").replace(/"/g, '""')}"`;
  const lines = ["職員番号,氏名,氏名カナ,所属,課,任用形態,役割,採用日,任用開始日,任用終了日,在職,メールアドレス"];
  const wanted = Math.min(rows.length, changed ?? Math.round(rows.length / 100));
  const every = wanted > 0 ? rows.length / wanted : Infinity;
  let count = 0;
  rows.forEach((row, i) => {
    let { name, section } = row;
    // Spread over the file: half renamed, half moved to another 課 of the same 所属.
    if (count < wanted && i >= Math.floor(count * every)) {
      count++;
      if (count % 2 === 0) name = `${String(name)}子`;
      else {
        const others = (sectionsOf.get(String(row.organisationId)) ?? []).filter((n) => n !== section);
        section = others[i % Math.max(1, others.length)] ?? section;
      }
    }
    lines.push(
      [
        row.employeeNumber,
        name,
        row.nameKana,
        row.organisation,
        section,
        row.type,
        row.role,
        row.startDate,
        row.appointmentStart,
        row.appointmentEnd,
        row.active ? 1 : 0,
        row.email,
      ]
        .map(quote)
        .join(","),
    );
  });
  const path = join(dirname(DB_PATH), "bench-staff.csv");
  writeFileSync(path, `\uFEFF${lines.join("\r\n")}\r\n`);
  return { path, rows: rows.length, changed: count };
}

// ---------------------------------------------------------------- the run

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : "—");
const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);

type HttpFigures = {
  results: Measurement[];
  sent: number;
  acknowledgements: number;
  acknowledged: number;
  stored: number;
  tree: ReturnType<typeof processTree>;
  server: ReturnType<typeof processTree>[number] | undefined;
  appLog: string[];
  rawAll: number;
  rawSome: number;
  perQuery: { name: string; ms: number }[];
};

/** Starts both servers, signs people in, measures every route, times the report's SQL; stops the servers. */
async function measureHttp(db: Database.Database): Promise<HttpFigures> {
  // --- servers
  const barePort = await freePort();
  const bare = startChild(
    process.execPath,
    [
      "-e",
      `require("node:http").createServer((req, res) => { res.writeHead(200, { "content-type": "text/html; charset=utf-8" }); res.end("<!doctype html><title>ok</title><p>ok</p>"); }).listen(${barePort}, "127.0.0.1");`,
    ],
    process.env,
  );
  appPort = await freePort();
  // The compiled server as `npm run serve` runs it (plain node, its heap limit, two malloc arenas), with any
  // extra flags first.
  const app = startChild(process.execPath, [...(SERVER_NODE_FLAGS ?? []), "--max-old-space-size=256", SERVER_SCRIPT], {
    ...process.env,
    MALLOC_ARENA_MAX: "2",
    NODE_ENV: "production",
    DATABASE_URL: `file:${DB_PATH}`,
    SESSION_SECRET: BENCH_SESSION_SECRET,
    SESSION_COOKIE_SECURE: "false",
    HOST: "127.0.0.1",
    PORT: String(appPort),
    BCRYPT_COST: "4",
  });
  const base = `http://127.0.0.1:${appPort}`;
  serverPid = app.pid;
  await waitForHttp(`http://127.0.0.1:${barePort}/`, bare);
  await waitForHttp(`${base}/favicon.ico`, app);

  // --- sign in: HR, and learners with this year's annual refresher still to pass
  console.log("preparing: signing in, starting quiz attempts");
  const t0 = performance.now();
  const learners = !wants("dashboard", "mastery", "module", "quiz")
    ? []
    : (db
        .prepare(
          `SELECT a."id" AS "assignmentId", s."id" AS "staffId"
       FROM "Assignment" a JOIN "Staff" s ON s."id" = a."staffId"
       WHERE a."fiscalYear" = ? AND a."trackId" = 'annual-refresher' AND a."completedAt" IS NULL
         AND s."active" = 1 AND s."role" = 'LEARNER'
         AND NOT EXISTS (SELECT 1 FROM "QuizAttempt" q WHERE q."assignmentId" = a."id" AND q."passed" = 1)
       ORDER BY random() LIMIT ?`,
        )
        .all(FISCAL_YEAR, USERS) as { assignmentId: number; staffId: number }[]);
  if (learners.length === 0 && wants("dashboard", "mastery", "module", "quiz"))
    throw new Error("no learner with an open annual refresher this fiscal year");
  const track = JSON.parse(
    (db.prepare(`SELECT "definition" FROM "Track" WHERE "id" = 'annual-refresher'`).get() as { definition: string })
      .definition,
  ) as Track;
  const hr = db.prepare(`SELECT "id" AS "staffId" FROM "Staff" WHERE "employeeNumber" = ?`).get(BENCH_HR_NUMBER) as
    { staffId: number } | undefined;
  if (!hr) throw new Error(`no member of staff ${BENCH_HR_NUMBER} (HR) in the database`);
  const [hrCookie, ...cookies] = await startSessions(DB_PATH, [hr, ...learners]);
  const startStatuses: Record<string, number> = {};
  // Only the quiz run needs open attempts; starting them is most of the preparation.
  await inPool(wants("quiz") ? learners : [], 4, async (learner, i) => {
    const res = await fetch(`${base}/learn/${learner.assignmentId}/quiz`, {
      method: "POST",
      headers: { ...FORM, cookie: cookies[i]! },
      body: "intent=start",
      redirect: "manual",
    });
    await res.arrayBuffer();
    startStatuses[res.status] = (startStatuses[res.status] ?? 0) + 1;
  });
  const openAttempt = db.prepare(`SELECT "id", "draw" FROM "QuizAttempt" WHERE "openFor" = ?`);
  const submissions: { cookie: string; path: string; body: string; attemptId: number }[] = [];
  (wants("quiz") ? learners : []).forEach((learner, i) => {
    const attempt = openAttempt.get(learner.assignmentId) as { id: number; draw: string } | undefined;
    if (!attempt) return;
    const form = new URLSearchParams({ intent: "submit", attemptId: String(attempt.id) });
    for (const q of JSON.parse(attempt.draw) as DrawnQuestion[]) {
      // Mostly right, so that most submissions pass and complete the assignment (the heavier write).
      const right = (attempt.id + q.questionId.length) % 10 !== 0;
      const choice = right ? q.answer : [q.choices.find((c) => !q.answer.includes(c.id))?.id ?? q.answer[0]!];
      for (const id of choice) form.append(`q:${q.questionId}`, id);
    }
    submissions.push({
      cookie: cookies[i]!,
      path: `/learn/${learner.assignmentId}/quiz`,
      body: form.toString(),
      attemptId: attempt.id,
    });
  });
  console.log(
    `  ${learners.length} learners signed in, quiz start answers ${JSON.stringify(startStatuses)}, ${submissions.length} open attempts to submit (${fmt((performance.now() - t0) / 1000, 1)} s)\n`,
  );

  // --- warm-up: the server loads a page's modules at its first request, and compiles hot code after a few
  // hundred: without this, whichever page is measured first pays for it.
  const warmUp = [
    { path: "/login", cookie: "" },
    ...learners.slice(0, 50).flatMap((l, i) => [
      { path: "/", cookie: cookies[i]! },
      { path: `/learn/${l.assignmentId}/modules/${track.modules[i % track.modules.length]}`, cookie: cookies[i]! },
    ]),
  ];
  for (let round = 0; round < 4; round++)
    await inPool(warmUp, 4, async ({ path, cookie }) => {
      const res = await fetch(`${base}${path}`, {
        headers: { cookie, "accept-encoding": ACCEPT_ENCODING ?? "identity" },
      });
      await res.arrayBuffer();
    });

  // --- HTTP measurements
  console.log("measuring:");
  const rotate = <T>(items: readonly T[]) => {
    let i = 0;
    return () => items[i++ % items.length]!;
  };
  const results: Measurement[] = [];
  if (wants("bare"))
    results.push(
      await measure("bare node:http", { url: `http://127.0.0.1:${barePort}/`, connections: CONNECTIONS }, 200),
    );
  if (wants("static"))
    results.push(
      await measure("static file /favicon.ico", { url: `${base}/favicon.ico`, connections: CONNECTIONS }, 200),
    );
  // The framework floor: a Remix page that reads nothing (the sign-in form, signed out).
  if (wants("page"))
    results.push(
      await measure("static page /login (no data)", { url: `${base}/login`, connections: CONNECTIONS }, 200),
    );
  /** One request that varies each time: `next` gives its path, and a cookie and form body where it has them. */
  const varying = (
    method: "GET" | "POST",
    next: () => { path: string; cookie?: string; body?: string },
    onResponse?: CannonRequest["onResponse"],
  ): CannonRequest[] => [
    {
      method,
      setupRequest: (req) => {
        const { path, cookie, body } = next();
        const headers = { ...req.headers, ...(body === undefined ? {} : FORM), ...(cookie ? { cookie } : {}) };
        return { ...req, method, path, headers, ...(body === undefined ? {} : { body }) };
      },
      ...(onResponse ? { onResponse } : {}),
    },
  ];
  const route = (name: string, requests: CannonRequest[], expectedStatus: number, connections = CONNECTIONS) =>
    measure(name, { url: base, connections, requests }, expectedStatus);

  const nextCookie = rotate(cookies);
  if (wants("dashboard"))
    results.push(
      await route(
        "learner dashboard /",
        varying("GET", () => ({ path: "/", cookie: nextCookie() })),
        200,
      ),
    );
  if (wants("mastery"))
    results.push(
      await route(
        "mastery page /mastery",
        varying("GET", () => ({ path: "/mastery", cookie: nextCookie() })),
        200,
      ),
    );
  const nextModule = rotate(
    learners.map((l, i) => ({
      cookie: cookies[i]!,
      path: `/learn/${l.assignmentId}/modules/${track.modules[i % track.modules.length]}`,
    })),
  );
  if (wants("module"))
    results.push(await route("module page /learn/:id/modules/:slug", varying("GET", nextModule), 200));
  const nextSubmission = rotate(submissions);
  const sent = new Set<number>();
  const acknowledged = new Set<number>();
  let acknowledgements = 0;
  if (wants("quiz"))
    results.push(
      await route(
        "quiz submission POST /learn/:id/quiz",
        varying(
          "POST",
          () => {
            const s = nextSubmission();
            sent.add(s.attemptId);
            return s;
          },
          (status, _body, _context, headers) => {
            if (status < 200 || status >= 400) return;
            acknowledgements++;
            const location = String(headers.location ?? headers.Location ?? "");
            const id = Number(/\/attempts\/(\d+)/.exec(location)?.[1]);
            if (id) acknowledged.add(id);
          },
        ),
        302,
        QUIZ_CONNECTIONS,
      ),
    );
  if (wants("drill-link", "drill-click")) {
    const nextToken = rotate(sentDrill(DB_PATH, USERS));
    // The link as a mail gateway or a person's browser fetches it: the teaching page, no login.
    if (wants("drill-link"))
      results.push(
        await route(
          "drill link GET /d/:token",
          varying("GET", () => ({ path: `/d/${nextToken()}` })),
          200,
        ),
      );
    // The click itself: the request the page makes once shown in a browser (Remix's fetcher, single fetch),
    // which records the click and assigns the follow-up course on the first one.
    if (wants("drill-click"))
      results.push(
        await route(
          "drill click POST /d/:token",
          varying("POST", () => ({ path: `/d/${nextToken()}.data`, body: "intent=click" })),
          200,
        ),
      );
  }
  const hrHeaders = { cookie: hrCookie! };
  if (wants("report"))
    results.push(
      await measure(
        "HR report /reports",
        { url: `${base}/reports`, connections: REPORT_CONNECTIONS, headers: hrHeaders },
        200,
        REPORT_DURATION,
      ),
    );
  if (wants("report-filtered"))
    results.push(
      await measure(
        "HR report /reports?(filtered)",
        { url: `${base}/reports?${FILTERED_QUERY}`, connections: REPORT_CONNECTIONS, headers: hrHeaders },
        200,
        REPORT_DURATION,
      ),
    );
  if (wants("export"))
    results.push(
      await measure(
        "CSV export /reports/export/matrix",
        { url: `${base}/reports/export/matrix`, connections: REPORT_CONNECTIONS, headers: hrHeaders },
        200,
        REPORT_DURATION,
      ),
    );

  // --- memory at the end, then "none lost"
  const tree = app.pid ? processTree(app.pid) : [];
  // The node process running serve.ts, not the npm wrapper or a helper it started.
  const server = tree.find((p) => p.command.includes(SERVER_SCRIPT));
  const stored = db
    .prepare(
      `SELECT COUNT(*) AS "n" FROM "QuizAttempt" WHERE "submittedAt" IS NOT NULL AND "id" IN (SELECT value FROM json_each(?))`,
    )
    .get(JSON.stringify([...acknowledged])) as { n: number };

  // --- the report's SQL straight on the database (the server idle)
  const filterAll: ReportFilter = { fiscalYear: FISCAL_YEAR };
  const filterSome: ReportFilter = { fiscalYear: FISCAL_YEAR, ...FILTERED };
  const run = (query: Sql) => db.prepare(query.text).all(...bindable(query.values));
  // The report's aggregate SQL: every statement its page runs, one after the other as SQLite serves them.
  const aggregate = (filter: ReportFilter) =>
    medianMs(10, () => {
      for (const { query } of reportQueries(db, filter, TODAY)) run(query);
    });
  const timeSql = wants("report", "report-filtered", "export");
  const rawAll = timeSql ? aggregate(filterAll) : NaN;
  const rawSome = timeSql ? aggregate(filterSome) : NaN;
  const perQuery = timeSql
    ? reportQueries(db, filterAll, TODAY).map(({ name, query }) => ({ name, ms: medianMs(5, () => run(query)) }))
    : [];

  const appLog = app.output.filter((line) => !line.startsWith("Mamori listening"));
  await stopChild(app);
  await stopChild(bare);

  return {
    results,
    sent: sent.size,
    acknowledgements,
    acknowledged: acknowledged.size,
    stored: stored.n,
    tree,
    server,
    appLog,
    rawAll,
    rawSome,
    perQuery,
  };
}

/** Prints the HTTP and SQL figures; returns the budgets they decide. */
function printHttp(f: HttpFigures): Budget[] {
  const { results, tree, server, appLog, rawAll, rawSome, perQuery } = f;
  const unmeasured = (name: string): Measurement => ({
    name,
    connections: 0,
    requests: 0,
    perSecond: NaN,
    p50: NaN,
    p95: NaN,
    p99: NaN,
    failed: 0,
    unexpected: 0,
    statuses: {},
    cpuMsPerRequest: NaN,
  });
  const byName = (prefix: string) => results.find((r) => r.name.startsWith(prefix)) ?? unmeasured(prefix);
  const bareM = byName("bare");
  const staticM = byName("static file");
  const pageM = byName("static page");
  const dashboard = byName("learner dashboard");
  const quiz = byName("quiz");
  // Repeats of an attempt already submitted are cheap; the budget counts first submissions.
  const quizFirstPerSecond = quiz.requests > 0 ? (f.acknowledged * quiz.perSecond) / quiz.requests : NaN;
  // By its whole name: the filtered report's name starts with it.
  const report = results.find((r) => r.name === "HR report /reports") ?? unmeasured("HR report /reports");
  const reportFiltered = byName("HR report /reports?");

  console.log("\n=== HTTP (autocannon, loopback; latency in ms)");
  console.log(
    `${"route".padEnd(38)} ${"conns".padStart(5)} ${"requests".padStart(8)} ${"req/s".padStart(8)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"p99".padStart(8)} ${"non-2xx/3xx".padStart(11)} ${"× static".padStart(9)} ${"CPU ms/req".padStart(10)} ${"CPU: page ÷ this".padStart(16)}`,
  );
  for (const r of results) {
    const vsStatic =
      r === bareM ? `${fmt(ratio(r.perSecond, staticM.perSecond), 2)}` : fmt(ratio(r.perSecond, staticM.perSecond), 3);
    console.log(
      `${r.name.padEnd(38)} ${String(r.connections).padStart(5)} ${String(r.requests).padStart(8)} ${fmt(r.perSecond, r.perSecond < 100 ? 1 : 0).padStart(8)} ${fmt(r.p50, 1).padStart(8)} ${fmt(r.p95, 1).padStart(8)} ${fmt(r.p99, 1).padStart(8)} ${String(r.failed).padStart(11)} ${vsStatic.padStart(9)} ${fmt(r.cpuMsPerRequest, 2).padStart(10)} ${fmt(ratio(pageM.cpuMsPerRequest, r.cpuMsPerRequest), 2).padStart(16)}`,
    );
  }
  for (const r of results.filter((r) => r.unexpected > 0))
    console.log(`  ! ${r.name}: unexpected statuses ${JSON.stringify(r.statuses)}`);
  console.log(
    `static file ÷ bare node:http: ${fmt(ratio(staticM.perSecond, bareM.perSecond), 3)}; static page ÷ bare node:http: ${fmt(ratio(pageM.perSecond, bareM.perSecond), 3)}`,
  );
  console.log(
    `dashboard ÷ static page: ${fmt(ratio(dashboard.perSecond, pageM.perSecond), 3)}; module page ÷ static page: ${fmt(ratio(byName("module page").perSecond, pageM.perSecond), 3)}`,
  );
  console.log(`quiz: ${fmt(quizFirstPerSecond)} first submissions acknowledged per second`);
  console.log(
    `quiz: ${f.sent} distinct attempts sent, ${f.acknowledgements} acknowledged (2xx/3xx) for ${f.acknowledged} distinct attempts, ${f.stored} of those stored as submitted`,
  );
  if (server) {
    console.log(
      `server memory at the end: RSS ${fmt(server.rssKb / 1024)} MB (peak ${fmt(server.hwmKb / 1024)} MB), pid ${server.pid}: ${server.command}`,
    );
    for (const p of tree.filter((p) => p !== server))
      console.log(`  (also pid ${p.pid}, RSS ${fmt(p.rssKb / 1024)} MB: ${p.command})`);
  }
  if (appLog.length > 0) console.log(`server log (last lines):\n  ${appLog.slice(-10).join("\n  ")}`);

  console.log(`\n=== report SQL straight on the database (better-sqlite3, median)`);
  console.log(
    `every statement of the report page, no filter: ${fmt(rawAll, 1)} ms; filtered: ${fmt(rawSome, 1)} ms (median of 10 runs)`,
  );
  console.log(
    `report p50 ÷ that SQL: ${fmt(ratio(report.p50, rawAll), 2)}× (no filter), ${fmt(ratio(reportFiltered.p50, rawSome), 2)}× (filtered)`,
  );
  console.log(`each statement, no filter (median of 5 runs):`);
  for (const q of perQuery) console.log(`  ${q.name.padEnd(30)} ${fmt(q.ms, 1).padStart(8)} ms`);

  const rssMb = server ? server.rssKb / 1024 : NaN;
  const perSecond = (m: Measurement) => `${fmt(m.perSecond, m.perSecond < 100 ? 1 : 0)}/s`;
  const vsPage = (m: Measurement, perSecondOf = m.perSecond, label = perSecond(m)): Budget => ({
    what: `${m.name.split(" /")[0]} ÷ static page`,
    value: ratio(perSecondOf, pageM.perSecond),
    goal: "≥ 0.50",
    figures: `${label} vs ${perSecond(pageM)}; server CPU ${fmt(m.cpuMsPerRequest, 2)} vs ${fmt(pageM.cpuMsPerRequest, 2)} ms/req (${fmt(ratio(pageM.cpuMsPerRequest, m.cpuMsPerRequest), 2)})`,
    ok: ratio(perSecondOf, pageM.perSecond) >= 0.5,
  });
  const reportBudget = (m: Measurement, sqlMs: number, label: string): Budget => ({
    what: `${label} p95 ÷ its SQL p50`,
    value: ratio(m.p95, sqlMs),
    goal: "≤ 1.50",
    // The server's CPU per page (its SQL runs in-process on SQLite) ÷ the SQL: the ratio without the queue
    // for the cores that a loaded machine adds to the p95.
    figures: `p95 ${fmt(m.p95, 1)} ms vs SQL ${fmt(sqlMs, 1)} ms; server CPU ${fmt(m.cpuMsPerRequest, 1)} ms/page (${fmt(ratio(m.cpuMsPerRequest, sqlMs), 2)})`,
    ok: ratio(m.p95, sqlMs) <= 1.5,
  });
  return [
    vsPage(dashboard),
    vsPage(byName("mastery page")),
    vsPage(byName("module page")),
    {
      ...vsPage(quiz, quizFirstPerSecond, `${fmt(quizFirstPerSecond)} first/s`),
      what: "quiz first submissions ÷ static page",
      ok: ratio(quizFirstPerSecond, pageM.perSecond) >= 0.5 && quiz.failed === 0,
    },
    {
      what: "quiz: acknowledged ÷ stored as submitted",
      value: ratio(f.acknowledged, f.stored),
      goal: "= 1.00",
      figures: `${f.stored}/${f.acknowledged} stored`,
      ok: f.stored === f.acknowledged && f.acknowledged > 0,
    },
    vsPage(byName("drill link")),
    vsPage(byName("drill click")),
    reportBudget(report, rawAll, "HR report"),
    reportBudget(reportFiltered, rawSome, "HR report (filtered)"),
    {
      what: "server RSS at the end, MB ÷ 200 MB",
      value: ratio(rssMb, 200),
      goal: "≤ 1.00",
      figures: `${fmt(rssMb)} MB`,
      ok: rssMb <= 200,
    },
  ];
}

/** One line of the budget table: a ratio measured in this run, its goal, the absolute figures beside it. */
type Budget = { what: string; value: number; goal: string; figures: string; ok: boolean };

async function main(): Promise<void> {
  if (!existsSync(DB_PATH)) throw new Error(`${DB_PATH} not found: run npm run data:synthetic first`);
  const db = new Database(DB_PATH, { readonly: true });

  if (EXPLAIN) {
    for (const [label, filter] of [
      ["no filter", { fiscalYear: FISCAL_YEAR }],
      [`filter ${FILTERED_QUERY}`, { fiscalYear: FISCAL_YEAR, ...FILTERED }],
    ] as const) {
      console.log(`\n######## report queries, ${label}, FY${FISCAL_YEAR}, today ${TODAY}`);
      for (const { name, query } of reportQueries(db, filter, TODAY))
        console.log(`\n== ${name}\n${explain(db, query)}`);
    }
    db.close();
    return;
  }
  if (!SKIP_HTTP && !existsSync(SERVER_SCRIPT)) throw new Error(`${SERVER_SCRIPT} not found: run npm run build first`);

  const counts = db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM "Staff") AS "staff", (SELECT COUNT(*) FROM "Assignment") AS "assignments",
         (SELECT MAX("id") FROM "QuizAttempt") AS "attempts", (SELECT MAX("id") FROM "AttemptAnswer") AS "answers"`,
    )
    .get() as Record<string, number>;
  const sizeMb = statSync(DB_PATH).size / 1024 / 1024;
  console.log(`Mamori bench — ${new Date().toISOString()}`);
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 1024 ** 3).toFixed(1)} GB RAM, node ${process.version}`,
  );
  console.log(
    `database: ${DB_PATH} (${fmt(sizeMb)} MB) — ${counts.staff} staff, ${counts.assignments} assignments, ~${counts.attempts} attempts, ~${counts.answers} answers; today ${TODAY} (FY${FISCAL_YEAR})`,
  );
  console.log(
    `duration ${DURATION} s per route (reports ${REPORT_DURATION} s); connections ${CONNECTIONS} (quiz ${QUIZ_CONNECTIONS}, reports ${REPORT_CONNECTIONS}); filtered report: ?${FILTERED_QUERY}; Accept-Encoding: ${ACCEPT_ENCODING ?? "none (uncompressed)"}\n`,
  );

  const http = SKIP_HTTP ? null : await measureHttp(db);
  const floors = SKIP_CLI ? null : readFloors(db);
  db.close();

  // --- command-line jobs on copies
  let importTiming: CliTiming | null = null;
  let importFile: { rows: number; changed: number } | null = null;
  let rollover: CliTiming | null = null;
  if (!SKIP_CLI) {
    console.log("\ntiming the command-line jobs on copies of the database");
    const env = { ...process.env };
    const importCopy = copyDatabase("import");
    try {
      const csv = staffCsv(importCopy, IMPORT_CHANGED);
      importFile = csv;
      importTiming = await timeCli("staff:import", [csv.path], { ...env, DATABASE_URL: `file:${importCopy}` });
      console.log(`  staff import: ${fmt(importTiming.seconds, 1)} s — ${importTiming.output}`);
      if (!importTiming.ok) console.log(`  ${importTiming.log.slice(0, 15).join("\n  ")}`);
      rmSync(csv.path, { force: true });
    } finally {
      removeDatabase(importCopy);
    }
    const rolloverCopy = copyDatabase("rollover");
    try {
      rollover = await timeCli("assign", ["--fiscal-year", String(FISCAL_YEAR + 1)], {
        ...env,
        DATABASE_URL: `file:${rolloverCopy}`,
      });
      console.log(`  rollover FY${FISCAL_YEAR + 1}: ${fmt(rollover.seconds, 1)} s — ${rollover.output}`);
    } finally {
      removeDatabase(rolloverCopy);
    }
  }

  // --- figures and budgets (issue 8)
  const budgets: Budget[] = http ? printHttp(http) : [];
  if (importTiming || rollover) {
    console.log("\n=== command-line jobs (each on a fresh copy of the database)");
    if (importTiming && importFile) {
      console.log(
        `staff import, ${importFile.rows} rows (${importFile.changed} changed): ${fmt(importTiming.seconds, 1)} s, peak memory ${importTiming.peakMb === null ? "—" : `${fmt(importTiming.peakMb)} MB`}${importTiming.ok ? "" : " (FAILED)"}`,
      );
    }
    if (rollover) {
      console.log(
        `fiscal-year rollover FY${FISCAL_YEAR + 1}: ${fmt(rollover.seconds, 1)} s, peak memory ${rollover.peakMb === null ? "—" : `${fmt(rollover.peakMb)} MB`}${rollover.ok ? "" : " (FAILED)"}`,
      );
    }
    if (floors)
      console.log(
        `their floors, read straight with better-sqlite3 (median of 5): the import's staff rows ${fmt(floors.importMs)} ms, the rollover's people and held assignments ${fmt(floors.rolloverMs)} ms`,
      );
  }

  if (importTiming && floors) {
    budgets.push({
      what: "staff import ÷ reading its rows",
      value: ratio(importTiming.seconds * 1000, floors.importMs),
      goal: "≤ 3.00",
      figures: `${fmt(importTiming.seconds, 1)} s vs ${fmt(floors.importMs)} ms`,
      ok: importTiming.ok && importTiming.seconds * 1000 <= 3 * floors.importMs,
    });
  }
  if (rollover && floors) {
    budgets.push({
      what: "rollover ÷ reading its rows",
      value: ratio(rollover.seconds * 1000, floors.rolloverMs),
      goal: "≤ 3.00",
      figures: `${fmt(rollover.seconds, 1)} s vs ${fmt(floors.rolloverMs)} ms`,
      ok: rollover.ok && rollover.seconds * 1000 <= 3 * floors.rolloverMs,
    });
  }
  console.log("\n=== budgets (issue 22: ratios within this run)");
  console.log(`${"budget".padEnd(42)} ${"ratio".padStart(7)} ${"goal".padEnd(7)} ${"verdict".padEnd(12)} figures`);
  for (const b of budgets)
    console.log(
      `${b.what.padEnd(42)} ${fmt(b.value, 2).padStart(7)} ${b.goal.padEnd(7)} ${(Number.isFinite(b.value) ? (b.ok ? "met" : "NOT met") : "not measured").padEnd(12)} ${b.figures}`,
    );
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
} finally {
  await stopAll();
}
