import { execFile } from "node:child_process";

/**
 * Runs a command (an npm script's CLI through tsx, prisma, tar…) without
 * blocking the test worker: a synchronous child process held the worker's
 * event loop for as long as the command ran, and on a busy machine that
 * outlasted vitest's own 60-second calls to the main process.
 */
export function run(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { env: options.env ?? process.env, cwd: options.cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ status, stdout, stderr });
      },
    );
  });
}

/** A CLI of the app through tsx, as its npm script runs it. */
export const runTsx = (script: string, args: string[] = [], env: NodeJS.ProcessEnv = process.env) =>
  run("node_modules/.bin/tsx", [script, ...args], { env });
