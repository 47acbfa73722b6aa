import { z } from "zod";

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/** The directory's filters as they appear in the URL; bad values are dropped. */
export const StaffFilterParams = z.object({
  q: z.preprocess(blankToUndefined, z.string().max(100).optional()).catch(undefined),
  organisationId: z.preprocess(blankToUndefined, z.string().max(64).optional()).catch(undefined),
  sectionId: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()).catch(undefined),
  employeeTypeCode: z.preprocess(blankToUndefined, z.string().max(64).optional()).catch(undefined),
  active: z
    .enum(["any", "active", "inactive"])
    .catch("active")
    .transform((v) => (v === "any" ? undefined : v === "active")),
  page: z.coerce.number().int().positive().catch(1),
});

export function parseStaffFilter(searchParams: URLSearchParams) {
  return StaffFilterParams.parse(Object.fromEntries(searchParams));
}
