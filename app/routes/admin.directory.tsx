import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { describeChanges, rejectionMessage, StaffChangeLists } from "~/components/StaffChanges.tsx";
import type { ImportProblem } from "~/domain/staff-csv.ts";
import { readForm } from "~/lib/form-body.server.ts";
import { t } from "~/lib/i18n.ts";
import { actorOf, requireUser } from "~/lib/session.server.ts";
import { checkDirectorySync, syncStaffFromDirectory } from "~/services/directory-sync.server.ts";
import { directorySettings } from "~/services/ldap.server.ts";
import type { StaffImportPlan } from "~/services/staff-import.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("directory.title")} | ${t("app.name")}` }];

const PREVIEW_ROWS = 100;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  // Where Mamori looks, never the bind account's password.
  return directorySettings
    ? { url: directorySettings.url, baseDn: directorySettings.baseDn, filter: directorySettings.userFilter }
    : null;
}

const SyncForm = z.object({
  intent: z.enum(["check", "apply"]),
  deactivateMissing: z.literal("on").optional(),
});

type ActionData =
  | { step: "problems"; message: string; problems: ImportProblem[] }
  | { step: "preview"; found: number; plan: ReturnType<typeof previewOf> }
  | { step: "done"; message: string };

function previewOf(plan: StaffImportPlan) {
  return {
    created: plan.created.length,
    updated: plan.updated.length,
    unchanged: plan.unchanged,
    newSections: plan.newSections.map((s) => s.name),
    createdRows: plan.created.slice(0, PREVIEW_ROWS).map((r) => ({ employeeNumber: r.employeeNumber, name: r.name })),
    updatedRows: plan.updated
      .slice(0, PREVIEW_ROWS)
      .map((u) => ({ employeeNumber: u.row.employeeNumber, name: u.row.name, changes: describeChanges(u.changes) })),
    missing: plan.missing.length,
    missingRows: plan.missing.slice(0, PREVIEW_ROWS),
  };
}

const refusal = (message: string, status: number) =>
  data<ActionData>({ step: "problems", message, problems: [] }, { status });

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "ADMIN" });
  const parsed = SyncForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return refusal(t("error.unexpected"), 400);
  if (!directorySettings) return refusal(t("directory.notConfigured"), 409);

  const result =
    parsed.data.intent === "check"
      ? await checkDirectorySync(directorySettings, user.role)
      : await syncStaffFromDirectory(directorySettings, {
          actor: actorOf(user, context),
          actorRole: user.role,
          deactivateMissing: parsed.data.deactivateMissing === "on",
        });
  if ("reason" in result) {
    return result.reason === "unavailable"
      ? refusal(t("directory.unavailable"), 503)
      : refusal(t("directory.empty"), 422);
  }
  if (!result.ok) {
    const message = rejectionMessage(t("directory.rejected", { count: result.problemCount }), result);
    return data<ActionData>({ step: "problems", message, problems: result.problems }, { status: 400 });
  }
  if ("plan" in result) return data<ActionData>({ step: "preview", found: result.found, plan: previewOf(result.plan) });
  const { created, updated, unchanged, deactivated } = result;
  return data<ActionData>({ step: "done", message: t("directory.done", { created, updated, unchanged, deactivated }) });
}

export default function DirectorySync() {
  const settings = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <h1>{t("directory.title")}</h1>
      <p className="lead">{t("directory.lead")}</p>
      {settings ? (
        <section className="card" aria-labelledby="directory-settings">
          <h2 id="directory-settings">{t("directory.settings")}</h2>
          <dl className="profile">
            <dt>{t("directory.server")}</dt>
            <dd>{settings.url}</dd>
            <dt>{t("directory.baseDn")}</dt>
            <dd>{settings.baseDn}</dd>
            <dt>{t("directory.filter")}</dt>
            <dd>
              <code>{settings.filter}</code>
            </dd>
          </dl>
          <Form method="post">
            <button type="submit" name="intent" value="check" className="button button-primary" disabled={busy}>
              {t("directory.check")}
            </button>
          </Form>
        </section>
      ) : (
        <p className="notice">{t("directory.notConfigured")}</p>
      )}

      {result?.step === "done" ? (
        <p role="status" className="notice">
          {result.message}
        </p>
      ) : null}

      {result?.step === "problems" ? (
        <section className="notice notice-error" role="alert" aria-labelledby="directory-problems">
          <h2 id="directory-problems">{result.message}</h2>
          {result.problems.length > 0 ? (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("directory.entry")}</th>
                    <th scope="col">{t("import.problemColumn")}</th>
                    <th scope="col">{t("import.problemMessage")}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.problems.map((p, i) => (
                    <tr key={i}>
                      <td>
                        <code>{p.entry}</code>
                      </td>
                      <td>{p.column}</td>
                      <td>{p.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      ) : null}

      {result?.step === "preview" ? (
        <section className="card" aria-labelledby="directory-preview">
          <h2 id="directory-preview">{t("directory.previewTitle")}</h2>
          <p role="status">
            <strong>
              {t("import.summary", {
                created: result.plan.created,
                updated: result.plan.updated,
                unchanged: result.plan.unchanged,
              })}
            </strong>
            <br />
            {t("directory.found", { count: result.found })}
          </p>
          <StaffChangeLists
            newSections={result.plan.newSections}
            created={result.plan.created}
            createdRows={result.plan.createdRows}
            updated={result.plan.updated}
            updatedRows={result.plan.updatedRows}
          />
          <Form method="post" className="form">
            {result.plan.missing > 0 ? (
              <fieldset>
                <legend>{t("directory.missingList", { count: result.plan.missing })}</legend>
                <p className="field-hint">{t("directory.missingHint")}</p>
                <ul className="compact-list">
                  {result.plan.missingRows.map((m) => (
                    <li key={m.employeeNumber}>
                      {m.employeeNumber} {m.name}（{m.organisationName}）
                    </li>
                  ))}
                </ul>
                <label className="checkbox">
                  <input type="checkbox" name="deactivateMissing" /> {t("directory.deactivateMissing")}
                </label>
              </fieldset>
            ) : null}
            <div className="form-actions">
              <button type="submit" name="intent" value="apply" className="button button-primary" disabled={busy}>
                {t("directory.apply")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}
