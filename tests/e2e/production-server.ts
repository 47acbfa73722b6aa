import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";

/** A port nobody listens on right now, from the operating system. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The environment of a city's server: what the README's production section
 * sets (DATABASE_URL, where to listen, then `settings`) and nothing the
 * test runner happens to have (no NODE_ENV, no secret, no demo switch).
 */
export function cityEnvironment(
  database: string,
  port: number,
  settings: Record<string, string> = {},
): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ["NODE_ENV", "SESSION_SECRET", "SESSION_COOKIE_SECURE", "MAMORI_DEMO", "MAMORI_TODAY"])
    delete environment[name];
  return { ...environment, DATABASE_URL: `file:./${database}`, HOST: "127.0.0.1", PORT: String(port), ...settings };
}

/**
 * An npm script (`npm start`) as an operator runs it, in a process group of
 * its own, with its output collected; `started` resolves once it listens or
 * exits.
 */
export function npmStart(environment: NodeJS.ProcessEnv, script = ["start"]) {
  const server = spawn("npm", script, { env: environment, detached: true });
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

/** Stops an npm script and everything it started, whatever they do with signals (cleanup after a test). */
export function killGroup(server: ChildProcess) {
  try {
    if (server.pid) process.kill(-server.pid, "SIGKILL");
  } catch {
    // the group is gone already
  }
}

/** Stops `npm start` and everything it started (npm, node). */
export async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null || !server.pid) return;
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  process.kill(-server.pid, "SIGTERM");
  // Awaited, so that the next test's server finds the database free (the server holds <db>.lock while it runs).
  await exited;
}

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name in parentheses may hold spaces: the fields after it are fixed.
    const [state, parent] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return state === "Z" ? null : Number(parent);
  } catch {
    return null;
  }
}

/** Every living process below `pid`, with its command line. */
export function descendants(pid: number): { pid: number; command: string }[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentOf(Number(entry));
    if (parent !== null) parents.set(Number(entry), parent);
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.shift()!;
    for (const [child, parent] of parents) {
      if (parent === next) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found.map((child) => ({ pid: child, command: commandLine(child) }));
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    return "";
  }
}

/** True while a process runs (a zombie waiting for its parent counts as gone). */
export function alive(pid: number): boolean {
  return parentOf(pid) !== null;
}
