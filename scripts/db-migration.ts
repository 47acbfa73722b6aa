/**
 * `npm run db:migration -- <name>`: writes the next migration offline, for
 * SQLite (prisma/migrations) and PostgreSQL (prisma/postgres/migrations).
 *
 * `prisma migrate dev` needs a shadow database that the JavaScript schema
 * engine cannot provide here, so each migration is the diff between the
 * schema as last committed (git HEAD) and the schema in the work tree. The
 * PostgreSQL schema is regenerated from prisma/schema.prisma first.
 * tests/integration/migrations.test.ts proves the SQLite migrations still
 * build exactly the schema.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { postgresSchema } from "./lib/postgres-schema.ts";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name in snake_case>");
  process.exit(2);
}

writeFileSync("prisma/postgres/schema.prisma", postgresSchema(readFileSync("prisma/schema.prisma", "utf8")));
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);

for (const { schema, migrations } of [
  { schema: "prisma/schema.prisma", migrations: "prisma/migrations" },
  { schema: "prisma/postgres/schema.prisma", migrations: "prisma/postgres/migrations" },
]) {
  const committed = committedSchema(schema);
  const from = committed ? ["--from-schema-datamodel", committed] : ["--from-empty"];
  const sql = execFileSync("npx", ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", schema, "--script"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (!/^\s*(CREATE|ALTER|DROP|INSERT|UPDATE)/im.test(sql)) {
    console.log(`${schema} has no changes since the last commit: no migration written`);
    continue;
  }
  const dir = join(migrations, `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "migration.sql"), sql);
  console.log(`wrote ${dir}/migration.sql — review it, then commit it with the schema`);
}

/** The schema file as last committed, in a temporary file; null if it was never committed. */
function committedSchema(path: string): string | null {
  try {
    const text = execFileSync("git", ["show", `HEAD:${path}`], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    const file = join(mkdtempSync(join(tmpdir(), "mamori-schema-")), "schema.prisma");
    writeFileSync(file, text);
    return file;
  } catch {
    return null;
  }
}
