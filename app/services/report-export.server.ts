import type { Prisma } from "~/generated/prisma/client.ts";
import type { Actor } from "~/domain/audit.ts";
import type { ReportFilter } from "~/domain/report-filter.ts";
import { toCsv } from "~/lib/csv.ts";
import { db } from "~/lib/db.server.ts";
import { recordAudit } from "./audit.server.ts";
import type { ReportTable } from "~/domain/report-tables.ts";
import { reportTable, type ReportTableName } from "./report-tables.server.ts";

/** A report table as CSV for Japanese Excel (UTF-8 with BOM, CRLF), the export audited. */
export async function exportReportCsv(actor: Actor, name: ReportTableName, filter: ReportFilter, today: string) {
  const table = await reportTable(name, filter, today);
  return exportTableCsv(actor, table, {
    name,
    detail: { filter },
    fileName: `${table.title}_${filter.fiscalYear}.csv`,
  });
}

/**
 * Any table of the reports as CSV, the export audited: the one way figures
 * leave Mamori as a file (the bulletin reports use it too).
 */
export async function exportTableCsv(
  actor: Actor,
  table: ReportTable,
  { name, detail, fileName }: { name: string; detail: Record<string, unknown>; fileName: string },
) {
  await recordAudit(db, actor, {
    action: "report.export",
    targetType: "report",
    targetId: name,
    detail: { ...detail, rows: table.rows.length } as Prisma.InputJsonValue,
  });
  return { fileName, csv: toCsv(table.headers, table.rows) };
}
