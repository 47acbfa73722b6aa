import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GRACEFUL_STOP_SECONDS } from "~/lib/graceful-stop.server.ts";

// deploy/mamori.service, as docs/operations.md tells the city to install it.
const UNIT = "deploy/mamori.service";

/** The unit's settings by section and key; a key given twice keeps both values. */
function parseUnit(text: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | undefined;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      current = new Map();
      sections.set(section[1]!, current);
      continue;
    }
    const setting = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (!setting || !current) throw new Error(`not a unit file line: ${raw}`);
    current.set(setting[1]!, [...(current.get(setting[1]!) ?? []), setting[2]!]);
  }
  return sections;
}

const service = parseUnit(readFileSync(UNIT, "utf8")).get("Service")!;
const one = (key: string) => {
  const values = service.get(key) ?? [];
  expect(values, `${key}= in [Service]`).toHaveLength(1);
  return values[0]!;
};
const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;

describe("the systemd unit (deploy/mamori.service)", () => {
  it("runs as the dedicated user from its folder, with the settings file, restarting after a failure", () => {
    expect(one("User")).toBe("mamori");
    expect(one("Group")).toBe("mamori");
    expect(one("WorkingDirectory")).toBe("/opt/mamori");
    expect(one("EnvironmentFile")).toBe("/etc/mamori/mamori.env");
    expect(one("Restart")).toBe("on-failure");
    // The only place the server writes: the database (DATABASE_URL's default), the outbox and backups.
    expect(one("ProtectSystem")).toBe("strict");
    expect(one("ReadWritePaths")).toBe(`${one("WorkingDirectory")}/data`);
  });

  it("starts the README's production command, which ends by replacing itself with the server", () => {
    const [binary, ...args] = one("ExecStart").split(" ");
    expect(binary).toBe("/usr/bin/npm");
    const readme = readFileSync("README.md", "utf8");
    const production = readme.slice(readme.indexOf("## Running in production"));
    expect(production.slice(0, production.indexOf("\n## ", 3))).toContain(`SESSION_SECRET=… npm ${args.join(" ")}\n`);
    expect(args).toEqual(["start"]);
    // `npm start` sets up the database, then becomes `npm run serve`'s server (exec): the
    // signal systemd sends to its main process reaches the server, not a shell.
    expect(scripts.start).toBe(`tsx app/cli/db-setup.ts && ${scripts.serve}`);
    expect(scripts.serve).toMatch(/^exec env NODE_ENV=production .* node .*build\/server\/serve\.js$/);
  });

  it("stops with the signal the server stops gracefully on, and waits longer than the server's own limit", () => {
    expect(one("KillSignal")).toBe("SIGTERM");
    expect(readFileSync("app/cli/serve.ts", "utf8")).toMatch(/for \(const signal of \["SIGTERM", "SIGINT"\]/);
    expect(Number(one("TimeoutStopSec"))).toBeGreaterThan(GRACEFUL_STOP_SECONDS);
  });

  it("passes systemd-analyze verify without a warning", () => {
    const analyze = "/usr/bin/systemd-analyze";
    expect(existsSync(analyze), "systemd-analyze is missing: apt-get install systemd").toBe(true);
    // verify checks that ExecStart's program exists: this machine's npm may live elsewhere.
    const npm = execFileSync("sh", ["-c", "command -v npm"]).toString().trim();
    mkdirSync("tests/.tmp", { recursive: true });
    const copy = "tests/.tmp/mamori.service";
    writeFileSync(copy, readFileSync(UNIT, "utf8").replace("ExecStart=/usr/bin/npm ", `ExecStart=${npm} `));
    const verify = spawnSync(analyze, ["verify", copy], { encoding: "utf8" });
    expect(verify.stderr + verify.stdout).toBe("");
    expect(verify.status).toBe(0);
  });
});
