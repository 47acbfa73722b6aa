/**
 * `npm run report -- --fiscal-year 2026 [--format csv|json] [--table matrix]`
 * for scheduled jobs. JSON (the default) prints every table of the report;
 * CSV prints one table (default: the organisation × employee type matrix)
 * exactly as the page exports it, BOM included. The export is audited.
 */
import { CLI_ACTOR } from "~/domain/audit.ts";
import { fiscalYearOf } from "~/domain/fiscal-year.ts";
import { today } from "~/lib/clock.server.ts";
import { db } from "~/lib/db.server.ts";
import { recordAudit } from "~/services/audit.server.ts";
import { exportReportCsv } from "~/services/report-export.server.ts";
import { isReportTable, REPORT_TABLES, reportTable } from "~/services/report-tables.server.ts";
import { cliOptions } from "./options.ts";

const USAGE = `npm run report -- --fiscal-year 2026 [--format csv|json] [--table ${REPORT_TABLES.join("|")}]`;
const { values } = cliOptions(USAGE, {
  "fiscal-year": { type: "string" },
  format: { type: "string", default: "json" },
  table: { type: "string", default: "matrix" },
});
const day = today();
const fiscalYear = Number(values["fiscal-year"] ?? fiscalYearOf(day));
const { format, table } = values;
if (!Number.isInteger(fiscalYear) || !["csv", "json"].includes(format) || !isReportTable(table)) {
  console.error(`usage: ${USAGE}`);
  process.exit(2);
}

try {
  const filter = { fiscalYear };
  if (format === "csv") {
    process.stdout.write((await exportReportCsv(CLI_ACTOR, table, filter, day)).csv);
  } else {
    const tables = Object.fromEntries(
      await Promise.all(REPORT_TABLES.map(async (name) => [name, await reportTable(name, filter, day)])),
    );
    await recordAudit(db, CLI_ACTOR, {
      action: "report.export",
      targetType: "report",
      targetId: "all",
      detail: { filter, format },
    });
    console.log(JSON.stringify({ fiscalYear, today: day, tables }));
  }
} finally {
  await db.$disconnect();
}
