import {
  bulletinByEmployeeTypeTable,
  bulletinByOrganisationTable,
  bulletinPendingTable,
  bulletinsTable,
  monthlyTable,
} from "~/domain/bulletin-tables.ts";
import type { ReportTable } from "~/domain/report-tables.ts";
import type { SignedInStaff } from "~/lib/session-store.server.ts";
import { bulletinOverview, bulletinReport, type Scope } from "./bulletins.server.ts";
import { monthlyQuestionReports } from "./monthly-question.server.ts";

/** A manager sees their own organisation's staff, whatever the URL says. */
export function bulletinScope(user: Pick<SignedInStaff, "role" | "organisationId">): Scope {
  return user.role === "MANAGER" ? { organisationId: user.organisationId } : undefined;
}

export const BULLETIN_TABLES = ["bulletins", "by-organisation", "by-type", "pending", "monthly"] as const;
export type BulletinTableName = (typeof BULLETIN_TABLES)[number];

export function isBulletinTable(value: unknown): value is BulletinTableName {
  return typeof value === "string" && (BULLETIN_TABLES as readonly string[]).includes(value);
}

/**
 * One table of the bulletin reports by name, as the pages show it, for the
 * CSV export; the per-bulletin tables need `bulletinId`. Null when there is
 * no such bulletin. The list of those who have not read it is complete here.
 */
export async function bulletinReportTable(
  name: BulletinTableName,
  bulletinId: number | null,
  today: string,
  scope: Scope,
): Promise<ReportTable | null> {
  switch (name) {
    case "bulletins":
      return bulletinsTable(await bulletinOverview(today, scope));
    case "monthly": {
      const { questions, employeeTypes } = await monthlyQuestionReports(scope);
      return monthlyTable(questions, employeeTypes);
    }
  }
  const report = bulletinId === null ? null : await bulletinReport(bulletinId, today, scope, Number.MAX_SAFE_INTEGER);
  if (!report) return null;
  switch (name) {
    case "by-organisation":
      return bulletinByOrganisationTable(report);
    case "by-type":
      return bulletinByEmployeeTypeTable(report);
    case "pending":
      return bulletinPendingTable(report);
  }
}
