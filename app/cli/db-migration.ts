/**
 * `npm run db:migration -- <name>`: writes the next migration offline.
 *
 * `prisma migrate dev` needs a shadow database that the JavaScript schema
 * engine cannot provide here, so the migration is the diff between the
 * schema as last committed (git HEAD) and the schema in the work tree.
 * tests/integration/migrations.test.ts proves the migrations still build
 * exactly the schema.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name in snake_case>");
  process.exit(2);
}

const migrationsDir = "prisma/migrations";
const hasMigrations = readdirSync(migrationsDir, { withFileTypes: true }).some((d) => d.isDirectory());
const from = hasMigrations ? ["--from-schema-datamodel", committedSchema()] : ["--from-empty"];

const sql = execFileSync(
  "npx",
  ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
  { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
);

if (!/^\s*(CREATE|ALTER|DROP|INSERT|PRAGMA|UPDATE)/im.test(sql)) {
  console.log("schema.prisma has no changes since the last commit: no migration written");
  process.exit(0);
}

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = join(migrationsDir, `${stamp}_${name}`);
mkdirSync(dir);
writeFileSync(join(dir, "migration.sql"), sql);
console.log(`wrote ${dir}/migration.sql — review it, then commit it with schema.prisma`);

function committedSchema(): string {
  const text = execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { encoding: "utf8" });
  const file = join(mkdtempSync(join(tmpdir(), "mamori-schema-")), "schema.prisma");
  writeFileSync(file, text);
  return file;
}
