import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { connect } from "node:net";
import { expect, test } from "@playwright/test";
import { alive, cityEnvironment, descendants, freePort, killGroup, npmStart } from "./production-server.ts";

// Docker, supervisord, pm2 and plain scripts signal the one process they
// started — here `npm start` or `npm run serve`, as the README documents
// them — not its whole process group. That signal alone must stop the
// server, and leave nothing of it running.
const SECRET = "a-city-secret-of-more-than-32-characters-0123456789";
const PREPARED_DB = "tests/.tmp/supervisor-serve.db";

/** Resolves with the error code of a connection attempt: ECONNREFUSED once nothing listens. */
function connectionOutcome(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

test.beforeAll(async () => {
  rmSync(PREPARED_DB, { force: true });
  execFileSync("node_modules/.bin/tsx", ["app/cli/db-setup.ts"], {
    env: cityEnvironment(PREPARED_DB, await freePort()),
    stdio: "ignore",
  });
});

for (const [script, signal] of [
  [["start"], "SIGTERM"],
  [["start"], "SIGINT"],
  [["run", "serve"], "SIGTERM"],
  [["run", "serve"], "SIGINT"],
] as const) {
  test(`${signal} to the pid of \`npm ${script.join(" ")}\` stops the server within 10 s and leaves no process`, async () => {
    test.setTimeout(120_000);
    const port = await freePort();
    // `npm start` as the README has it, on an empty database; `npm run serve` on one set up.
    const database = script[0] === "start" ? "tests/.tmp/supervisor-start.db" : PREPARED_DB;
    if (script[0] === "start") rmSync(database, { force: true });
    const { server, started, output } = npmStart(cityEnvironment(database, port, { SESSION_SECRET: SECRET }), [
      ...script,
    ]);
    try {
      expect((await started).exitCode, output()).toBeNull();
      const tree = descendants(server.pid!);
      expect(tree.map((p) => p.command).join("\n")).toContain("build/server/serve.js");
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

      const exited = new Promise((resolve) => server.once("exit", resolve));
      const signalled = Date.now();
      process.kill(server.pid!, signal);
      const stoppedInTime = await Promise.race([
        exited.then(() => true),
        new Promise((resolve) => setTimeout(() => resolve(false), 10_000)),
      ]);
      expect(stoppedInTime, `npm ${script.join(" ")} still runs 10 s after ${signal}`).toBe(true);
      expect(Date.now() - signalled).toBeLessThan(10_000);
      expect(await connectionOutcome(port)).toBe("ECONNREFUSED");
      const left = tree.filter((p) => alive(p.pid));
      expect(left, `still running after ${signal}: ${JSON.stringify(left)}`).toEqual([]);
      expect(output()).toContain(`${signal}: finishing requests in flight`);
    } finally {
      killGroup(server);
    }
  });
}
