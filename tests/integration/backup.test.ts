import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { copyFileSync, existsSync, writeFileSync } from "node:fs";
import { runTsx } from "./cli.ts";
import { createStaff } from "./factories.ts";

/** A process using the database like a server (tests/integration/database-user-process.ts). */
async function startDatabaseUser(databaseUrl: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/database-user-process.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [line] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
  expect(line).toBe("ready");
  return {
    pid: child.pid!,
    stop: async () => {
      child.kill("SIGTERM");
      if (child.exitCode === null) await once(child, "exit");
    },
  };
}

/** A database file of its own, copied from this test file's, and a backup of it. */
async function databaseWithBackup() {
  const file = `./tests/.tmp/restore-${randomUUID()}.db`;
  copyFileSync(process.env.DATABASE_URL!.replace(/^file:(\.\/)?/, ""), file);
  const backup = `tests/.tmp/restore-backup-${randomUUID()}.db`;
  const env = { ...process.env, DATABASE_URL: `file:${file}` };
  expect((await runTsx("app/cli/db-backup.ts", [backup], env)).status).toBe(0);
  return { file, backup, env };
}

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
    // An empty file is a sound, empty SQLite database: not a backup of Mamori.
    const empty = `tests/.tmp/empty-${randomUUID()}.db`;
    writeFileSync(empty, "");
    const refused = await runTsx("app/cli/db-restore.ts", [empty]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("is not a Mamori database");
  });

  it("refuses to restore while a server uses the database, and restores once it has stopped", async () => {
    const { file, backup, env } = await databaseWithBackup();
    const server = await startDatabaseUser(env.DATABASE_URL);
    try {
      const refused = await runTsx("app/cli/db-restore.ts", [backup], env);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(`a Mamori server (process ${server.pid}) is using ${file}. Stop the server`);
      // --force overrides no live server either: the file is open.
      const forced = await runTsx("app/cli/db-restore.ts", ["--force", backup], env);
      expect(forced.status).toBe(1);
      expect(forced.stderr).toContain("another process has");
      expect(existsSync(`${file}.before-restore`)).toBe(false);
    } finally {
      await server.stop();
    }
    expect(existsSync(`${file}.lock`)).toBe(false);
    const restored = await runTsx("app/cli/db-restore.ts", [backup], env);
    expect(restored.status).toBe(0);
    expect(existsSync(`${file}.before-restore`)).toBe(true);
  });

  it("refuses while a process without the lock has the file open, and ignores a stale lock", async () => {
    const { file, backup, env } = await databaseWithBackup();
    const older = await startDatabaseUser(env.DATABASE_URL, { TAKE_LOCK: "0" });
    try {
      const refused = await runTsx("app/cli/db-restore.ts", [backup], env);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(`another process has ${file} open`);
    } finally {
      await older.stop();
    }
    // A server killed with SIGKILL leaves its lock behind, naming a process that is gone.
    const gone = spawn(process.execPath, ["-e", ""]);
    await once(gone, "exit");
    writeFileSync(`${file}.lock`, `${gone.pid}\n`);
    expect((await runTsx("app/cli/db-restore.ts", [backup], env)).status).toBe(0);
  });

  it("a server refuses to start on a database another server holds", async () => {
    const { env } = await databaseWithBackup();
    const first = await startDatabaseUser(env.DATABASE_URL);
    try {
      const second = spawn(process.execPath, ["--import", "tsx", "tests/integration/database-user-process.ts"], {
        env,
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      second.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const [code] = (await once(second, "exit")) as [number];
      expect(code).not.toBe(0);
      expect(stderr).toContain(`is in use by process ${first.pid}`);
    } finally {
      await first.stop();
    }
  });

  it("says that restoring PostgreSQL is its own tools' job", async () => {
    const { backup } = await databaseWithBackup();
    const refused = await runTsx("app/cli/db-restore.ts", [backup], {
      ...process.env,
      DATABASE_URL: "postgresql://mamori@127.0.0.1:1/mamori",
    });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("restore PostgreSQL with its own tools (pg_restore or psql");
  });
});
