import { Writable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createLogger,
  loggedPath,
  logRequest,
  noteSignedInStaff,
  requestIdFor,
  runWithRequestContext,
} from "~/lib/log.server.ts";

/** A logger whose lines are kept, parsed. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      callback();
    },
  });
  return { logger: createLogger({ level: "info", format: "json" }, destination), lines };
}

/** What the server's own logger (`log`) writes to standard output during `act`, as parsed lines. */
async function stdoutLines(act: () => unknown): Promise<Record<string, unknown>[]> {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    written.push(chunk.toString());
    return true;
  });
  try {
    await act();
  } finally {
    spy.mockRestore();
  }
  return written
    .join("")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

afterEach(() => vi.restoreAllMocks());

describe("the log", () => {
  it("writes one JSON line per event with an ISO time and the level's name", () => {
    const { logger, lines } = capture();
    logger.info({ port: 8080 }, "listening");
    expect(lines).toEqual([
      { level: "info", time: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/), port: 8080, msg: "listening" },
    ]);
  });

  it("puts the request's id and the signed-in staff id on what is logged while the request is answered", async () => {
    const { logger, lines } = capture();
    await runWithRequestContext({ id: "req-1" }, async () => {
      logger.warn("before sign-in is known");
      await Promise.resolve();
      noteSignedInStaff(42);
      logger.error({ err: new Error("boom") }, "request failed");
    });
    logger.info("outside any request");
    expect(lines[0]).toMatchObject({ reqId: "req-1", msg: "before sign-in is known" });
    expect(lines[0]).not.toHaveProperty("staffId");
    expect(lines[1]).toMatchObject({
      reqId: "req-1",
      staffId: 42,
      err: { message: "boom", stack: expect.stringContaining("Error: boom") },
    });
    expect(lines[2]).not.toHaveProperty("reqId");
  });

  it("never writes fields named password, token or cookie", () => {
    const { logger, lines } = capture();
    logger.info({ password: "mamori-demo-2026", form: { token: "abc", cookie: "__mamori=x" } }, "oops");
    expect(JSON.stringify(lines)).not.toMatch(/mamori-demo-2026|abc|__mamori/);
  });

  it("logs a request as one line: time, id, method, path, status, duration and staff id", async () => {
    const lines = await stdoutLines(() =>
      logRequest(
        { id: "req-2", staffId: 7 },
        { method: "POST", pathname: "/learn/3/quiz", status: 302, ms: 12.345, aborted: false },
      ),
    );
    expect(lines).toEqual([
      {
        level: "info",
        time: expect.any(String),
        reqId: "req-2",
        method: "POST",
        path: "/learn/3/quiz",
        status: 302,
        ms: 12.3,
        staffId: 7,
        msg: "request",
      },
    ]);
  });

  it("logs a 404 as its request line only, with no stack", async () => {
    const lines = await stdoutLines(() =>
      logRequest({ id: "req-3" }, { method: "GET", pathname: "/wp-login.php", status: 404, ms: 3, aborted: false }),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "info", status: 404, path: "/wp-login.php" });
    expect(JSON.stringify(lines[0])).not.toContain("stack");
  });

  it("redacts a drill link's token, whatever the case or slashes", () => {
    expect(loggedPath("/d/Zx81abcDEF_token")).toBe("/d/[redacted]");
    expect(loggedPath("/d/Zx81abcDEF_token.data")).toBe("/d/[redacted]");
    expect(loggedPath("//D/Zx81abcDEF_token/")).toBe("/d/[redacted]");
    expect(loggedPath("/drills/3/results")).toBe("/drills/3/results");
    expect(loggedPath("/login")).toBe("/login");
  });

  it("keeps a proxy's request id when it is plain, and makes one otherwise", () => {
    expect(requestIdFor("lb-7f3a.19")).toBe("lb-7f3a.19");
    expect(requestIdFor('evil\n{"level":"fatal"}')).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFor(undefined)).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFor(["a", "b"])).toMatch(/^[0-9a-f-]{36}$/);
  });
});
