import { expect, it } from "vitest";
import { runTsx } from "./cli.ts";

// As on a server whose node_modules was copied from another machine, or
// built for another Node.js: better-sqlite3's compiled part does not load.
const broken = {
  ...process.env,
  DATABASE_URL: "file:./tests/.tmp/native-module.db",
  NODE_OPTIONS: "--import ./tests/fixtures/broken-sqlite-binding.mjs",
};

const SENTENCE =
  /^Mamori cannot open its SQLite database because the native module better-sqlite3 is missing or was built for another Node\.js \(.*NODE_MODULE_VERSION.*\): run npm rebuild better-sqlite3 in Mamori's folder, then start again\.\n$/;

it.each([
  ["db:setup (npm start's first step)", "app/cli/db-setup.ts", []],
  ["admin:create", "app/cli/admin-create.ts", ["--employee-number", "NM001", "--name", "管理 試験"]],
  ["staff:import", "app/cli/staff-import.ts", ["tests/fixtures/staff-utf8.csv"]],
  ["db:backup", "app/cli/db-backup.ts", ["tests/.tmp/native-module-backup.db"]],
])("%s names better-sqlite3 and npm rebuild in one sentence when it cannot load", async (_name, script, args) => {
  const { status, stdout, stderr } = await runTsx(script, args, broken);
  expect(status).toBe(1);
  expect(stderr).toMatch(SENTENCE);
  expect(stdout).toBe("");
});
