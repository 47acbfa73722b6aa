// `npm test`: every test runner in turn — vitest (unit + integration), one
// production build, Playwright against it — then one line adding them up,
// read from the runners' JSON reports so that a run that executed nothing
// shows as "0 passed". Exits non-zero when anything failed or did not run.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

const results = "test-results";
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

function run(command, args) {
  console.log(`\n$ ${command} ${args.join(" ")}`);
  return spawnSync(command, args, { stdio: "inherit" }).status === 0;
}

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
}

const vitestOk = run("npx", [
  "vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${results}/vitest.json`,
]);
const buildOk = run("npx", ["remix", "vite:build"]);
const playwrightOk = buildOk && run("npx", ["playwright", "test"]);

const counts = { passed: 0, failed: 0, skipped: 0 };
const vitest = readJson(`${results}/vitest.json`);
if (vitest) {
  counts.passed += vitest.numPassedTests;
  counts.failed += vitest.numFailedTests;
  counts.skipped += vitest.numPendingTests + vitest.numTodoTests;
}
const playwright = readJson(`${results}/playwright.json`);
if (playwright) {
  counts.passed += playwright.stats.expected;
  counts.failed += playwright.stats.unexpected + playwright.stats.flaky;
  counts.skipped += playwright.stats.skipped;
}
// A runner that crashed before reporting counts as one failure, not zero.
for (const [ok, report] of [[vitestOk, vitest], [playwrightOk, playwright]]) {
  if (!ok && (!report || report.numFailedTests === 0 || report.stats?.unexpected === 0)) counts.failed += 1;
}

const summary = `${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ""}`;
writeFileSync(`${results}/summary.txt`, `${summary}\n`);
console.log(`\n${summary}`);
process.exit(counts.failed === 0 && vitestOk && playwrightOk ? 0 : 1);
