import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { fiscalYearLabel, fiscalYearOf } from "~/domain/fiscal-year.ts";
import { today } from "~/lib/clock.server.ts";
import { readForm } from "~/lib/form-body.server.ts";
import { t } from "~/lib/i18n.ts";
import { actorOf, requireUser } from "~/lib/session.server.ts";
import { rollOverFiscalYear } from "~/services/assignments.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("rollover.title")} | ${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const current = fiscalYearOf(today());
  return { years: [current, current + 1].map((year) => ({ year, label: fiscalYearLabel(year) })) };
}

const RolloverForm = z.object({ fiscalYear: z.coerce.number().int().min(2000).max(2100) });

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "ADMIN" });
  const parsed = RolloverForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ message: t("error.unexpected") }, { status: 400 });
  const summary = await rollOverFiscalYear(actorOf(user, context), parsed.data.fiscalYear, today());
  return { message: t("rollover.done", { label: fiscalYearLabel(parsed.data.fiscalYear), ...summary }) };
}

export default function Rollover() {
  const { years } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <h1>{t("rollover.title")}</h1>
      <p className="lead">{t("rollover.lead")}</p>
      {result ? (
        <p role="status" className="notice">
          {result.message}
        </p>
      ) : null}
      <Form method="post" className="card inline-form">
        <div className="field">
          <label htmlFor="fiscalYear">{t("rollover.fiscalYear")}</label>
          <select id="fiscalYear" name="fiscalYear" defaultValue={years[0]!.year}>
            {years.map((y) => (
              <option key={y.year} value={y.year}>
                {y.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {t("rollover.run")}
        </button>
      </Form>
      <p className="field-hint">{t("rollover.cli", { year: years[0]!.year })}</p>
    </>
  );
}
