import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DataTable } from "~/components/DataTable.tsx";
import { BulletinForm, bulletinFormValues } from "~/domain/bulletin-form.ts";
import { bulletinsTable } from "~/domain/bulletin-tables.ts";
import { ROLES } from "~/domain/roles.ts";
import { today } from "~/lib/clock.server.ts";
import { readForm } from "~/lib/form-body.server.ts";
import { t } from "~/lib/i18n.ts";
import { OptionalIdQuery } from "~/lib/params.ts";
import { actorOf, requireUser } from "~/lib/session.server.ts";
import { bulletinOverview, createBulletin } from "~/services/bulletins.server.ts";
import { bulletinFromReports } from "~/services/mail-reports.server.ts";
import { staffFormOptions } from "~/services/staff-directory.server.ts";
import { FormOutcome } from "~/components/FormOutcome.tsx";

export const meta: MetaFunction = () => [{ title: `${t("bulletinAdmin.title")} | ${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: ["HR", "ADMIN"] });
  const day = today();
  // From the triage queue: a draft made from a group of real reports.
  const fromReport = OptionalIdQuery.parse(new URL(request.url).searchParams.get("fromReport"));
  const [options, bulletins, prefill] = await Promise.all([
    staffFormOptions(),
    bulletinOverview(day, undefined),
    fromReport === undefined ? null : bulletinFromReports(fromReport),
  ]);
  return {
    prefill,
    today: day,
    organisations: options.organisations.map((o) => ({ value: o.id, label: o.name })),
    employeeTypes: options.employeeTypes.map((e) => ({ value: e.code, label: e.name })),
    roles: ROLES.map((role) => ({ value: role, label: t(`role.${role}`) })),
    ids: bulletins.map((b) => b.id),
    table: bulletinsTable(bulletins),
  };
}

type Result = { error?: string; done?: string; values?: Record<string, unknown> };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: ["HR", "ADMIN"] });
  const values = bulletinFormValues(await readForm(request));
  const parsed = BulletinForm.safeParse(values);
  if (!parsed.success) return data<Result>({ error: parsed.error.issues[0]!.message, values }, { status: 400 });
  const created = await createBulletin(parsed.data, actorOf(user, context));
  if (!created.ok) return data<Result>({ error: created.error, values }, { status: 400 });
  return data<Result>({ done: t("bulletinAdmin.created", { title: parsed.data.title }) });
}

function Checkboxes({
  name,
  legend,
  options,
  checked,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  checked: unknown;
}) {
  const selected = new Set(Array.isArray(checked) ? checked : []);
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="checkbox">
          <input type="checkbox" name={name} value={o.value} defaultChecked={selected.has(o.value)} /> {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/** HR writes and publishes bulletins, and sees how far each has reached. */
export default function BulletinAdmin() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const v: Record<string, unknown> = result?.values ?? loaded.prefill ?? {};
  const text = (name: string) => (typeof v[name] === "string" ? (v[name] as string) : undefined);
  return (
    <>
      <h1>{t("bulletinAdmin.title")}</h1>
      <p className="lead">{t("bulletinAdmin.lead")}</p>
      <p className="actions">
        <Link className="button button-quiet" to="/admin/monthly-question">
          {t("bulletinAdmin.monthlyLink")}
        </Link>
        <Link className="button button-quiet" to="/reports/bulletins">
          {t("nav.bulletinReports")}
        </Link>
      </p>
      {loaded.prefill && !result ? (
        <p role="status" className="notice">
          {t("bulletinFromReports.prefilled")}
        </p>
      ) : null}
      <FormOutcome error={result?.error} done={result?.done} />
      <Form method="post" className="card form" key={result?.done ?? "form"}>
        <div className="field">
          <label htmlFor="title">{t("bulletinAdmin.subject")}</label>
          <input id="title" name="title" required maxLength={100} defaultValue={text("title")} />
        </div>
        <div className="field">
          <label htmlFor="body">{t("bulletinAdmin.body")}</label>
          <textarea
            id="body"
            name="body"
            required
            rows={8}
            maxLength={4000}
            defaultValue={text("body")}
            aria-describedby="body-hint"
          />
          <p id="body-hint" className="field-hint">
            {t("bulletinAdmin.bodyHint")}
          </p>
        </div>
        <div className="field">
          <label htmlFor="publishOn">{t("bulletinAdmin.publishOn")}</label>
          <input
            id="publishOn"
            name="publishOn"
            type="date"
            required
            defaultValue={text("publishOn") ?? loaded.today}
          />
        </div>
        <div className="field">
          <p className="field-label" id="audience-label">
            <strong>{t("bulletinAdmin.audience")}</strong>
          </p>
          <p className="field-hint">{t("bulletinAdmin.audienceHint")}</p>
          <div className="audience-fields" role="group" aria-labelledby="audience-label">
            <Checkboxes
              name="organisationIds"
              legend={t("bulletinAdmin.organisations")}
              options={loaded.organisations}
              checked={v.organisationIds}
            />
            <Checkboxes
              name="employeeTypeCodes"
              legend={t("bulletinAdmin.employeeTypes")}
              options={loaded.employeeTypes}
              checked={v.employeeTypeCodes}
            />
            <Checkboxes name="roles" legend={t("bulletinAdmin.roles")} options={loaded.roles} checked={v.roles} />
          </div>
        </div>
        <label className="checkbox">
          <input type="checkbox" name="mustConfirm" defaultChecked={v.mustConfirm === "on"} />{" "}
          {t("bulletinAdmin.mustConfirm")}
        </label>
        <label className="checkbox">
          <input type="checkbox" name="byMail" defaultChecked={v.byMail === "on"} /> {t("bulletinAdmin.byMail")}
        </label>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {t("bulletinAdmin.submit")}
          </button>
        </div>
      </Form>
      <section className="card" aria-labelledby="bulletin-list">
        <h2 id="bulletin-list">{t("bulletinAdmin.list")}</h2>
        {loaded.ids.length === 0 ? (
          <p>{t("bulletin.none")}</p>
        ) : (
          <DataTable
            table={loaded.table}
            cell={(row, column, value) =>
              column === 0 ? <Link to={`/reports/bulletins/${loaded.ids[row]}`}>{value}</Link> : value
            }
          />
        )}
      </section>
    </>
  );
}
