import { Prisma } from "~/generated/prisma/client.ts";
import { isPostgresUrl } from "./database-url.ts";
import { env } from "./env.server.ts";

/** Which SQL the database speaks, from DATABASE_URL. */
export const dialect: "sqlite" | "postgresql" = isPostgresUrl(env.DATABASE_URL) ? "postgresql" : "sqlite";

/**
 * An instant as a value comparable with a DateTime column in raw SQL.
 * Prisma stores DateTime in SQLite as ISO text with "+00:00", so text
 * comparison is instant comparison there; PostgreSQL has real timestamps
 * (UTC, without zone) and needs a typed value.
 */
export function sqlInstant(instant: Date): Prisma.Sql {
  const iso = instant.toISOString();
  return dialect === "postgresql"
    ? Prisma.sql`CAST(${iso.replace("Z", "")} AS TIMESTAMP(3))`
    : Prisma.sql`${iso.replace("Z", "+00:00")}`;
}

/** A boolean column read by raw SQL: SQLite gives 0 or 1 (or NULL), PostgreSQL true or false. */
export function sqlBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === 1n;
}

/** A Json column read by raw SQL: SQLite gives its text, PostgreSQL the parsed value. */
export function sqlJson(value: unknown): unknown {
  return typeof value === "string" ? JSON.parse(value) : value;
}

/** A value for a Json column in raw SQL. */
export function sqlJsonValue(value: unknown): Prisma.Sql {
  const text = JSON.stringify(value);
  return dialect === "postgresql" ? Prisma.sql`CAST(${text} AS JSONB)` : Prisma.sql`${text}`;
}

/** An aggregate joining a text column's values with commas (NULL for no rows). */
export function sqlCommaList(column: Prisma.Sql): Prisma.Sql {
  return dialect === "postgresql" ? Prisma.sql`string_agg(${column}, ',')` : Prisma.sql`group_concat(${column}, ',')`;
}

/**
 * Rows bound as one JSON value and read back as a table with the given
 * columns (SELECT … FROM it, aliased by the caller): one bound value for a
 * whole batch instead of one per cell. Prisma handles every bound value on
 * the event loop; 2,000 rows of six values took four times as long as a
 * multi-row VALUES list than as JSON. SQLite reads it with json_each,
 * PostgreSQL with jsonb_array_elements; each cell is cast to its type.
 */
export function sqlJsonRows(
  rows: readonly (readonly unknown[])[],
  columns: readonly { name: string; type: "INTEGER" | "TEXT" }[],
): Prisma.Sql {
  const cells = columns.map(({ name, type }, i) => `CAST("value" ->> ${i} AS ${type}) AS "${name}"`).join(", ");
  const json = JSON.stringify(rows);
  const source =
    dialect === "postgresql"
      ? Prisma.sql`jsonb_array_elements(CAST(${json} AS JSONB))`
      : Prisma.sql`json_each(${json})`;
  return Prisma.sql`SELECT ${Prisma.raw(cells)} FROM ${source}`;
}

/**
 * Joins each row to the elements of its JSON array of text `column`, as
 * rows of a table aliased `alias` with the one column "value": SQLite's
 * json_each, PostgreSQL's jsonb_array_elements_text (LATERAL).
 */
export function sqlJoinJsonTextArray(column: Prisma.Sql, alias: string): Prisma.Sql {
  return dialect === "postgresql"
    ? Prisma.sql`CROSS JOIN LATERAL jsonb_array_elements_text(${column}) AS ${Prisma.raw(`"${alias}"("value")`)}`
    : Prisma.sql`CROSS JOIN json_each(${column}) AS ${Prisma.raw(`"${alias}"`)}`;
}
