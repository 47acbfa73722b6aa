import { z } from "zod";
import { t } from "~/lib/i18n.ts";

const blank = (v: unknown) => (v === "" ? undefined : v);
const isoDate = z.string({ required_error: t("due.dateRequired") }).regex(/^\d{4}-\d{2}-\d{2}$/, t("due.dateRequired"));
const reason = z
  .string({ required_error: t("due.reasonRequired") })
  .trim()
  .min(1, t("due.reasonRequired"))
  .max(200);

/** Extending the due dates of every open assignment under a filter. */
export const BulkDueDateForm = z.object({
  intent: z.enum(["preview", "apply"]),
  fiscalYear: z.coerce.number().int().min(2000).max(2100),
  trackId: z.preprocess(blank, z.string().max(64).optional()),
  organisationId: z.preprocess(blank, z.string().max(64).optional()),
  employeeTypeCode: z.preprocess(blank, z.string().max(64).optional()),
  newDueDate: isoDate,
  reason,
});

/** Extending one assignment's due date, from the person's page. */
export const OneDueDateForm = z.object({
  intent: z.literal("extend"),
  assignmentId: z.coerce.number().int().positive(),
  newDueDate: isoDate,
  reason,
});
