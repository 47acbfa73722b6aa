import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { createStaff } from "./factories.ts";

const cli = (script: string, ...args: string[]) =>
  JSON.parse(
    execFileSync("node_modules/.bin/tsx", [script, ...args], { env: process.env, encoding: "utf8" })
      .trim()
      .split("\n")
      .at(-1)!,
  );

describe("backup and restore", () => {
  it("round-trips the database: an online backup, later changes, a restore brings the backup back", async () => {
    const kept = await createStaff({ name: "バックアップ 前" });
    const file = `tests/.tmp/backup-${randomUUID()}.db`;
    // The app's client stays connected: the backup is taken online.
    expect(cli("app/cli/db-backup.ts", file)).toMatchObject({ backup: file, integrity: "ok" });

    const later = await createStaff({ name: "バックアップ 後" });
    await db.$disconnect(); // restore is done with the app stopped
    expect(cli("app/cli/db-restore.ts", file)).toMatchObject({ from: file });

    expect(await db.staff.findUnique({ where: { id: kept.id } })).toMatchObject({ name: "バックアップ 前" });
    expect(await db.staff.findUnique({ where: { id: later.id } })).toBeNull();
  });

  it("refuses to restore a file that is not a sound SQLite database", () => {
    const bogus = `tests/.tmp/bogus-${randomUUID()}.db`;
    execFileSync("sh", ["-c", `printf 'not a database' > ${bogus}`]);
    expect(() =>
      execFileSync("node_modules/.bin/tsx", ["app/cli/db-restore.ts", bogus], { env: process.env, stdio: "pipe" }),
    ).toThrow();
  });
});
