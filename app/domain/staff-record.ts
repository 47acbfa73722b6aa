import { z } from "zod";
import { DUTIES, normaliseDuties } from "./duties.ts";
import { normaliseEmployeeNumber } from "./employee-number.ts";
import { ROLES, type Role } from "./roles.ts";
import { t } from "~/lib/i18n.ts";
import { IdField } from "~/lib/params.ts";

export const EMPLOYEE_NUMBER = /^[0-9A-Z-]{1,20}$/;
/** A plausible mail address: enough to catch a typo, not a full RFC 5322 parser. */
export const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

/**
 * What is wrong with an appointment period, if anything: fixed-term types
 * (会計年度任用職員) need both ends, and the end may not precede the start.
 */
export function appointmentProblem(
  hasAppointmentPeriod: boolean,
  start: string | null,
  end: string | null,
): "appointmentRequired" | "appointmentOrder" | null {
  if (hasAppointmentPeriod && (!start || !end)) return "appointmentRequired";
  if (start && end && end < start) return "appointmentOrder";
  return null;
}

/** Only an administrator may grant or take away the administrator role. */
export function mayAssignRole(actorRole: Role, from: Role | null, to: Role): boolean {
  return actorRole === "ADMIN" || (to !== "ADMIN" && from !== "ADMIN");
}

/**
 * Only an administrator may act on an administrator's account — edit it,
 * change its role, deactivate or reactivate it, reset its password or lift
 * its lockout: otherwise HR could reset an ADMIN's password and sign in as
 * them. Due-date extensions are training, not the account, and stay open to HR.
 */
export function mayManageAccount(actorRole: Role, targetRole: string): boolean {
  return actorRole === "ADMIN" || targetRole !== "ADMIN";
}

/** Thrown by a service asked to change an ADMIN account for someone who is not ADMIN. */
export class ProtectedAccountError extends Error {
  constructor(readonly staffId: number) {
    super(`staff ${staffId} is an administrator's account`);
  }
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, t("staff.dateFormat"))
  // Only a value of the right shape is tried as a date (a refinement runs even after the pattern failed).
  .pipe(
    z
      .string()
      .refine(
        (value) =>
          !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
          new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
        t("staff.dateFormat"),
      ),
  );
const optionalDate = z.preprocess((v) => (v === "" ? undefined : v), isoDate.optional());

/** The create/edit form of a member of staff (HR/ADMIN), shared by page and action. */
export const StaffRecordForm = z.object({
  employeeNumber: z
    .string({ required_error: t("staff.required") })
    // The length first, so that a field of megabytes is not normalised to be refused.
    .max(100, t("staff.employeeNumberFormat"))
    .transform(normaliseEmployeeNumber)
    .pipe(z.string().regex(EMPLOYEE_NUMBER, t("staff.employeeNumberFormat"))),
  name: z
    .string({ required_error: t("staff.required") })
    .trim()
    .min(1, t("staff.required"))
    .max(100),
  nameKana: z
    .string()
    .max(100)
    .optional()
    .transform((v) => (v ?? "").normalize("NFKC").trim()),
  organisationId: z.string({ required_error: t("staff.required") }),
  sectionId: z.preprocess((v) => (v === "" || v === undefined ? undefined : v), IdField.optional()),
  employeeTypeCode: z.string({ required_error: t("staff.required") }),
  role: z.enum(ROLES, { required_error: t("staff.required") }),
  // Checkboxes: none ticked sends nothing.
  duties: z.array(z.enum(DUTIES)).max(DUTIES.length).default([]).transform(normaliseDuties),
  startDate: z.string({ required_error: t("staff.required") }).pipe(isoDate),
  appointmentStart: optionalDate,
  appointmentEnd: optionalDate,
  email: z
    .string()
    .max(254)
    .optional()
    .transform((v) => v?.normalize("NFKC").trim().toLowerCase() || undefined)
    .pipe(z.string().regex(EMAIL, t("staff.emailFormat")).optional()),
});

export type StaffRecordInput = z.infer<typeof StaffRecordForm>;
