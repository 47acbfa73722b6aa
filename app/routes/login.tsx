import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { LoginForm } from "~/domain/login-form.ts";
import { env } from "~/lib/env.server.ts";
import { readForm } from "~/lib/form-body.server.ts";
import { t } from "~/lib/i18n.ts";
import { safeRedirect } from "~/lib/safe-redirect.ts";
import { createUserSession, getUser } from "~/lib/session.server.ts";
import { signIn } from "~/services/auth.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("login.title")} | ${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  // The form carries redirectTo on to the action: only a safe path is put in it.
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  if (await getUser(request)) throw redirect(redirectTo);
  return { redirectTo };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = LoginForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ error: t("login.required") }, { status: 400 });
  const result = await signIn(parsed.data.employeeNumber, parsed.data.password, context.clientAddress);
  if (result.ok) return createUserSession(request, result, parsed.data.redirectTo ?? "/", context.clientAddress);
  switch (result.reason) {
    case "throttled":
      return data({ error: t("login.throttled") }, { status: 429 });
    case "directoryUnavailable":
      return data({ error: t("login.directoryUnavailable") }, { status: 503 });
    default:
      // A locked account is answered as a wrong password, whatever was
      // typed: the answer must not confirm a guess the lock kept unchecked.
      return data(
        { error: t("login.failed", { max: env.LOGIN_MAX_FAILURES, minutes: env.LOGIN_LOCK_MINUTES }) },
        { status: 401 },
      );
  }
}

export default function Login() {
  const result = useActionData<typeof action>();
  const { redirectTo } = useLoaderData<typeof loader>();
  const submitting = useNavigation().state === "submitting";
  return (
    <section className="card card-narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t("login.title")}</h1>
      <p>{t("login.lead")}</p>
      <Form method="post" className="form">
        {result?.error ? (
          <p id="login-error" role="alert" className="form-error">
            {result.error}
          </p>
        ) : null}
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <div className="field">
          <label htmlFor="employeeNumber">{t("login.employeeNumber")}</label>
          <input
            id="employeeNumber"
            name="employeeNumber"
            autoComplete="username"
            inputMode="numeric"
            required
            aria-describedby={result?.error ? "employeeNumber-hint login-error" : "employeeNumber-hint"}
            aria-invalid={result?.error ? true : undefined}
          />
          <p id="employeeNumber-hint" className="field-hint">
            {t("login.employeeNumberHint")}
          </p>
        </div>
        <div className="field">
          <label htmlFor="password">{t("login.password")}</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-invalid={result?.error ? true : undefined}
          />
        </div>
        <button type="submit" className="button button-primary" disabled={submitting}>
          {t("login.submit")}
        </button>
      </Form>
    </section>
  );
}
