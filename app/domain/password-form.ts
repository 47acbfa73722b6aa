import { z } from "zod";
import { t } from "~/lib/i18n.ts";
import { MIN_PASSWORD_LENGTH } from "./password-policy.ts";

/** The change-password form, shared by the page (Conform) and its action. */
export const PasswordForm = z
  .object({
    current: z.string({ required_error: t("password.required") }).max(256),
    next: z
      .string({ required_error: t("password.required") })
      .max(256)
      .refine(
        (value) => [...value].length >= MIN_PASSWORD_LENGTH,
        t("password.tooShort", { min: MIN_PASSWORD_LENGTH }),
      ),
    confirmation: z.string({ required_error: t("password.required") }).max(256),
  })
  .refine((form) => form.next === form.confirmation, { message: t("password.mismatch"), path: ["confirmation"] });
