import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { postgresSchema } from "../../scripts/lib/postgres-schema.ts";

describe("the PostgreSQL schema", () => {
  it("is exactly what db:postgres-schema makes of prisma/schema.prisma (never edited by hand, never stale)", () => {
    const source = readFileSync("prisma/schema.prisma", "utf8");
    expect(readFileSync("prisma/postgres/schema.prisma", "utf8")).toBe(postgresSchema(source));
  });

  it("changes only the datasource and the client's folder", () => {
    const made = postgresSchema(
      'datasource db {\n  provider = "sqlite"\n  url = "file:../data/mamori.db"\n}\ngenerator client {\n  output = "../app/generated/prisma"\n}\nmodel A {\n  id Int @id\n}\n',
    );
    expect(made).toContain('provider = "postgresql"');
    expect(made).toContain('output       = "../../app/generated/prisma-postgres"');
    expect(made).toContain("model A {\n  id Int @id\n}");
    expect(made).not.toContain("sqlite");
  });
});
