import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";
import { databaseUrl, sqliteFilePath } from "./app/lib/database-url.ts";

// Prisma 7's CLI cannot run offline; Prisma 6.19 with the JavaScript schema
// engine and a driver adapter can (docs/decisions/001-prisma-js-engine.md).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => new PrismaBetterSQLite3({ url: `file:${sqliteFilePath(databaseUrl())}` }),
});
