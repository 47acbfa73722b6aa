import { readdirSync, readFileSync } from "node:fs";
import { join, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { SETTING_NAMES } from "~/lib/env.server.ts";

// The settings schema (app/lib/env.server.ts) is the one list of settings.
// .env.example names every one of them (commented out when its default
// suits most cities); the README's table in "Running in production" names
// every one too, except that its one `LDAP_*` row stands for the directory
// settings, each of which the section "Signing in with the city's
// directory" must then name.

const README = readFileSync("README.md", "utf8");

/** The text of the README's section `title` (a "## " heading), up to the next one. */
function section(title: string): string {
  const start = README.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README has no section "${title}"`);
  const end = README.indexOf("\n## ", start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

/** The names in the first column of the settings table: `A` or `A` / `B`. */
function readmeTableNames(): string[] {
  const rows = section("Running in production")
    .split("\n")
    .filter((line) => line.startsWith("| `"));
  return rows.flatMap((row) => [...row.split("|")[1]!.matchAll(/`([A-Z][A-Z0-9_]*\*?)`/g)].map((m) => m[1]!));
}

function envExampleNames(): string[] {
  return [...readFileSync(".env.example", "utf8").matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);
}

const duplicates = (names: string[]) => names.filter((name, i) => names.indexOf(name) !== i);
const sorted = (names: Iterable<string>) => [...new Set(names)].sort();

describe("the settings", () => {
  it("are all in .env.example, once each, and nothing else is", () => {
    const names = envExampleNames();
    expect(duplicates(names)).toEqual([]);
    expect(sorted(names)).toEqual(sorted(SETTING_NAMES));
  });

  it("are all in the README's settings table, once each, and nothing else is", () => {
    const names = readmeTableNames();
    expect(duplicates(names)).toEqual([]);
    const directory = SETTING_NAMES.filter((name) => name.startsWith("LDAP_"));
    const expected = [
      ...SETTING_NAMES.filter((name) => !name.startsWith("LDAP_")),
      ...(directory.length ? ["LDAP_*"] : []),
    ];
    expect(sorted(names)).toEqual(sorted(expected));
  });

  it("of the directory are each explained in the README's directory section", () => {
    const text = section("Signing in with the city's directory");
    const missing = SETTING_NAMES.filter((name) => name.startsWith("LDAP_") && !text.includes(name));
    expect(missing).toEqual([]);
  });

  it("are read through the schema: outside it, app/ reads the environment only where it must", () => {
    // The servers set NODE_ENV before the schema is read; the database's
    // address is also read by tools that must run without the other settings
    // (prisma.config.ts, db:backup, db:restore), through database-url.ts.
    const allowed = new Set([
      "NODE_ENV app/cli/serve.ts",
      "NODE_ENV app/cli/dev.ts",
      "DATABASE_URL app/lib/database-url.ts",
    ]);
    const files = readdirSync("app", { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.parentPath.includes("generated"))
      .map((entry) => join(entry.parentPath, entry.name))
      .filter((file) => file !== join("app", "lib", "env.server.ts"));
    const reads = files.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/process\.env(?:\.([A-Za-z0-9_]+)|\[["']([A-Za-z0-9_]+)["']\]|\b)/g)].map(
        (m) => `${m[1] ?? m[2] ?? "(all)"} ${file.split(sep).join("/")}`,
      ),
    );
    expect(reads.filter((read) => !allowed.has(read))).toEqual([]);
    for (const read of allowed) expect(SETTING_NAMES).toContain(read.split(" ")[0]);
  });
});
