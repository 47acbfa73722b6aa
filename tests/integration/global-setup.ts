import { mkdirSync, rmSync } from "node:fs";
import { run } from "./cli.ts";

export const TEMPLATE_DB = "tests/.tmp/template.db";

/**
 * Builds one database from the migrations and base data; every test file
 * then works on its own copy of it (tests/integration/setup-db.ts), which is
 * far faster than migrating per file. Asynchronously: this runs in vitest's
 * main process while the unit tests already run, and a synchronous child
 * process would keep it from answering their workers for as long as it
 * runs (past a minute, vitest fails the run with "Timeout calling
 * onTaskUpdate").
 */
export default async function buildTemplateDatabase() {
  rmSync("tests/.tmp", { recursive: true, force: true });
  mkdirSync("tests/.tmp", { recursive: true });
  const setup = await run("npx", ["tsx", "app/cli/db-setup.ts"], {
    env: { ...process.env, DATABASE_URL: `file:./${TEMPLATE_DB}`, BCRYPT_COST: "4", MAMORI_TODAY: "2026-11-25" },
  });
  if (setup.status !== 0) throw new Error(`the test database could not be built:\n${setup.stderr}`);
}
