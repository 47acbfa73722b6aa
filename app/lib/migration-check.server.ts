import Database from "better-sqlite3";
import { existsSync, readdirSync } from "node:fs";
import pg from "pg";
import { isPostgresUrl, sqliteFilePath } from "./database-url.ts";

/** The migrations folder this code ships for the database of `url` (as prisma.config.ts picks it). */
export function migrationsFolder(url: string): string {
  return isPostgresUrl(url) ? "prisma/postgres/migrations" : "prisma/migrations";
}

/** The migrations this code knows: the folders of its migrations folder. */
function knownMigrations(url: string): Set<string> {
  return new Set(
    readdirSync(migrationsFolder(url), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name),
  );
}

const APPLIED =
  "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name";

/** The migrations applied to the database, or none for a database not yet made. */
async function appliedMigrations(url: string): Promise<string[]> {
  if (isPostgresUrl(url)) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const table = await client.query("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present");
      if (!(table.rows[0] as { present: boolean }).present) return [];
      return (await client.query(APPLIED)).rows.map((row: { migration_name: string }) => row.migration_name);
    } finally {
      await client.end();
    }
  }
  const file = sqliteFilePath(url);
  if (!existsSync(file)) return [];
  const database = new Database(file, { readonly: true, timeout: 5_000 });
  try {
    const table = database.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'");
    if (!table.get()) return [];
    return database.prepare(APPLIED).pluck().all() as string[];
  } finally {
    database.close();
  }
}

/**
 * Refuses a downgrade: a database migrated by a newer release of Mamori has
 * migrations this code does not know. Started on it, older code would
 * republish its older content edition over the newer one and read tables
 * whose shape it does not expect. Throws a sentence for the operator.
 */
export async function refuseNewerDatabase(url: string): Promise<void> {
  const known = knownMigrations(url);
  const unknown = (await appliedMigrations(url)).filter((name) => !known.has(name));
  if (unknown.length === 0) return;
  throw new Error(
    `the database was migrated by a newer release of Mamori: migration ${unknown.join(", ")} is unknown to this one. ` +
      "Run the newer release, or restore the backup taken before the upgrade (npm run db:restore) to run this one.",
  );
}
