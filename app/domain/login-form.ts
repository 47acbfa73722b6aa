import { z } from "zod";
import { t } from "~/lib/i18n.ts";

/** The login form's fields, shared by the route and its tests. */
export const LoginForm = z.object({
  employeeNumber: z.string().trim().min(1, t("login.required")).max(32),
  password: z.string().min(1, t("login.required")).max(256),
  redirectTo: z.string().optional(),
});
