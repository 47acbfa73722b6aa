import { z } from "zod";
import { t } from "~/lib/i18n.ts";
import { IdField } from "~/lib/params.ts";
import { fiscalYearOf, fiscalYearRange, isCalendarDate } from "./fiscal-year.ts";

const blank = (v: unknown) => (v === "" ? undefined : v);
const reason = z
  .string({ required_error: t("due.reasonRequired") })
  .trim()
  .min(1, t("due.reasonRequired"))
  .max(200);

/**
 * The days a due date may be moved to: from `today` to the last day of the
 * next fiscal year. A real calendar day is required — a stored "9999-99-99"
 * once broke the person's pages — and a date years away is a typo, not an
 * extension.
 */
export function dueDateWindow(today: string): { from: string; to: string } {
  return { from: today, to: fiscalYearRange(fiscalYearOf(today) + 1).end };
}

function newDueDate(today: string) {
  const { from, to } = dueDateWindow(today);
  return z
    .string({ required_error: t("due.dateRequired") })
    .trim()
    .min(1, t("due.dateRequired"))
    .superRefine((value, ctx) => {
      if (!isCalendarDate(value)) ctx.addIssue({ code: "custom", message: t("due.dateInvalid") });
      else if (value < from || value > to)
        ctx.addIssue({ code: "custom", message: t("due.dateOutOfRange", { from, to }) });
    });
}

/** Extending the due dates of every open assignment under a filter, on `today`. */
export function bulkDueDateForm(today: string) {
  return z.object({
    intent: z.enum(["preview", "apply"]),
    fiscalYear: z.coerce.number().int().min(2000).max(2100),
    trackId: z.preprocess(blank, z.string().max(64).optional()),
    organisationId: z.preprocess(blank, z.string().max(64).optional()),
    employeeTypeCode: z.preprocess(blank, z.string().max(64).optional()),
    newDueDate: newDueDate(today),
    reason,
  });
}

/** Extending one assignment's due date, from the person's page, on `today`. */
export function oneDueDateForm(today: string) {
  return z.object({
    intent: z.literal("extend"),
    assignmentId: IdField,
    newDueDate: newDueDate(today),
    reason,
  });
}
