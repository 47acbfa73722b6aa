import { z } from "zod";
import { ASSIGNMENT_STATUSES, type AssignmentStatus } from "./assignment-status.ts";

/** What the HR and manager reports are narrowed to; only the fiscal year is always set. */
export type ReportFilter = {
  fiscalYear: number;
  trackId?: string;
  organisationId?: string;
  sectionId?: number;
  employeeTypeCode?: string;
  status?: AssignmentStatus;
};

const blankToUndefined = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);

const optionalId = z.preprocess(blankToUndefined, z.string().trim().min(1).max(64).optional()).catch(undefined);

/**
 * The report filters as they appear in the URL. A bookmark may outlive a
 * track or a section, so a bad value is dropped rather than refused.
 */
export const ReportFilterParams = z.object({
  fiscalYear: z.preprocess(blankToUndefined, z.coerce.number().int().min(1900).max(9999).optional()).catch(undefined),
  trackId: optionalId,
  organisationId: optionalId,
  sectionId: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()).catch(undefined),
  employeeTypeCode: optionalId,
  status: z.enum(ASSIGNMENT_STATUSES).optional().catch(undefined),
});

const KEYS = ["fiscalYear", "trackId", "organisationId", "sectionId", "employeeTypeCode", "status"] as const;

/** Reads the report filters from a query string; the fiscal year defaults to `defaultFiscalYear` (normally today's). */
export function parseReportFilter(params: URLSearchParams, defaultFiscalYear: number): ReportFilter {
  const raw = Object.fromEntries(KEYS.map((key) => [key, params.get(key) ?? undefined]));
  const parsed = ReportFilterParams.parse(raw);
  const filter: ReportFilter = { fiscalYear: parsed.fiscalYear ?? defaultFiscalYear };
  if (parsed.trackId !== undefined) filter.trackId = parsed.trackId;
  if (parsed.organisationId !== undefined) filter.organisationId = parsed.organisationId;
  if (parsed.sectionId !== undefined) filter.sectionId = parsed.sectionId;
  if (parsed.employeeTypeCode !== undefined) filter.employeeTypeCode = parsed.employeeTypeCode;
  if (parsed.status !== undefined) filter.status = parsed.status;
  return filter;
}

/** The query string of a filter, for links, CSV downloads and bookmarks; unset filters are left out. */
export function reportFilterToParams(filter: ReportFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = filter[key];
    if (value !== undefined) params.set(key, String(value));
  }
  return params;
}

/** The orders the overdue list can be read in; "due" is the longest overdue first. */
export const OVERDUE_SORTS = ["due", "employeeNumber", "name", "organisation", "track"] as const;
export type OverdueSort = (typeof OVERDUE_SORTS)[number];
export type OverdueOrder = { sort: OverdueSort; descending: boolean; offset: number };
