import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/Field.tsx";
import { PasswordForm } from "~/domain/password-form.ts";
import { MIN_PASSWORD_LENGTH } from "~/domain/password-policy.ts";
import { env } from "~/lib/env.server.ts";
import { readForm } from "~/lib/form-body.server.ts";
import { t } from "~/lib/i18n.ts";
import { createUserSession, requireUser } from "~/lib/session.server.ts";
import { changePassword, passwordIsTheDirectorys } from "~/services/auth.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("password.title")} | ${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { initial: user.mustChangePassword, directory: await passwordIsTheDirectorys(user.id) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await readForm(request), { schema: PasswordForm });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await changePassword(user.id, submission.value);
  if (!result.ok) {
    const field =
      result.problem === "wrongCurrent" ? "current" : result.problem === "mismatch" ? "confirmation" : "next";
    const message = t(`password.${result.problem}`, {
      min: MIN_PASSWORD_LENGTH,
      max: env.LOGIN_MAX_FAILURES,
      minutes: env.LOGIN_LOCK_MINUTES,
    });
    return data(submission.reply({ fieldErrors: { [field]: [message] } }), { status: 400 });
  }
  return createUserSession(
    request,
    { staffId: user.id, sessionVersion: result.sessionVersion },
    "/",
    context.clientAddress,
  );
}

export default function ChangePassword() {
  const { initial, directory } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(PasswordForm),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PasswordForm }),
  });
  if (directory) {
    return (
      <section className="card card-narrow" aria-labelledby="password-title">
        <h1 id="password-title">{t("password.title")}</h1>
        <p>{t("password.directoryManaged")}</p>
      </section>
    );
  }
  return (
    <section className="card card-narrow" aria-labelledby="password-title">
      <h1 id="password-title">{t("password.title")}</h1>
      <p>{initial ? t("password.leadInitial") : t("password.lead")}</p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <Field
          field={fields.current}
          label={t("password.current")}
          hint={initial ? t("password.currentHintInitial") : undefined}
        >
          <input
            {...getInputProps(fields.current, {
              type: "password",
              ariaDescribedBy: initial ? fields.current.descriptionId : undefined,
            })}
            autoComplete="current-password"
          />
        </Field>
        <Field
          field={fields.next}
          label={t("password.next")}
          hint={t("password.nextHint", { min: MIN_PASSWORD_LENGTH })}
        >
          <input
            {...getInputProps(fields.next, { type: "password", ariaDescribedBy: fields.next.descriptionId })}
            autoComplete="new-password"
          />
        </Field>
        <Field field={fields.confirmation} label={t("password.confirmation")}>
          <input {...getInputProps(fields.confirmation, { type: "password" })} autoComplete="new-password" />
        </Field>
        <button type="submit" className="button button-primary">
          {t("password.submit")}
        </button>
      </Form>
    </section>
  );
}
