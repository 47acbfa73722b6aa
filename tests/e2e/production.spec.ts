import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { expect, test } from "@playwright/test";
import {
  cityEnvironment as environmentOf,
  descendants,
  freePort,
  npmStart as startScript,
  stop,
} from "./production-server.ts";

// The README's "Running in production", followed literally: `npm start`
// with SESSION_SECRET (and where to listen), in an environment that sets no
// NODE_ENV — as a city's server would have it. The build is the one the
// other browser tests share (`npm run build` in the README's first line).
const DB = "tests/.tmp/production.db";
const SECRET = "a-city-secret-of-more-than-32-characters-0123456789";
let PORT: number;
let ORIGIN: string;

const cityEnvironment = (settings: Record<string, string>) => environmentOf(DB, PORT, settings);
const npmStart = (settings: Record<string, string>, script?: string[]) =>
  startScript(cityEnvironment(settings), script);

test.beforeAll(async () => {
  PORT = await freePort();
  ORIGIN = `http://127.0.0.1:${PORT}`;
  rmSync(DB, { force: true });
  // Somebody to sign in as: `npm start` itself never loads demo data.
  for (const step of ["app/cli/db-setup.ts", "prisma/seed/load-demo.ts"])
    execFileSync("node_modules/.bin/tsx", [step], { env: cityEnvironment({ BCRYPT_COST: "4" }), stdio: "ignore" });
});

test("refuses to start without a SESSION_SECRET, or with a short one, and says why", async () => {
  test.setTimeout(60_000);
  for (const [settings, reason] of [
    [{}, /SESSION_SECRET must be set to a random string of at least 32 characters/],
    [{ SESSION_SECRET: "too-short-secret" }, /SESSION_SECRET is too short/],
  ] as const) {
    const { started, output } = npmStart(settings);
    const { exitCode } = await started;
    expect(exitCode).not.toBe(0);
    expect(exitCode).not.toBeNull();
    expect(output()).toMatch(reason);
    expect(output()).not.toMatch(/at .*\.js:\d+/);
  }
});

test("runs in production: production React, a Secure __Host- session cookie, no development secret", async () => {
  test.setTimeout(90_000);
  const { server, started, output } = npmStart({ SESSION_SECRET: SECRET });
  try {
    expect((await started).exitCode, output()).toBeNull();
    const { pid } = descendants(server.pid!).find((p) => p.command.includes("build/server/serve.js"))!;
    // What makes react-dom/server load its production build on the server.
    const environment = readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
    expect(environment).toContain("NODE_ENV=production");

    const page = await fetch(`${ORIGIN}/login`);
    expect(page.status).toBe(200);
    const html = await page.text();
    // The client React the page loads is the production build: React's
    // development build carries its warnings, the production build none.
    const scripts = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    const shipped = await Promise.all(scripts.map((src) => fetch(`${ORIGIN}${src}`).then((r) => r.text())));
    expect(shipped.join("\n")).not.toContain('Each child in a list should have a unique "key" prop');

    const login = await fetch(`${ORIGIN}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: ORIGIN },
      body: new URLSearchParams({ employeeNumber: "100001", password: "mamori-demo-2026" }),
    });
    expect(login.status).toBe(302);
    const cookie = login.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/^__Host-mamori=/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
  } finally {
    await stop(server);
  }
});

test("the demo says on start-up that it signs sessions with the public demo secret", async () => {
  test.setTimeout(60_000);
  const { server, started, output } = npmStart({ MAMORI_DEMO: "1", SESSION_COOKIE_SECURE: "false" }, ["run", "serve"]);
  await started;
  await stop(server);
  expect(output()).toContain("Demo mode: sessions are signed with the public demo secret");
});

test("a better-sqlite3 that does not load is named in one sentence with its fix, by npm start and npm run serve", async () => {
  test.setTimeout(90_000);
  // As on a server whose node_modules was copied from another machine, or built for another Node.js.
  const broken = { SESSION_SECRET: SECRET, NODE_OPTIONS: "--import ./tests/fixtures/broken-sqlite-binding.mjs" };
  for (const script of [["start"], ["run", "serve"]]) {
    const { started, output } = npmStart(broken, script);
    const { exitCode } = await started;
    expect(exitCode, output()).toBe(1);
    const sentence =
      /^Mamori cannot open its SQLite database because the native module better-sqlite3 is missing or was built for another Node\.js \(.*\): run npm rebuild better-sqlite3 in Mamori's folder, then start again\.$/m;
    expect(output()).toMatch(sentence);
    expect(output()).not.toContain("External error");
    expect(output()).not.toMatch(/^\s+at /m);
  }
});
