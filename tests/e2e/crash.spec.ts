import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { Connection, type Outcome } from "../integration/http-connection.ts";
import { freePort } from "./production-server.ts";
import { sessionCookieValue } from "./sessions.ts";

// A server of its own on its own database: it gets SIGKILLed mid-run.
const DB = "tests/.tmp/crash.db";
const SECRET = "crash-test-secret-of-at-least-32-characters";
let PORT: number;
let ORIGIN: string;
let env: NodeJS.ProcessEnv;

test.beforeAll(async () => {
  PORT = await freePort();
  ORIGIN = `http://127.0.0.1:${PORT}`;
  env = {
    ...process.env,
    DATABASE_URL: `file:./${DB}`,
    SESSION_SECRET: SECRET,
    SESSION_COOKIE_SECURE: "false",
    BCRYPT_COST: "4",
    MAMORI_TODAY: "2026-11-25",
    HOST: "127.0.0.1",
    PORT: String(PORT),
  };
});

/** What the server printed, for the tests that wait for a line of it. */
let serverOutput = "";

async function startServer(): Promise<ChildProcess> {
  // A server left over on the port would answer instead of ours.
  await fetch(`${ORIGIN}/healthz`).then(
    () => {
      throw new Error(`port ${PORT} is already in use`);
    },
    () => undefined,
  );
  // The server itself, not a tsx wrapper: SIGKILL must reach the process that holds the database.
  const server = spawn(process.execPath, ["build/server/serve.js"], { env, stdio: ["ignore", "pipe", "ignore"] });
  serverOutput = "";
  server.stdout!.on("data", (chunk: Buffer) => (serverOutput += chunk.toString()));
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${ORIGIN}/healthz`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill("SIGKILL");
  throw new Error("server did not start");
}

/** SIGTERM, and wait until the process is gone and the port is free. */
async function stopServer(server: ChildProcess) {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const gone = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await gone;
}

const sessionFor = async (staffId: number) => `__mamori=${await sessionCookieValue(DB, staffId, SECRET)}`;

function post(path: string, session: string, form: Record<string, string>) {
  return fetch(`${ORIGIN}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: session, Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
}

test("SIGKILL during a burst of quiz submissions loses no acknowledged submission and leaves a sound database", async () => {
  test.setTimeout(120_000);
  rmSync(DB, { force: true });
  rmSync(`${DB}-wal`, { force: true });
  rmSync(`${DB}-shm`, { force: true });
  execFileSync("node_modules/.bin/tsx", ["app/cli/db-setup.ts"], { env, stdio: "ignore" });
  const rows = ["職員番号,氏名,所属,任用形態,採用日,役割", "H00001,研修 担当,市長部局,常勤職員,2010-04-01,研修担当"];
  for (let i = 0; i < 120; i++) rows.push(`C${String(i).padStart(5, "0")},負荷 試験${i},市長部局,常勤職員,2015-04-01,`);
  writeFileSync("tests/.tmp/crash-staff.csv", `${rows.join("\r\n")}\r\n`);
  execFileSync("node_modules/.bin/tsx", ["app/cli/staff-import.ts", "tests/.tmp/crash-staff.csv"], {
    env,
    stdio: "ignore",
  });

  let server = await startServer();
  try {
    const db = new Database(DB, { readonly: true });
    const assignments = db
      .prepare(
        "SELECT a.id, a.staffId FROM Assignment a JOIN Staff s ON s.id = a.staffId WHERE s.employeeNumber LIKE 'C%' AND a.trackId = 'annual-refresher'",
      )
      .all() as { id: number; staffId: number }[];
    db.close();
    expect(assignments.length).toBe(120);

    const sessions = new Map<number, string>();
    for (const a of assignments) {
      sessions.set(a.staffId, await sessionFor(a.staffId));
      const started = await post(`/learn/${a.id}/quiz`, sessions.get(a.staffId)!, { intent: "start" });
      expect(started.headers.get("Location")).toBe(`/learn/${a.id}/quiz`);
    }
    const open = new Database(DB, { readonly: true });
    const attempts = open
      .prepare("SELECT id, assignmentId, staffId FROM QuizAttempt WHERE openFor IS NOT NULL")
      .all() as {
      id: number;
      assignmentId: number;
      staffId: number;
    }[];
    open.close();
    expect(attempts.length).toBe(120);

    // Fire every submission at once, and kill the server once some are answered.
    const acknowledged: number[] = [];
    let killed = false;
    const inFlight = attempts.map(async (attempt) => {
      try {
        const response = await post(`/learn/${attempt.assignmentId}/quiz`, sessions.get(attempt.staffId)!, {
          intent: "submit",
          attemptId: String(attempt.id),
        });
        if (response.status === 302 && response.headers.get("Location")?.includes(`/attempts/${attempt.id}`)) {
          acknowledged.push(attempt.id);
          if (acknowledged.length >= 20 && !killed) {
            killed = true;
            server.kill("SIGKILL");
          }
        }
      } catch {
        // the connection died with the server: not acknowledged
      }
    });
    await Promise.all(inFlight);
    expect(killed).toBe(true);
    expect(acknowledged.length).toBeGreaterThanOrEqual(20);

    server = await startServer();
    const after = new Database(DB, { readonly: true });
    expect(after.pragma("integrity_check", { simple: true })).toBe("ok");
    const stored = new Set(
      (after.prepare("SELECT id FROM QuizAttempt WHERE submittedAt IS NOT NULL").all() as { id: number }[]).map(
        (r) => r.id,
      ),
    );
    const answered = after.prepare("SELECT COUNT(DISTINCT attemptId) AS n FROM AttemptAnswer").get() as { n: number };
    after.close();
    for (const id of acknowledged) expect(stored.has(id), `acknowledged attempt ${id} was lost`).toBe(true);
    // A submission is stored whole or not at all: every submitted attempt has its answers.
    expect(answered.n).toBe(stored.size);
  } finally {
    await stopServer(server);
  }
});

