import Database from "better-sqlite3";
import type { Prisma } from "~/generated/prisma/client.ts";
import { sqliteFilePath } from "./database-url.ts";
import { CACHE_SIZE, db } from "./db.server.ts";
import { env } from "./env.server.ts";
import { dialect } from "./sql-dialect.server.ts";

/**
 * Reads that every learner page makes (the signed-in person, the
 * assignment's progress; on the home page the pending bulletins and the
 * question of the month), outside any transaction. On SQLite they run on a
 * read-only better-sqlite3 connection of their own, each statement prepared
 * once: through Prisma a raw read costs about a millisecond of CPU on the
 * one thread that serves every request (its request pipeline, and the
 * statement prepared again each time), SQLite itself a few hundredths of
 * that. In WAL mode a reader sees every committed transaction. On
 * PostgreSQL they go through Prisma as before.
 *
 * Never for a read inside a transaction: this connection does not see the
 * transaction's own writes. Results come as SQLite gives them (text for a
 * DateTime: read it with sqlDate).
 */
/** Statements kept per connection; the statements that come here are a handful of fixed texts. */
const MAX_STATEMENTS = 64;

/** A connection's statements, each prepared once (the read and the write connection). */
export class StatementCache {
  readonly #statements = new Map<string, Database.Statement>();
  constructor(private readonly connection: Database.Database) {}

  prepared(text: string): Database.Statement {
    let statement = this.#statements.get(text);
    if (!statement) {
      if (this.#statements.size >= MAX_STATEMENTS) this.#statements.clear();
      statement = this.connection.prepare(text);
      this.#statements.set(text, statement);
    }
    return statement;
  }
}

let statements: StatementCache | undefined;

function prepared(text: string): Database.Statement {
  if (!statements) {
    const connection = new Database(sqliteFilePath(env.DATABASE_URL), { readonly: true, fileMustExist: true });
    connection.pragma(`cache_size = ${CACHE_SIZE}`);
    statements = new StatementCache(connection);
  }
  return statements.prepared(text);
}

// Prisma binds whole numbers as INTEGER and booleans as 0/1; better-sqlite3 binds numbers as REAL.
export const bindable = (values: unknown[]) =>
  values.map((v) =>
    typeof v === "number" && Number.isInteger(v) ? BigInt(v) : typeof v === "boolean" ? Number(v) : v,
  );

/** The rows of a read made with Prisma.sql. Counted by tests through `reads.rows`. */
export const reads = {
  async rows<T>(query: Prisma.Sql): Promise<T[]> {
    if (dialect === "postgresql") return db.$queryRaw<T[]>(query);
    return prepared(query.sql).all(...bindable(query.values)) as T[];
  },
};

/** A DateTime column read raw: Prisma gives a Date, the SQLite connection its ISO text. */
export function sqlDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(String(value));
}
