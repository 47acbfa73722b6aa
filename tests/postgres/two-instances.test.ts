import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { sessionCookieFor } from "~/lib/session.server.ts";
import { freePort } from "../e2e/production-server.ts";
import { createStaff } from "../integration/factories.ts";

// Two app processes of the production build on one PostgreSQL database
// (this test file's), as behind a load balancer.
// Two ports nothing listens on, so that the answers read below are these instances'.
let origins: string[] = [];
const servers: ChildProcess[] = [];

async function start(port: number): Promise<ChildProcess> {
  const server = spawn(process.execPath, ["build/server/serve.js"], {
    env: {
      ...process.env,
      SESSION_COOKIE_SECURE: "false",
      HOST: "127.0.0.1",
      PORT: String(port),
    },
    stdio: "ignore",
  });
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill("SIGKILL");
  throw new Error(`instance on port ${port} did not start`);
}

beforeAll(async () => {
  const ports = [await freePort()];
  while (ports.length < 2) {
    const port = await freePort();
    if (!ports.includes(port)) ports.push(port);
  }
  origins = ports.map((port) => `http://127.0.0.1:${port}`);
  servers.push(...(await Promise.all(ports.map(start))));
}, 60_000);

afterAll(() => {
  for (const server of servers) server.kill("SIGTERM");
});

function post(origin: string, path: string, form: Record<string, string>, cookie?: string) {
  return fetch(`${origin}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      Origin: origin,
      "Content-Type": "application/x-www-form-urlencoded",
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(form),
  });
}

describe("two app instances on one PostgreSQL database", () => {
  it("keep a person signed in across instances: log in on one, continue on the other", async () => {
    await createStaff({ employeeNumber: "TWO001", name: "二台 太郎", password: "two-instances-123" });
    const login = await post(origins[0]!, "/login", { employeeNumber: "TWO001", password: "two-instances-123" });
    expect(login.status).toBe(302);
    const cookie = login.headers.get("Set-Cookie")!.split(";")[0]!;
    const home = await fetch(`${origins[1]}/`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("ようこそ、二台 太郎さん");
  });

  it("see the same revocation: a session ended on one is refused by the other", async () => {
    await createStaff({ employeeNumber: "TWO003", password: "two-instances-123" });
    const signIn = async () => {
      const login = await post(origins[0]!, "/login", { employeeNumber: "TWO003", password: "two-instances-123" });
      return login.headers.get("Set-Cookie")!.split(";")[0]!;
    };
    const homeOn = async (origin: string, cookie: string) =>
      (await fetch(`${origin}/`, { headers: { Cookie: cookie }, redirect: "manual" })).status;

    const loggedOut = await signIn();
    expect(await homeOn(origins[1]!, loggedOut)).toBe(200);
    expect((await post(origins[0]!, "/logout", {}, loggedOut)).status).toBe(302);
    expect(await homeOn(origins[1]!, loggedOut)).toBe(302);

    const [office, home] = [await signIn(), await signIn()];
    await db.staff.update({ where: { employeeNumber: "TWO003" }, data: { sessionVersion: { increment: 1 } } });
    expect(await homeOn(origins[0]!, office)).toBe(302);
    expect(await homeOn(origins[1]!, home)).toBe(302);
  });

  it("count failed logins across both instances towards one lockout, a burst at once included", async () => {
    await createStaff({ employeeNumber: "TWO002", password: "two-instances-123" });
    const burst = await Promise.all(
      Array.from({ length: 14 }, (_, i) =>
        post(origins[i % 2]!, "/login", { employeeNumber: "TWO002", password: "wrong" }),
      ),
    );
    expect(burst.map((response) => response.status)).toEqual(Array(14).fill(401));
    // Each checked guess took one step of the count; the rest met the lock unchecked.
    const person = await db.staff.findUniqueOrThrow({ where: { employeeNumber: "TWO002" } });
    expect(person.failedLogins).toBe(5);
    expect(person.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    const locked = await post(origins[1]!, "/login", { employeeNumber: "TWO002", password: "two-instances-123" });
    expect(locked.status).toBe(401);
  });

  it("lose no quiz submission sent to both instances at once", async () => {
    const learners = await Promise.all(
      Array.from({ length: 30 }, (_, i) => createStaff({ employeeNumber: `TWQ${String(i).padStart(3, "0")}` })),
    );
    const jobs = await Promise.all(
      learners.map(async (learner, i) => {
        const assignment = await db.assignment.create({
          data: {
            staffId: learner.id,
            trackId: "annual-refresher",
            cycleKey: "FY2026",
            fiscalYear: 2026,
            dueDate: "2026-12-31",
          },
        });
        const cookie = await sessionCookieFor({ staffId: learner.id, sessionVersion: 0 });
        const started = await post(origins[i % 2]!, `/learn/${assignment.id}/quiz`, { intent: "start" }, cookie);
        expect(started.status).toBe(302);
        const attempt = await db.quizAttempt.findUniqueOrThrow({ where: { openFor: assignment.id } });
        return { assignment, attempt, cookie, origin: origins[(i + 1) % 2]! };
      }),
    );
    const results = await Promise.all(
      jobs.map(({ assignment, attempt, cookie, origin }) =>
        post(origin, `/learn/${assignment.id}/quiz`, { intent: "submit", attemptId: String(attempt.id) }, cookie),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(jobs.map(() => 302));
    const stored = await db.quizAttempt.count({
      where: { id: { in: jobs.map((j) => j.attempt.id) }, submittedAt: { not: null } },
    });
    expect(stored).toBe(jobs.length);
    expect(await db.attemptAnswer.count({ where: { attemptId: { in: jobs.map((j) => j.attempt.id) } } })).toBe(
      jobs.length * 15,
    );
  });
});
