/**
 * `npm run assign -- --fiscal-year 2026`: the fiscal-year rollover. Creates
 * the assignments every member of staff needs for the year (in
 * DATABASE_URL); running it twice creates nothing twice. Prints one JSON
 * line: created, existing, skipped.
 */
import { CLI_ACTOR } from "~/domain/audit.ts";
import { fiscalYearOf } from "~/domain/fiscal-year.ts";
import { today } from "~/lib/clock.server.ts";
import { db } from "~/lib/db.server.ts";
import { rollOverFiscalYear } from "~/services/assignments.server.ts";
import { cliOptions } from "./options.ts";

const USAGE = "npm run assign -- --fiscal-year 2026";
const { values } = cliOptions(USAGE, { "fiscal-year": { type: "string" } });
const value = values["fiscal-year"] ?? String(fiscalYearOf(today()));
if (!/^\d{4}$/.test(value)) {
  console.error(`usage: ${USAGE}`);
  process.exit(2);
}
try {
  console.log(JSON.stringify(await rollOverFiscalYear(CLI_ACTOR, Number(value), today())));
} finally {
  await db.$disconnect();
}
