import { fiscalYearLabel, fiscalYearOf } from "~/domain/fiscal-year.ts";
import { parseReportFilter, reportFilterToParams, type ReportFilter } from "~/domain/report-filter.ts";
import type { SignedInStaff } from "~/lib/session-store.server.ts";
import { scopeReportFilter } from "./report-tables.server.ts";
import { reportOptions } from "./reports.server.ts";

export type ReportFrame = Awaited<ReturnType<typeof reportFrame>>;

/**
 * What every report page shares: the filter read from the URL (a manager's
 * always their own scope, domain/manager-scope.ts), its query string for the tabs and CSV
 * links, and the filter bar's choices.
 */
export async function reportFrame(
  user: Pick<SignedInStaff, "role" | "organisationId" | "sectionId" | "organisationName" | "sectionName">,
  params: URLSearchParams,
  today: string,
): Promise<{
  filter: ReportFilter;
  query: string;
  /** What a manager's report covers, in words: 「市長部局 市民課」, or the organisation for a 部長. */
  manager: { scopeName: string } | null;
  options: Omit<Awaited<ReturnType<typeof reportOptions>>, "fiscalYears"> & {
    fiscalYears: { year: number; label: string }[];
  };
}> {
  const filter = scopeReportFilter(user, parseReportFilter(params, fiscalYearOf(today)));
  const options = await reportOptions();
  const years = [...new Set([fiscalYearOf(today), ...options.fiscalYears])].sort((a, b) => b - a);
  return {
    filter,
    query: reportFilterToParams(filter).toString(),
    manager:
      user.role === "MANAGER"
        ? {
            scopeName:
              user.sectionId === null ? user.organisationName : `${user.organisationName} ${user.sectionName ?? ""}`,
          }
        : null,
    options: {
      ...options,
      organisations:
        user.role === "MANAGER"
          ? options.organisations.filter((o) => o.id === user.organisationId)
          : options.organisations,
      fiscalYears: years.map((year) => ({ year, label: fiscalYearLabel(year) })),
    },
  };
}
