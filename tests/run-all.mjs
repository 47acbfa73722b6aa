// `npm test`: every check in turn — the typecheck and the lint (each counts
// as one test); one production build; vitest (unit + integration on
// SQLite); the integration suite again on PostgreSQL when POSTGRES_TEST_URL
// names a reachable server (CI starts one); then Playwright against the
// build — and one line adding them all up, read from the runners' JSON
// reports so that a run that executed nothing shows as "0 passed". Exits
// non-zero when anything failed or did not run.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

const results = "test-results";
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

function run(command, args, env = process.env) {
  console.log(`\n$ ${command} ${args.join(" ")}`);
  return spawnSync(command, args, { stdio: "inherit", env }).status === 0;
}

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
}

const vitestArgs = (file) => ["--reporter=default", "--reporter=json", `--outputFile.json=${results}/${file}`];
const runs = [
  { ok: run("npx", ["tsc"]), kind: "check" },
  { ok: run("npx", ["eslint", "."]) && run("npx", ["prettier", "--check", "."]), kind: "check" },
];
const buildOk = run("npm", ["run", "build"]);
runs.push({ ok: run("npx", ["vitest", "run", ...vitestArgs("vitest.json")]), report: "vitest.json", kind: "vitest" });
if (process.env.POSTGRES_TEST_URL) {
  const env = { ...process.env, DATABASE_URL: process.env.POSTGRES_TEST_URL, MAMORI_TEST_POSTGRES: "1" };
  runs.push({
    ok: run("npx", ["vitest", "run", "--project", "postgres", ...vitestArgs("vitest-postgres.json")], env),
    report: "vitest-postgres.json",
    kind: "vitest",
  });
} else {
  console.log(
    "\nPOSTGRES_TEST_URL is not set: the PostgreSQL suite does not run (see README, Running for many municipalities)",
  );
}
runs.push({ ok: buildOk && run("npx", ["playwright", "test"]), report: "playwright.json", kind: "playwright" });

const counts = { passed: 0, failed: 0, skipped: 0 };
for (const { ok, report, kind } of runs) {
  // The typecheck and the lint count as one test each.
  if (kind === "check") {
    counts[ok ? "passed" : "failed"] += 1;
    continue;
  }
  const json = readJson(`${results}/${report}`);
  let failed = 0;
  if (json && kind === "vitest") {
    counts.passed += json.numPassedTests;
    failed = json.numFailedTests;
    counts.skipped += json.numPendingTests + json.numTodoTests;
  } else if (json) {
    counts.passed += json.stats.expected;
    failed = json.stats.unexpected + json.stats.flaky;
    counts.skipped += json.stats.skipped;
  }
  // A runner that failed without reporting a failed test counts as one failure, not zero.
  counts.failed += !ok && failed === 0 ? 1 : failed;
}

const summary = `${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ""}`;
writeFileSync(`${results}/summary.txt`, `${summary}\n`);
console.log(`\n${summary}`);
process.exit(counts.failed === 0 && runs.every((r) => r.ok) ? 0 : 1);
