import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { expect, test } from "@playwright/test";

// The README's "Running in production", followed literally: `npm start`
// with SESSION_SECRET (and where to listen), in an environment that sets no
// NODE_ENV — as a city's server would have it. The build is the one the
// other browser tests share (`npm run build` in the README's first line).
const DB = "tests/.tmp/production.db";
const PORT = 3203;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const SECRET = "a-city-secret-of-more-than-32-characters-0123456789";

function cityEnvironment(settings: Record<string, string>): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ["NODE_ENV", "SESSION_SECRET", "SESSION_COOKIE_SECURE", "MAMORI_DEMO"]) delete environment[name];
  return { ...environment, DATABASE_URL: `file:./${DB}`, HOST: "127.0.0.1", PORT: String(PORT), ...settings };
}

/** An npm script (`npm start`), with its output collected; resolves once it listens or exits. */
function npmStart(settings: Record<string, string>, script = ["start"]) {
  const server = spawn("npm", script, { env: cityEnvironment(settings), detached: true });
  let output = "";
  const started = new Promise<{ exitCode: number | null }>((resolve) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("listening on")) resolve({ exitCode: null });
    };
    server.stdout!.on("data", read);
    server.stderr!.on("data", read);
    server.on("exit", (exitCode) => resolve({ exitCode }));
  });
  return { server, started, output: () => output };
}

/** Stops `npm start` and everything it started (npm, the shell, node). */
function stop(server: ChildProcess) {
  if (server.exitCode === null && server.pid) process.kill(-server.pid, "SIGTERM");
}

test.beforeAll(() => {
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
    const pid = Number(execFileSync("pgrep", ["-f", "-n", "build/server/serve.js"]).toString().trim());
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
    stop(server);
  }
});

test("the demo says on start-up that it signs sessions with the public demo secret", async () => {
  test.setTimeout(60_000);
  const { server, started, output } = npmStart({ MAMORI_DEMO: "1", SESSION_COOKIE_SECURE: "false" }, ["run", "serve"]);
  await started;
  stop(server);
  expect(output()).toContain("Demo mode: sessions are signed with the public demo secret");
});
