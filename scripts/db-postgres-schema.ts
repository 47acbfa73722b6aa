/**
 * `npm run db:postgres-schema [-- --check]`: writes prisma/postgres/schema.prisma
 * from prisma/schema.prisma, the one source of truth, for PostgreSQL
 * deployments. --check exits 1 if the file on disk is stale (CI runs it via
 * tests/unit/postgres-schema.test.ts).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { postgresSchema } from "./lib/postgres-schema.ts";

const target = "prisma/postgres/schema.prisma";
const wanted = postgresSchema(readFileSync("prisma/schema.prisma", "utf8"));
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {
    // missing counts as stale
  }
  if (current !== wanted) {
    console.error(`${target} is stale: run npm run db:postgres-schema`);
    process.exit(1);
  }
  console.log(`${target} matches prisma/schema.prisma`);
} else {
  writeFileSync(target, wanted);
  console.log(`wrote ${target}`);
}
