import { managerScope } from "~/domain/manager-scope.ts";
import type { ReportFilter } from "~/domain/report-filter.ts";
import type { SignedInStaff } from "~/lib/session-store.server.ts";
import {
  byTypeTable,
  clausesTable,
  cumulativeTable,
  masteryTable,
  itemStatisticsTable,
  matrixTable,
  overdueTable,
  questionsTable,
  type ReportTable,
} from "~/domain/report-tables.ts";
import {
  completionByEmployeeType,
  completionMatrix,
  cumulativeCompletion,
  itemAnalysis,
  itemStatistics,
  overdueList,
} from "./reports.server.ts";
import { masteryReport } from "./mastery.server.ts";
import { t } from "~/lib/i18n.ts";

/** A manager's report is always their own scope (their 課, or a 部長's 部局), whatever the URL says. */
export function scopeReportFilter(
  user: Pick<SignedInStaff, "role" | "organisationId" | "sectionId">,
  filter: ReportFilter,
): ReportFilter {
  return user.role === "MANAGER" ? { ...filter, ...managerScope(user) } : filter;
}

export const REPORT_TABLES = [
  "by-type",
  "cumulative",
  "matrix",
  "overdue",
  "questions",
  "clauses",
  "mastery-organisations",
  "mastery-types",
  "item-statistics",
] as const;
export type ReportTableName = (typeof REPORT_TABLES)[number];

export function isReportTable(value: unknown): value is ReportTableName {
  return typeof value === "string" && (REPORT_TABLES as readonly string[]).includes(value);
}

/**
 * One report table by name, fetched and formatted exactly as the page shows
 * it: for the CSV export links and `npm run report`.
 */
export async function reportTable(name: ReportTableName, filter: ReportFilter, today: string): Promise<ReportTable> {
  switch (name) {
    case "by-type":
      return byTypeTable(await completionByEmployeeType(filter, today));
    case "cumulative":
      return cumulativeTable(await cumulativeCompletion(filter, today));
    case "matrix":
      return matrixTable(await completionMatrix(filter, today));
    case "overdue":
      return overdueTable((await overdueList(filter, today, Number.MAX_SAFE_INTEGER)).rows);
    case "questions":
      return questionsTable(await itemAnalysis(filter, today));
    case "clauses":
      return clausesTable(await itemAnalysis(filter, today));
    case "mastery-organisations":
      return masteryTable(t("reportMastery.byOrganisation"), (await masteryReport(filter)).byOrganisation);
    case "mastery-types":
      return masteryTable(t("reportMastery.byEmployeeType"), (await masteryReport(filter)).byEmployeeType);
    case "item-statistics":
      return itemStatisticsTable(await itemStatistics(filter, today));
  }
}
