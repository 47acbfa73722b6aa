import pg from "pg";
import { runTsx } from "../integration/cli.ts";

export const TEMPLATE = "mamori_test_template";

/** The server's URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Builds one PostgreSQL database from the PostgreSQL migrations, base data
 * and content; every test file then gets its own copy (CREATE DATABASE …
 * TEMPLATE), as the SQLite suite copies a file.
 */
export default async function buildTemplateDatabase() {
  const url = process.env.DATABASE_URL ?? "";
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(
      "npm run test:postgres needs DATABASE_URL=postgresql://user@host:port/db of a reachable PostgreSQL server",
    );
  }
  process.env.MAMORI_POSTGRES_SERVER = url;
  const admin = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await admin.connect();
  const old = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'mamori_test_%'");
  for (const { datname } of old.rows) {
    await admin.query(`ALTER DATABASE "${datname}" IS_TEMPLATE false`);
    await admin.query(`DROP DATABASE "${datname}" WITH (FORCE)`);
  }
  await admin.query(`CREATE DATABASE "${TEMPLATE}"`);
  // Asynchronously, so that vitest's main process keeps answering its workers (see the SQLite setup).
  const setup = await runTsx("app/cli/db-setup.ts", [], {
    ...process.env,
    DATABASE_URL: withDatabase(url, TEMPLATE),
    BCRYPT_COST: "4",
    MAMORI_TODAY: "2026-11-25",
  });
  if (setup.status !== 0) throw new Error(`the test database could not be built:\n${setup.stderr}`);
  await admin.query(`ALTER DATABASE "${TEMPLATE}" IS_TEMPLATE true`);
  await admin.end();
}
