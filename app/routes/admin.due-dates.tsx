import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { employeeTypeOptions, FilterSelect, organisationOptions, trackOptions } from "~/components/FilterFields.tsx";
import { bulkDueDateForm, dueDateWindow } from "~/domain/due-date-form.ts";
import { fiscalYearLabel, fiscalYearOf } from "~/domain/fiscal-year.ts";
import { today } from "~/lib/clock.server.ts";
import { readForm } from "~/lib/form-body.server.ts";
import { t } from "~/lib/i18n.ts";
import { actorOf, requireUser } from "~/lib/session.server.ts";
import { countExtendable, extendDueDates } from "~/services/assignments.server.ts";
import { listTracks } from "~/services/catalogue.server.ts";
import { staffFormOptions } from "~/services/staff-directory.server.ts";
import { FormOutcome } from "~/components/FormOutcome.tsx";

export const meta: MetaFunction = () => [{ title: `${t("due.title")} | ${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: ["HR", "ADMIN"] });
  const [options, tracks] = await Promise.all([staffFormOptions(), listTracks()]);
  const current = fiscalYearOf(today());
  return {
    options,
    tracks: tracks.map((tr) => ({ id: tr.id, name: tr.name })),
    years: [current, current - 1].map((year) => ({ year, label: fiscalYearLabel(year) })),
    dueWindow: dueDateWindow(today()),
  };
}

type Result = { error?: string; preview?: string; done?: string; values?: Record<string, string> };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: ["HR", "ADMIN"] });
  const form = Object.fromEntries(await readForm(request));
  const parsed = bulkDueDateForm(today()).safeParse(form);
  const values = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, String(v)]));
  if (!parsed.success) return data<Result>({ error: parsed.error.issues[0]!.message, values }, { status: 400 });
  const { intent, newDueDate, reason, ...selection } = parsed.data;
  if (intent === "preview") {
    const count = await countExtendable(selection, newDueDate);
    return data<Result>({ preview: t("due.previewResult", { count, date: newDueDate }), values });
  }
  const count = await extendDueDates(actorOf(user, context), selection, newDueDate, reason);
  return data<Result>({ done: t("due.done", { count, date: newDueDate }) });
}

export default function DueDates() {
  const { options, tracks, years, dueWindow } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const v = result?.values ?? {};
  return (
    <>
      <h1>{t("due.title")}</h1>
      <p className="lead">{t("due.lead")}</p>
      <FormOutcome error={result?.error} done={result?.done} />
      <Form method="post" className="card form-grid" key={result?.done ?? "form"}>
        <div className="field">
          <label htmlFor="fiscalYear">{t("rollover.fiscalYear")}</label>
          <select id="fiscalYear" name="fiscalYear" defaultValue={v.fiscalYear}>
            {years.map((y) => (
              <option key={y.year} value={y.year}>
                {y.label}
              </option>
            ))}
          </select>
        </div>
        <FilterSelect
          id="trackId"
          label={t("certificate.track")}
          options={trackOptions(tracks)}
          defaultValue={v.trackId}
        />
        <FilterSelect
          id="organisationId"
          label={t("staff.organisation")}
          options={organisationOptions(options.organisations)}
          defaultValue={v.organisationId}
        />
        <FilterSelect
          id="employeeTypeCode"
          label={t("staff.employeeType")}
          options={employeeTypeOptions(options.employeeTypes)}
          defaultValue={v.employeeTypeCode}
        />
        <div className="field">
          <label htmlFor="newDueDate">{t("due.newDate")}</label>
          <input
            id="newDueDate"
            name="newDueDate"
            type="date"
            required
            min={dueWindow.from}
            max={dueWindow.to}
            defaultValue={v.newDueDate}
          />
        </div>
        <div className="field">
          <label htmlFor="reason">{t("due.reason")}</label>
          <input
            id="reason"
            name="reason"
            required
            maxLength={200}
            defaultValue={v.reason}
            aria-describedby="reason-hint"
          />
          <p id="reason-hint" className="field-hint">
            {t("due.reasonHint")}
          </p>
        </div>
        {result?.preview ? (
          <p role="status" className="notice form-actions">
            {result.preview}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" name="intent" value="preview" className="button button-quiet" disabled={busy}>
            {t("due.preview")}
          </button>
          <button type="submit" name="intent" value="apply" className="button button-primary" disabled={busy}>
            {t("due.apply")}
          </button>
        </div>
      </Form>
    </>
  );
}
