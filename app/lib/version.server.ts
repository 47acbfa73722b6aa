import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

export type AppVersion = {
  /** package.json's version. */
  version: string;
  /** The git commit built, or "unknown" (a copy without .git, e.g. an unpacked release). */
  commit: string;
};

/** Written by `npm run build` (scripts/build-server.ts): the server may run where there is no .git. */
export const VERSION_FILE = "build/server/version.json";

/**
 * The version and commit of the code running, read once: from the build
 * when this module runs from it (what was built is what runs, whatever the
 * folder's git says now), else from package.json and `git rev-parse`.
 */
export function appVersion(): AppVersion {
  cached ??= (import.meta.url.includes("/build/server/") && fromBuild()) || fromSources();
  return cached;
}
let cached: AppVersion | undefined;

function fromBuild(): AppVersion | null {
  try {
    const { version, commit } = JSON.parse(readFileSync(resolve(VERSION_FILE), "utf8")) as Partial<AppVersion>;
    return typeof version === "string" && typeof commit === "string" ? { version, commit } : null;
  } catch {
    return null;
  }
}

/** The version the sources in the working folder say. */
export function fromSources(): AppVersion {
  let version = "unknown";
  try {
    const manifest = JSON.parse(readFileSync(resolve("package.json"), "utf8")) as { version?: unknown };
    if (typeof manifest.version === "string") version = manifest.version;
  } catch {
    // No package.json beside the server: the version stays unknown.
  }
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["rev-parse", "--short=12", "HEAD"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 2_000,
    }).trim();
  } catch {
    // No git, or not a checkout.
  }
  return { version, commit: /^[0-9a-f]{7,40}$/.test(commit) ? commit : "unknown" };
}
