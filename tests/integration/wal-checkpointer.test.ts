import { statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sqliteFilePath } from "~/lib/database-url.ts";
import { db } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { startWalCheckpointer } from "~/lib/wal-checkpointer.server.ts";
import { createStaff } from "./factories.ts";

const file = () => sqliteFilePath(env.DATABASE_URL);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the WAL checkpointer", () => {
  it("copies committed pages into the database file from its own thread, and stops when asked", async () => {
    const stop = await startWalCheckpointer();
    try {
      // The app's connection now leaves checkpoints to the thread.
      expect(await db.$queryRawUnsafe("PRAGMA wal_autocheckpoint")).toEqual([{ wal_autocheckpoint: 10000n }]);
      await sleep(1_000); // whatever the test database's WAL held is copied by now
      const before = statSync(file()).mtimeMs;
      await createStaff({ name: "チェックポイント 確認" });
      // A commit goes to the WAL only; the thread then writes it into the file.
      expect(statSync(file()).mtimeMs).toBe(before);
      await sleep(1_000);
      expect(statSync(file()).mtimeMs).toBeGreaterThan(before);
    } finally {
      await stop();
      await db.$queryRawUnsafe("PRAGMA wal_autocheckpoint = 1000");
    }
  });
});
