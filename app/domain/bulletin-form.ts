import { z } from "zod";
import { t } from "~/lib/i18n.ts";
import { isCalendarDate } from "./fiscal-year.ts";
import { ROLES } from "./roles.ts";

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === "1", z.boolean());
const codes = z.array(z.string().trim().min(1).max(64)).max(50);

/** A new bulletin as HR writes it (the audience lists come from multi-selects; see bulletinFormValues). */
export const BulletinForm = z.object({
  title: z
    .string({ required_error: t("bulletin.titleRequired") })
    .trim()
    .min(1, t("bulletin.titleRequired"))
    .max(100, t("bulletin.titleTooLong")),
  body: z
    .string({ required_error: t("bulletin.bodyRequired") })
    .trim()
    .min(1, t("bulletin.bodyRequired"))
    .max(4000, t("bulletin.bodyTooLong")),
  publishOn: z
    .string({ required_error: t("bulletin.publishOnRequired") })
    .refine(isCalendarDate, t("bulletin.publishOnRequired")),
  mustConfirm: checkbox,
  byMail: checkbox,
  organisationIds: codes,
  employeeTypeCodes: codes,
  roles: z.array(z.enum(ROLES, { message: t("bulletin.unknownRole") })).max(ROLES.length),
});

export type BulletinInput = z.infer<typeof BulletinForm>;

/** The form's fields as BulletinForm reads them: the audience lists may repeat. */
export function bulletinFormValues(form: FormData): Record<string, unknown> {
  const one = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const all = (name: string) => form.getAll(name).filter((v): v is string => typeof v === "string");
  return {
    title: one("title"),
    body: one("body"),
    publishOn: one("publishOn"),
    mustConfirm: one("mustConfirm"),
    byMail: one("byMail"),
    organisationIds: all("organisationIds"),
    employeeTypeCodes: all("employeeTypeCodes"),
    roles: all("roles"),
  };
}

/** A question written for the month has at most this many choices. */
export const WRITTEN_CHOICES = 4;

/** Choosing the question of the month: a question of the bank, Mamori's pick, or one written for it. */
export const MonthlyQuestionForm = z
  .discriminatedUnion("intent", [
    z.object({
      intent: z.literal("choose"),
      month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, t("monthly.monthRequired")),
      questionId: z
        .string({ required_error: t("monthly.questionRequired") })
        .trim()
        .min(1, t("monthly.questionRequired"))
        .max(64),
    }),
    z.object({
      intent: z.literal("auto"),
      month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, t("monthly.monthRequired")),
    }),
    z.object({
      intent: z.literal("write"),
      month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, t("monthly.monthRequired")),
      prompt: z
        .string({ required_error: t("monthly.promptRequired") })
        .trim()
        .min(1, t("monthly.promptRequired"))
        .max(400, t("monthly.promptRequired")),
      /** As typed, blanks included: `answer` counts from 1 among them. */
      choices: z
        .array(z.string().trim().max(100, t("monthly.choicesRequired")))
        .max(WRITTEN_CHOICES)
        .refine((choices) => choices.filter((c) => c !== "").length >= 2, t("monthly.choicesRequired")),
      answer: z.coerce
        .number({ invalid_type_error: t("monthly.answerRequired") })
        .int(t("monthly.answerRequired"))
        .min(1, t("monthly.answerRequired"))
        .max(WRITTEN_CHOICES, t("monthly.answerRequired")),
      explanation: z
        .string({ required_error: t("monthly.explanationRequired") })
        .trim()
        .min(1, t("monthly.explanationRequired"))
        .max(1000, t("monthly.explanationRequired")),
      clause: z
        .string({ required_error: t("monthly.clauseRequired") })
        .min(1, t("monthly.clauseRequired"))
        .max(64),
    }),
  ])
  .superRefine((value, context) => {
    if (value.intent === "write" && !value.choices[value.answer - 1])
      context.addIssue({ code: "custom", path: ["answer"], message: t("monthly.answerRequired") });
  });

/** A question written for the month, as the form gives it (see MonthlyQuestionForm). */
export type WrittenQuestion = Extract<z.infer<typeof MonthlyQuestionForm>, { intent: "write" }>;

/** The question-of-the-month form's fields: the written question's choices are choice1…choice4. */
export function monthlyQuestionFormValues(form: FormData): Record<string, unknown> {
  const values: Record<string, unknown> = Object.fromEntries(
    ["intent", "month", "questionId", "prompt", "answer", "explanation", "clause"].map((name) => {
      const value = form.get(name);
      return [name, typeof value === "string" ? value : undefined];
    }),
  );
  values.choices = Array.from({ length: WRITTEN_CHOICES }, (_, i) => form.get(`choice${i + 1}`)).map((v) =>
    typeof v === "string" ? v : "",
  );
  return values;
}

/** One click on a choice of the question of the month. */
export const MonthlyAnswerForm = z.object({
  monthlyQuestionId: z.coerce.number().int().positive().max(2_147_483_647),
  choiceId: z.string().min(1).max(64),
});