async function waitForOutput(text: string) {
  for (let i = 0; i < 200 && !serverOutput.includes(text); i++) await new Promise((r) => setTimeout(r, 25));
  expect(serverOutput).toContain(text);
}

test("SIGTERM lets the request in flight finish, then exits cleanly; connections arriving meanwhile are refused or answered, never cut off", async () => {
  test.setTimeout(60_000);
  const server = await startServer();
  try {
    const exited = new Promise<number | null>((resolve) => server.on("exit", (code) => resolve(code)));
    const db = new Database(DB, { readonly: true });
    const hr = db.prepare("SELECT id FROM Staff WHERE employeeNumber = 'H00001'").get() as { id: number };
    db.close();
    // Browsers' kept-alive connections, idle when the stop begins.
    const keptAlive: Connection[] = [];
    for (let i = 0; i < 40; i++) {
      const connection = await Connection.open(PORT);
      if (!(connection instanceof Connection)) throw new Error(`could not connect: ${JSON.stringify(connection)}`);
      expect(await connection.get()).toMatchObject({ kind: "answered" });
      keptAlive.push(connection);
    }

    // A preview of a 10,000-row staff file takes the server a while: it is surely in flight.
    // (Not much longer: the kept-alive connections' own timeout, 5 s, must not run out meanwhile.)
    const lines = ["職員番号,氏名,所属,任用形態,採用日"];
    for (let i = 0; i < 10_000; i++)
      lines.push(`P${String(i).padStart(6, "0")},試験 ${i},市長部局,常勤職員,2020-04-01`);
    const form = new FormData();
    form.append("file", new File([lines.join("\r\n")], "big.csv"));
    const upload = fetch(`${ORIGIN}/staff/import`, {
      method: "POST",
      headers: { Cookie: await sessionFor(hr.id), Origin: ORIGIN },
      body: form,
    });
    await new Promise((r) => setTimeout(r, 300));
    server.kill("SIGTERM");
    await waitForOutput("SIGTERM: finishing requests in flight");
    const afterTheSignal = await Connection.open(PORT);
    // Their next requests come one by one while the server finishes the preview.
    const onTheKeptAlive: Promise<Outcome>[] = [];
    for (const connection of keptAlive) {
      onTheKeptAlive.push(connection.get());
      await new Promise((r) => setTimeout(r, 40));
    }

    const response = await upload;
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("新規 10000人");
    expect(await exited).toBe(0);

    const answeredAndClosed = {
      kind: "answered",
      head: expect.stringMatching(/^HTTP\/1\.1 200[^]*\r\nConnection: close$/im),
    };
    expect(afterTheSignal).toEqual({ kind: "refused" });
    for (const outcome of await Promise.all(onTheKeptAlive))
      expect([{ kind: "closed before sending" }, answeredAndClosed]).toContainEqual(outcome);
    for (const connection of keptAlive) connection.close();
    await expect(fetch(`${ORIGIN}/healthz`)).rejects.toThrow();
  } finally {
    // A failed expectation must not leave the server running on this database.
    if (server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
  }
});
