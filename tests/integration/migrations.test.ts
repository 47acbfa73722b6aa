import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { run } from "./cli.ts";

type Db = InstanceType<typeof Database>;

/** Tables, columns, foreign keys and indexes, in a form that ignores SQL spelling. */
function structure(db: Db) {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((table) => [
      table,
      {
        // By name: a column added by a later migration sits last in the table.
        columns: (db.prepare(`PRAGMA table_info("${table}")`).all() as { cid: number; name: string }[])
          .map(({ cid: _cid, ...column }) => column)
          .sort((a, b) => a.name.localeCompare(b.name)),
        foreignKeys: db.prepare(`PRAGMA foreign_key_list("${table}")`).all(),
        indexes: (db.prepare(`PRAGMA index_list("${table}")`).all() as { name: string; unique: number }[])
          .map((index) => ({
            name: index.name,
            unique: index.unique,
            // Column names, not cids: a column added later has a later cid.
            columns: (db.prepare(`PRAGMA index_info("${index.name}")`).all() as { name: string }[]).map((c) => c.name),
          }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      },
    ]),
  );
}

describe("migrations", () => {
  it("build exactly the database that schema.prisma describes", async () => {
    const fromMigrations = new Database(process.env.DATABASE_URL!.replace(/^file:/, ""), { readonly: true });
    const fromSchema = new Database(":memory:");
    const { stdout: sql } = await run("npx", [
      "prisma",
      "migrate",
      "diff",
      "--from-empty",
      "--to-schema-datamodel",
      "prisma/schema.prisma",
      "--script",
    ]);
    fromSchema.exec(sql);
    expect(structure(fromMigrations)).toEqual(structure(fromSchema));
  });
});
