import { z } from "zod";
import { OptionalIdQuery, PageQuery, queryText } from "~/lib/params.ts";

/** The directory's filters as they appear in the URL; bad values are dropped. */
export const StaffFilterParams = z.object({
  q: queryText(100),
  organisationId: queryText(64),
  sectionId: OptionalIdQuery,
  employeeTypeCode: queryText(64),
  active: z
    .enum(["any", "active", "inactive"])
    .catch("active")
    .transform((v) => (v === "any" ? undefined : v === "active")),
  page: PageQuery,
});

export function parseStaffFilter(searchParams: URLSearchParams) {
  return StaffFilterParams.parse(Object.fromEntries(searchParams));
}
