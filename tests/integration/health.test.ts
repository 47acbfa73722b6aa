import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { handleError } from "~/entry.server.tsx";
import { db } from "~/lib/db.server.ts";
import { loader } from "~/routes/healthz.ts";
import {
  noteDatabaseError,
  PROBE_EVERY_MS,
  WRITE_ERROR_WINDOW_MS,
  writeFailureReason,
} from "~/services/health.server.ts";

const PACKAGE_VERSION = (JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version;

type HealthBody = {
  status: string;
  version: string;
  commit: string;
  contentRelease: { id: number; hash: string } | null;
  database: string;
};

async function health() {
  const response = await loader();
  return { status: response.status, body: (await response.json()) as HealthBody };
}

/** An error as the database driver raises it when the disk is full (SQLite's and PostgreSQL's words). */
function fullDiskError() {
  return Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL", cause: { code: "53100" } });
}

afterEach(() => vi.useRealTimers());

describe("/healthz", () => {
  it("says ok with the version, the commit and the content release, and writes its probe row", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-25T00:00:00Z"));
    const { status, body } = await health();
    expect(status).toBe(200);
    const release = await db.contentRelease.findFirst({ orderBy: { id: "desc" } });
    expect(body).toEqual({
      status: "ok",
      version: PACKAGE_VERSION,
      commit: expect.stringMatching(/^([0-9a-f]{7,40}|unknown)$/),
      contentRelease: { id: release!.id, hash: release!.hash.slice(0, 12), publishedAt: expect.any(String) },
      database: "ok",
    });
    expect(await db.healthProbe.findUnique({ where: { id: 1 } })).toEqual({
      id: 1,
      probedAt: new Date("2026-11-25T00:00:00Z"),
    });
  });

  it("writes at most once every few seconds, however often it is asked", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = new Date("2026-11-25T01:00:00Z").getTime();
    vi.setSystemTime(start);
    await health();
    for (let ms = 100; ms < PROBE_EVERY_MS; ms += 700) {
      vi.setSystemTime(start + ms);
      await Promise.all([health(), health()]);
    }
    expect((await db.healthProbe.findUnique({ where: { id: 1 } }))?.probedAt).toEqual(new Date(start));
    vi.setSystemTime(start + PROBE_EVERY_MS);
    await health();
    expect((await db.healthProbe.findUnique({ where: { id: 1 } }))?.probedAt).toEqual(new Date(start + PROBE_EVERY_MS));
  });

  it("answers 503 with the reason after the app met a failed write, and recovers by itself", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = new Date("2026-11-25T02:00:00Z").getTime();
    vi.setSystemTime(start);
    // As Remix reports an action's error: the request failed on a full disk.
    handleError(fullDiskError(), {
      request: new Request("http://localhost/learn/1/quiz", { method: "POST" }),
      params: {},
      context: { clientAddress: "203.0.113.7" },
    });
    expect(await health()).toMatchObject({
      status: 503,
      body: { status: "unavailable", database: "the database's disk is full" },
    });
    vi.setSystemTime(start + WRITE_ERROR_WINDOW_MS + 1);
    expect(await health()).toMatchObject({ status: 200, body: { status: "ok", database: "ok" } });
  });

  it("takes only errors that say the database cannot write as a reason", async () => {
    noteDatabaseError(new Error("Unique constraint failed on the fields: (`employeeNumber`)"));
    expect(await health()).toMatchObject({ status: 200 });
    expect(writeFailureReason(new Error("Unique constraint failed"))).toBeNull();
    expect(writeFailureReason(new Error("attempt to write a readonly database"))).toBe("the database is read-only");
    expect(writeFailureReason({ cause: { originalCode: "53100", originalMessage: "could not extend file" } })).toBe(
      "the database's disk is full",
    );
    expect(
      writeFailureReason(new Error("x", { cause: Object.assign(new Error("connect"), { code: "ECONNREFUSED" }) })),
    ).toBe("the database cannot be reached");
  });
});
