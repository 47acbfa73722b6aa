/**
 * A real OpenLDAP server (Debian's slapd) for the tests: a temporary
 * directory holding its config and database, loaded from directory.ldif and
 * listening on a free loopback port until stop(). Missing slapd is a
 * failure, never a skip (CI installs it: .ci/run).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));

export const TEST_DIRECTORY_SUFFIX = "dc=city,dc=example";
/** The integration tests' staff. */
export const TEST_STAFF_BASE_DN = "ou=staff,dc=city,dc=example";
/** The browser tests' staff: people of the demo data (prisma/seed/demo.ts). */
export const DEMO_STAFF_BASE_DN = "ou=demo,dc=city,dc=example";

/** Mamori's directory settings for the test directory at `url`, as environment variables. */
export function testDirectoryEnv(url: string, baseDn = TEST_STAFF_BASE_DN): Record<string, string> {
  return {
    LDAP_URL: url,
    LDAP_BIND_DN: "cn=mamori,ou=services,dc=city,dc=example",
    LDAP_BIND_PASSWORD: "bind-account-secret",
    LDAP_BASE_DN: baseDn,
    LDAP_USER_FILTER: "(&(objectClass=inetOrgPerson)(employeeID={職員番号}))",
    LDAP_ATTR_EMPLOYEE_NUMBER: "employeeID",
    LDAP_ATTR_NAME: "displayName",
    LDAP_ATTR_KANA: "msDS-PhoneticDisplayName",
    LDAP_ATTR_MAIL: "mail",
    LDAP_ATTR_ORGANISATION: "company",
    LDAP_ATTR_SECTION: "department",
    LDAP_TIMEOUT_MS: "2000",
  };
}

function program(name: string): string {
  for (const dir of ["/usr/sbin", "/usr/local/sbin", ...(process.env.PATH ?? "").split(":")]) {
    if (existsSync(join(dir, name))) return join(dir, name);
  }
  throw new Error(`${name} not found: install Debian's slapd and ldap-utils (apt-get install -y slapd ldap-utils)`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

export type TestDirectory = { url: string; stop: () => Promise<void> };

/** Starts slapd; its files go in a new directory under `parent` (the system's temporary directory by default). */
export async function startTestDirectory(parent = tmpdir()): Promise<TestDirectory> {
  const slapd = program("slapd");
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, "mamori-slapd-"));
  mkdirSync(join(dir, "db"));
  const config = join(dir, "slapd.conf");
  writeFileSync(
    config,
    [
      "include /etc/ldap/schema/core.schema",
      "include /etc/ldap/schema/cosine.schema",
      "include /etc/ldap/schema/inetorgperson.schema",
      `include ${join(here, "test-schema.conf")}`,
      `pidfile ${join(dir, "slapd.pid")}`,
      "modulepath /usr/lib/ldap",
      "moduleload back_mdb",
      "database mdb",
      `suffix "${TEST_DIRECTORY_SUFFIX}"`,
      `directory ${join(dir, "db")}`,
      // Passwords only for binding; reading needs a bound account, as in a city's AD.
      "access to attrs=userPassword by anonymous auth by * none",
      "access to * by users read by * none",
      "",
    ].join("\n"),
  );
  const loaded = spawnSync(program("slapadd"), ["-f", config, "-l", join(here, "directory.ldif")], {
    encoding: "utf8",
  });
  if (loaded.status !== 0) throw new Error(`slapadd failed: ${loaded.stderr}`);

  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  let log = "";
  // -d 0 keeps slapd in the foreground, so it is this process's child and stops with it.
  const child: ChildProcess = spawn(slapd, ["-f", config, "-h", `${url}/`, "-d", "0"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  for (const started = Date.now(); !(await accepts(port));) {
    if (child.exitCode !== null || Date.now() - started > 10_000) {
      await stop();
      throw new Error(`slapd did not start on ${url}: ${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, stop };
}
