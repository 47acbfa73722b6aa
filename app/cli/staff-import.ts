/**
 * `npm run staff:import -- <file.csv> [--dry-run] [--deactivate-missing] [--include-admins]`
 *
 * Imports the personnel system's staff CSV into the database in
 * DATABASE_URL. Every row or none: any invalid row rejects the file, with
 * each problem listed by line and column on stderr, and exit code 1.
 * Prints a one-line JSON summary: created, updated, unchanged, deactivated,
 * errors (and missing: active staff not in the file; protected: ADMIN
 * accounts left alone). ADMIN rows are neither changed nor deactivated
 * unless the operator passes --include-admins.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { CLI_ACTOR } from "~/domain/audit.ts";
import { db } from "~/lib/db.server.ts";
import {
  checkStaffImport,
  importStaff,
  readStaffCsv,
  type StaffImportRejection,
} from "~/services/staff-import.server.ts";
import { cliOptions } from "./options.ts";

const { values, positionals } = cliOptions(
  "npm run staff:import -- <file.csv> [--dry-run] [--deactivate-missing] [--include-admins]",
  {
    "dry-run": { type: "boolean", default: false },
    "deactivate-missing": { type: "boolean", default: false },
    "include-admins": { type: "boolean", default: false },
  },
  { positionals: 1 },
);
const path = positionals[0]!;
const { "dry-run": dryRun, "deactivate-missing": deactivateMissing, "include-admins": includeAdmins } = values;

const file = await readStaffCsv(basename(path), readFileSync(path));
try {
  if (dryRun) {
    const check = await checkStaffImport(file, null, includeAdmins);
    if (!check.ok) fail(check);
    else {
      const { plan } = check;
      report({
        dryRun: true,
        created: plan.created.length,
        updated: plan.updated.length,
        unchanged: plan.unchanged,
        deactivated: deactivateMissing ? plan.missing.length : 0,
        missing: plan.missing.length,
        newSections: plan.newSections.length,
        protected: plan.protected.length,
        errors: 0,
      });
    }
  } else {
    const result = await importStaff(file, { actor: CLI_ACTOR, actorRole: null, deactivateMissing, includeAdmins });
    if (!result.ok) fail(result);
    else report({ ...withoutOk(result), errors: 0 });
  }
} finally {
  await db.$disconnect();
}

function withoutOk<T extends { ok: true }>({ ok: _ok, ...rest }: T) {
  return rest;
}

function report(summary: Record<string, unknown>) {
  console.log(JSON.stringify(summary));
}

function fail({ problems, problemCount }: StaffImportRejection) {
  for (const p of problems) console.error(`${path}:${p.line}${p.column ? ` [${p.column}]` : ""}: ${p.message}`);
  // Only the first problems are listed (MAX_LISTED_PROBLEMS): a file of a million bad rows would flood the terminal.
  if (problemCount > problems.length) console.error(`… and ${problemCount - problems.length} more`);
  console.error(`rejected: ${problemCount} problem(s); nothing was imported`);
  report({ created: 0, updated: 0, unchanged: 0, deactivated: 0, errors: problemCount });
  process.exitCode = 1;
}
