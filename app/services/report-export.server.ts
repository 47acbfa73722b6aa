import type { Actor } from "~/domain/audit.ts";
import type { ReportFilter } from "~/domain/report-filter.ts";
import { toCsv } from "~/lib/csv.ts";
import { db } from "~/lib/db.server.ts";
import { recordAudit } from "./audit.server.ts";
import { reportTable, type ReportTableName } from "./report-tables.server.ts";

/** A report table as CSV for Japanese Excel (UTF-8 with BOM, CRLF), the export audited. */
export async function exportReportCsv(actor: Actor, name: ReportTableName, filter: ReportFilter, today: string) {
  const table = await reportTable(name, filter, today);
  await recordAudit(db, actor, {
    action: "report.export",
    targetType: "report",
    targetId: name,
    detail: { filter, rows: table.rows.length },
  });
  return { fileName: `${table.title}_${filter.fiscalYear}.csv`, csv: toCsv(table.headers, table.rows) };
}
