import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { E2E_SERVER_LOG } from "../../playwright.config.ts";
import { expect, readDatabase, test } from "./fixtures.ts";

// What an operator sees of the shared e2e server: /healthz, its log
// (E2E_SERVER_LOG) and the footer of ADMIN pages.

type LogLine = Record<string, unknown> & { msg?: string; reqId?: string };

const PACKAGE_VERSION = (JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version;

function logLines(): LogLine[] {
  return readFileSync(E2E_SERVER_LOG, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LogLine);
}

/** The lines logged for request `id`, once its request line is there (written as the response ends). */
async function linesOf(id: string): Promise<LogLine[]> {
  let lines: LogLine[] = [];
  await expect
    .poll(() => {
      lines = logLines().filter((line) => line.reqId === id);
      return lines.some((line) => line.msg === "request");
    })
    .toBe(true);
  return lines;
}

test("/healthz says ok, with the version, the commit and the content release, as the start-up line does", async ({
  request,
}) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  const health = (await response.json()) as Record<string, unknown>;
  const [release] = readDatabase<{ id: number }>("SELECT id FROM ContentRelease ORDER BY id DESC LIMIT 1");
  expect(health).toMatchObject({
    status: "ok",
    version: PACKAGE_VERSION,
    commit: expect.stringMatching(/^[0-9a-f]{7,40}$/),
    contentRelease: { id: release!.id },
    database: "ok",
  });

  const startLine = logLines().find((line) => line.msg?.startsWith("Mamori listening on"));
  // The release at start-up: browser tests that ran before this one may have published newer ones.
  expect(startLine).toMatchObject({
    level: "info",
    version: PACKAGE_VERSION,
    commit: health.commit,
    contentRelease: { id: expect.any(Number) },
  });
  expect((startLine!.contentRelease as { id: number }).id).toBeLessThanOrEqual(release!.id);
});

test("each request is one log line: id, method, path, status, duration and who was signed in", async ({
  page,
  signIn,
}) => {
  await signIn("300001");
  const [hr] = readDatabase<{ id: number }>("SELECT id FROM Staff WHERE employeeNumber = '300001'");
  const id = `e2e-${randomUUID()}`;
  const response = await page.request.get("/reports", { headers: { "X-Request-Id": id } });
  expect(response.status()).toBe(200);
  expect(response.headers()["x-request-id"]).toBe(id);
  const lines = await linesOf(id);
  expect(lines).toEqual([
    {
      level: "info",
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      reqId: id,
      method: "GET",
      path: "/reports",
      status: 200,
      ms: expect.any(Number),
      staffId: hr!.id,
      msg: "request",
    },
  ]);

  // Without an id from a proxy, the server makes one and sends it back.
  const anonymous = await page.request.get("/login");
  expect(anonymous.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
});

test("a load balancer's healthy checks stay out of the log at the default level", async ({ request }) => {
  const check = `e2e-${randomUUID()}`;
  expect((await request.get("/healthz", { headers: { "X-Request-Id": check } })).status()).toBe(200);
  // Answered after the check, so logged after it.
  const next = `e2e-${randomUUID()}`;
  await request.get("/login", { headers: { "X-Request-Id": next } });
  await linesOf(next);
  expect(logLines().filter((line) => line.reqId === check)).toEqual([]);
});

test("a scanner's unknown URLs are logged as 404 lines, without a stack trace", async ({ request }) => {
  for (const path of ["/wp-login.php", "/.env"]) {
    const id = `e2e-${randomUUID()}`;
    const response = await request.get(path, { headers: { "X-Request-Id": id } });
    expect(response.status()).toBe(404);
    const lines = await linesOf(id);
    expect(lines).toEqual([expect.objectContaining({ level: "info", path, status: 404, msg: "request" })]);
  }
});

test("a drill link's token and a sign-in form's query string never reach the log", async ({ request }) => {
  const token = randomBytes(32).toString("base64url");
  const drillId = `e2e-${randomUUID()}`;
  await request.get(`/d/${token}`, { headers: { "X-Request-Id": drillId } });
  expect(await linesOf(drillId)).toEqual([expect.objectContaining({ path: "/d/[redacted]", msg: "request" })]);

  const loginId = `e2e-${randomUUID()}`;
  await request.get("/login?redirectTo=%2Fstaff%2F42&employeeNumber=100001&password=oops-typed-in-the-url", {
    headers: { "X-Request-Id": loginId },
  });
  expect(await linesOf(loginId)).toEqual([expect.objectContaining({ path: "/login", status: 200, msg: "request" })]);

  const log = readFileSync(E2E_SERVER_LOG, "utf8");
  expect(log).not.toContain(token);
  expect(log).not.toContain("oops-typed-in-the-url");
});

test("ADMIN pages show the version and the content release in their footer; other people's pages do not", async ({
  page,
  signIn,
  request,
}) => {
  const health = (await (await request.get("/healthz")).json()) as {
    version: string;
    commit: string;
    contentRelease: { id: number; hash: string };
  };
  await signIn("900001");
  await page.goto("/admin/audit");
  const footer = page.getByRole("contentinfo");
  await expect(footer).toContainText(`守り ${health.version}（コミット ${health.commit}）`);
  await expect(footer).toContainText(`教材 第${health.contentRelease.id}版（${health.contentRelease.hash}）`);

  await page.context().clearCookies();
  await signIn("300001");
  await page.goto("/reports");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("contentinfo")).toHaveCount(0);
});
