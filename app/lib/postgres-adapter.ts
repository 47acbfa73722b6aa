import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

const NAME = 19;
const CHAR = 18;
const TEXT = 25;

type Result = { fields?: { dataTypeID: number }[] };

/** Reports PostgreSQL's catalog types `name` and `"char"` as text, which Prisma's adapter can read. */
function asText<T>(result: T): T {
  for (const field of (result as Result)?.fields ?? []) {
    if (field.dataTypeID === NAME || field.dataTypeID === CHAR) field.dataTypeID = TEXT;
  }
  return result;
}

function patchQuery<T extends { query: (...args: never[]) => unknown }>(queryable: T): T {
  const query = queryable.query.bind(queryable) as (...args: unknown[]) => unknown;
  (queryable as { query: unknown }).query = (...args: unknown[]) => {
    const result = query(...args);
    return result instanceof Promise ? result.then(asText) : result;
  };
  return queryable;
}

/**
 * `prisma migrate deploy` reads PostgreSQL's catalogs, whose `name` columns
 * the adapter cannot deserialize (prisma/orm#27403). This pool hands those
 * columns over as text; only the migration CLI needs it (prisma.config.ts).
 */
class CatalogReadablePool extends pg.Pool {
  constructor(config: pg.PoolConfig) {
    super(config);
    patchQuery(this);
  }

  // pg calls connect() with a callback inside Pool.query, and without one elsewhere.
  override connect(): Promise<pg.PoolClient>;
  override connect(
    callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): void;
  override connect(
    callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ) {
    if (callback) {
      return super.connect((err, client, done) => callback(err, client && patchQuery(client), done));
    }
    return super.connect().then(patchQuery);
  }
}

/** The driver adapter for the migration CLI on PostgreSQL. */
export function migrationAdapter(connectionString: string): PrismaPg {
  return new PrismaPg(new CatalogReadablePool({ connectionString }));
}
