/**
 * `npm run staff:sync-directory [-- --dry-run] [--deactivate-missing]`
 *
 * Brings the staff records in DATABASE_URL in step with the city's directory
 * (the LDAP_* settings), by the staff CSV import's rules: every entry or
 * none, audited. Each problem is listed with its directory entry on stderr,
 * with exit code 1. Prints a one-line JSON summary like staff:import's.
 */
import { parseArgs } from "node:util";
import { CLI_ACTOR } from "~/domain/audit.ts";
import { db } from "~/lib/db.server.ts";
import { checkDirectorySync, syncStaffFromDirectory } from "~/services/directory-sync.server.ts";
import { directorySettings } from "~/services/ldap.server.ts";
import type { ImportProblem } from "~/domain/staff-csv.ts";

const USAGE = "usage: npm run staff:sync-directory [-- --dry-run] [--deactivate-missing]";

let options: { "dry-run"?: boolean; "deactivate-missing"?: boolean };
try {
  options = parseArgs({
    options: { "dry-run": { type: "boolean" }, "deactivate-missing": { type: "boolean" } },
    allowPositionals: false,
  }).values;
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
}
if (!directorySettings) {
  console.error("No directory is configured: set LDAP_URL, LDAP_BASE_DN and LDAP_BIND_DN (see README).");
  process.exit(2);
}
const deactivateMissing = options["deactivate-missing"] === true;

try {
  if (options["dry-run"]) {
    const check = await checkDirectorySync(directorySettings, null);
    if ("reason" in check) refused(check.reason);
    else if (!check.ok) fail(check.problems);
    else {
      const { plan } = check;
      report({
        dryRun: true,
        found: check.found,
        created: plan.created.length,
        updated: plan.updated.length,
        unchanged: plan.unchanged,
        deactivated: deactivateMissing ? plan.missing.length : 0,
        missing: plan.missing.length,
        newSections: plan.newSections.length,
        errors: 0,
      });
    }
  } else {
    const result = await syncStaffFromDirectory(directorySettings, {
      actor: CLI_ACTOR,
      actorRole: null,
      deactivateMissing,
    });
    if ("reason" in result) refused(result.reason);
    else if (!result.ok) fail(result.problems);
    else {
      const { ok: _ok, ...summary } = result;
      report({ ...summary, errors: 0 });
    }
  }
} finally {
  await db.$disconnect();
}

function report(summary: Record<string, unknown>) {
  console.log(JSON.stringify(summary));
}

function refused(reason: "unavailable" | "empty") {
  console.error(
    reason === "unavailable"
      ? `could not read the directory at ${directorySettings?.url}; nothing was changed`
      : "the directory listed nobody: check LDAP_BASE_DN and LDAP_USER_FILTER; nothing was changed",
  );
  report({ created: 0, updated: 0, unchanged: 0, deactivated: 0, errors: 1 });
  process.exitCode = 1;
}

function fail(problems: ImportProblem[]) {
  for (const p of problems)
    console.error(`${p.entry ?? `entry ${p.line}`}${p.column ? ` [${p.column}]` : ""}: ${p.message}`);
  console.error(`rejected: ${problems.length} problem(s); nothing was changed`);
  report({ created: 0, updated: 0, unchanged: 0, deactivated: 0, errors: problems.length });
  process.exitCode = 1;
}
