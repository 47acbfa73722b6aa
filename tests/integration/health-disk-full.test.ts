import { execFileSync } from "node:child_process";
import { closeSync, copyFileSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { loader as healthzLoader } from "~/routes/healthz.ts";

// The database on a disk of its own (a 4 MB tmpfs, mounted by the test: it
// runs as root), filled to the last byte the way a city's log files or
// backups fill a server's disk, then freed. Only SQLite has a file to put
// there; tests/integration/health.test.ts covers both databases.
const disk = mkdtempSync(join(tmpdir(), "mamori-disk-"));
const filler = join(disk, "filler");

let loader: typeof healthzLoader;
let disconnect: () => Promise<void>;

beforeAll(async () => {
  execFileSync("mount", ["-t", "tmpfs", "-o", "size=4m", "tmpfs", disk]);
  copyFileSync("tests/.tmp/template.db", join(disk, "mamori.db"));
  // Read when the app's modules are first imported, below.
  process.env.DATABASE_URL = `file:${join(disk, "mamori.db")}`;
  ({ loader } = await import("~/routes/healthz.ts"));
  const { db } = await import("~/lib/db.server.ts");
  disconnect = () => db.$disconnect();
  vi.useFakeTimers({ toFake: ["Date"] });
});

afterAll(async () => {
  vi.useRealTimers();
  await disconnect?.();
  execFileSync("umount", [disk]);
  rmSync(disk, { recursive: true, force: true });
});

/** Fills the disk until the kernel says there is no space left. */
function fillDisk() {
  const fd = openSync(filler, "w");
  const chunk = Buffer.alloc(16 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
  } finally {
    closeSync(fd);
  }
  // The last partial block too.
  const last = openSync(filler, "a");
  try {
    for (;;) writeSync(last, Buffer.alloc(1, 1));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
  } finally {
    closeSync(last);
  }
}

/** The status, then the body: a load balancer reads the one, an operator the other. */
async function health(expectedStatus: number) {
  const response = await loader();
  expect(response.status).toBe(expectedStatus);
  return (await response.json()) as { status: string; database: string };
}

describe("/healthz on a full disk", () => {
  it("answers 503 while the database cannot write, and 200 by itself once space is back", async () => {
    vi.setSystemTime(new Date("2026-11-25T01:00:00Z"));
    expect(await health(200)).toMatchObject({ status: "ok", database: "ok" });

    fillDisk();
    vi.setSystemTime(new Date("2026-11-25T01:00:06Z"));
    expect(await health(503)).toMatchObject({ status: "unavailable", database: "the database's disk is full" });

    rmSync(filler);
    vi.setSystemTime(new Date("2026-11-25T01:00:12Z"));
    expect(await health(200)).toMatchObject({ status: "ok", database: "ok" });
  });
});
