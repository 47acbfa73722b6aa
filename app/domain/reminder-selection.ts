import { z } from "zod";
import { t } from "~/lib/i18n.ts";

/** At most one page of the overdue list can be chosen at once. */
export const MAX_REMINDER_SELECTION = 200;

/** The people chosen on the report's overdue page to be reminded: `staffId` once per person. */
export const ReminderSelectionForm = z.object({
  staffId: z
    .array(
      z.coerce
        .number({ invalid_type_error: t("reports.remindInvalid") })
        .int(t("reports.remindInvalid"))
        .positive(t("reports.remindInvalid"))
        .max(2_147_483_647, t("reports.remindInvalid")),
    )
    .min(1, t("reports.remindNone"))
    .max(MAX_REMINDER_SELECTION, t("reports.remindTooMany", { max: MAX_REMINDER_SELECTION }))
    .transform((ids) => [...new Set(ids)]),
});

/** Reads the chosen people from the posted form; every value must be an id. */
export function parseReminderSelection(form: FormData) {
  const values = form.getAll("staffId").map((value) => (typeof value === "string" ? value : ""));
  return ReminderSelectionForm.safeParse({ staffId: values });
}
