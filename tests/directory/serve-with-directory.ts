/**
 * `tsx tests/directory/serve-with-directory.ts <command…>`: starts the test
 * directory (slapd) and runs the command with Mamori's LDAP settings
 * pointing at it, for the browser tests' one server (playwright.config.ts).
 * slapd stops when the command ends or this process is told to stop.
 */
import { spawn } from "node:child_process";
import { DEMO_STAFF_BASE_DN, startTestDirectory, testDirectoryEnv } from "./slapd.ts";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: tsx tests/directory/serve-with-directory.ts <command> [args…]");
  process.exit(2);
}
// Under tests/.tmp, which the test runs clear, in case the process is killed outright.
const directory = await startTestDirectory("tests/.tmp");
const child = spawn(command, args, {
  stdio: "inherit",
  env: { ...process.env, ...testDirectoryEnv(directory.url, DEMO_STAFF_BASE_DN) },
});
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => {
  void directory.stop().then(() => process.exit(code ?? 1));
});
