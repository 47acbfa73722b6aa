import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";

export const TEMPLATE_DB = "tests/.tmp/template.db";

/**
 * Builds one database from the migrations and base data; every test file
 * then works on its own copy of it (tests/integration/setup-db.ts), which is
 * far faster than migrating per file.
 */
export default function buildTemplateDatabase() {
  rmSync("tests/.tmp", { recursive: true, force: true });
  mkdirSync("tests/.tmp", { recursive: true });
  execFileSync("npx", ["tsx", "app/cli/db-setup.ts"], {
    env: { ...process.env, DATABASE_URL: `file:./${TEMPLATE_DB}`, BCRYPT_COST: "4", MAMORI_TODAY: "2026-11-25" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}
