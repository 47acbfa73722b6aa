import { z } from "zod";
import { OptionalIdQuery, PageQuery } from "~/lib/params.ts";

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/** The directory's filters as they appear in the URL; bad values are dropped. */
export const StaffFilterParams = z.object({
  q: z.preprocess(blankToUndefined, z.string().max(100).optional()).catch(undefined),
  organisationId: z.preprocess(blankToUndefined, z.string().max(64).optional()).catch(undefined),
  sectionId: OptionalIdQuery,
  employeeTypeCode: z.preprocess(blankToUndefined, z.string().max(64).optional()).catch(undefined),
  active: z
    .enum(["any", "active", "inactive"])
    .catch("active")
    .transform((v) => (v === "any" ? undefined : v === "active")),
  page: PageQuery,
});

export function parseStaffFilter(searchParams: URLSearchParams) {
  return StaffFilterParams.parse(Object.fromEntries(searchParams));
}
