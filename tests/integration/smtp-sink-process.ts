import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { once } from "node:events";
import { createInterface } from "node:readline";

/** The SMTP sink (tests/integration/smtp-sink.ts) in a child process. */
export async function startSmtpSink(env: Record<string, string> = {}) {
  const dir = mkdtempSync(resolve("tests/.tmp/sink-"));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "tests/integration/smtp-sink.ts"], {
    env: { ...process.env, SINK_DIR: dir, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
  const { port } = JSON.parse(line) as { port: number };
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    /** The mails received so far, oldest first. */
    mails: () =>
      readdirSync(dir)
        .filter((f) => f.endsWith(".eml"))
        .sort()
        .map((f) => readFileSync(join(dir, f))),
    stop: async () => {
      child.kill("SIGTERM");
      if (child.exitCode === null) await once(child, "exit");
    },
  };
}
