import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";
import { databaseUrl, isPostgresUrl, sqliteFilePath } from "./app/lib/database-url.ts";
import { migrationAdapter } from "./app/lib/postgres-adapter.ts";

// Prisma 7's CLI cannot run offline; Prisma 6.19 with the JavaScript schema
// engine and a driver adapter can (docs/decisions/001-prisma-js-engine.md).
// DATABASE_URL picks the database: "file:" is SQLite, "postgresql:" is
// PostgreSQL, each with its own schema file and migrations folder.
const url = databaseUrl();
const postgres = isPostgresUrl(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: postgres ? "prisma/postgres/migrations" : "prisma/migrations" },
  adapter: async () =>
    postgres ? migrationAdapter(url) : new PrismaBetterSQLite3({ url: `file:${sqliteFilePath(url)}` }),
});
