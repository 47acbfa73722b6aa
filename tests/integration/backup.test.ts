import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { writeFileSync } from "node:fs";
import { runTsx } from "./cli.ts";
import { createStaff } from "./factories.ts";

const cli = async (script: string, ...args: string[]) => {
  const { status, stdout } = await runTsx(script, args);
  expect(status).toBe(0);
  return JSON.parse(stdout.trim().split("\n").at(-1)!);
};

describe("backup and restore", () => {
  it("round-trips the database: an online backup, later changes, a restore brings the backup back", async () => {
    const kept = await createStaff({ name: "バックアップ 前" });
    const file = `tests/.tmp/backup-${randomUUID()}.db`;
    // The app's client stays connected: the backup is taken online.
    expect(await cli("app/cli/db-backup.ts", file)).toMatchObject({ backup: file, integrity: "ok" });

    const later = await createStaff({ name: "バックアップ 後" });
    await db.$disconnect(); // restore is done with the app stopped
    expect(await cli("app/cli/db-restore.ts", file)).toMatchObject({ from: file });

    expect(await db.staff.findUnique({ where: { id: kept.id } })).toMatchObject({ name: "バックアップ 前" });
    expect(await db.staff.findUnique({ where: { id: later.id } })).toBeNull();
  });

  it("refuses to restore a file that is not a sound SQLite database", async () => {
    const bogus = `tests/.tmp/bogus-${randomUUID()}.db`;
    writeFileSync(bogus, "not a database");
    expect((await runTsx("app/cli/db-restore.ts", [bogus])).status).not.toBe(0);
  });
});
