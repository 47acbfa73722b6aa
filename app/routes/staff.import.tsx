import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { describeChanges, rejectionMessage, StaffChangeLists } from "~/components/StaffChanges.tsx";
import { readForm } from "~/lib/form-body.server.ts";
import { t } from "~/lib/i18n.ts";
import { actorOf, requireUser } from "~/lib/session.server.ts";
import {
  checkStaffImport,
  importStaff,
  readStaffCsv,
  saveImportDraft,
  takeImportDraft,
  type StaffImportPlan,
  type StaffImportRejection,
} from "~/services/staff-import.server.ts";
import type { ImportProblem } from "~/domain/staff-csv.ts";

export const meta: MetaFunction = () => [{ title: `${t("import.title")} | ${t("app.name")}` }];

/** Largest CSV accepted: a prefecture's 100,000 staff fit in about 10 MB. */
const MAX_UPLOAD_MB = 20;
const PREVIEW_ROWS = 100;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: ["HR", "ADMIN"] });
  return null;
}

const ConfirmImport = z.object({ draftId: z.string().uuid(), deactivateMissing: z.literal("on").optional() });

type ActionData =
  | { step: "problems"; problems: ImportProblem[]; message: string }
  | { step: "preview"; draftId: string; fileName: string; plan: ReturnType<typeof previewOf> }
  | { step: "done"; message: string };

/** What the preview shows: counts, and the first rows of each list. */
function previewOf(plan: StaffImportPlan) {
  return {
    encoding: plan.encoding,
    created: plan.created.length,
    updated: plan.updated.length,
    unchanged: plan.unchanged,
    newSections: plan.newSections,
    createdRows: plan.created.slice(0, PREVIEW_ROWS).map((r) => ({ employeeNumber: r.employeeNumber, name: r.name })),
    updatedRows: plan.updated
      .slice(0, PREVIEW_ROWS)
      .map((u) => ({ employeeNumber: u.row.employeeNumber, name: u.row.name, changes: u.changes })),
    missing: plan.missing.length,
    missingRows: plan.missing.slice(0, PREVIEW_ROWS),
    // Never cut short: each is an ADMIN account the import will not touch.
    protectedRows: plan.protected,
  };
}

/** Only the first problems are sent (MAX_LISTED_PROBLEMS): the page of a million was 40 MB. */
function rejected(rejection: StaffImportRejection) {
  const message = rejectionMessage(t("import.rejected", { count: rejection.problemCount }), rejection);
  return data<ActionData>({ step: "problems", problems: rejection.problems, message }, { status: 400 });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: ["HR", "ADMIN"] });
  const actor = actorOf(user, context);

  let formData: FormData;
  try {
    formData = await readForm(request, { maxFileBytes: MAX_UPLOAD_MB * 1024 * 1024 });
  } catch (thrown) {
    // Shown on the page itself, where the person can pick another file.
    if (thrown instanceof Response && thrown.status === 413)
      return data<ActionData>(
        { step: "problems", problems: [], message: t("import.tooLarge", { mb: MAX_UPLOAD_MB }) },
        { status: 413 },
      );
    if (thrown instanceof Response && thrown.status === 400)
      return data<ActionData>({ step: "problems", problems: [], message: t("import.noFile") }, { status: 400 });
    throw thrown;
  }

  // The upload form sends a file field (empty when none was chosen); the confirmation does not.
  if (formData.has("file")) {
    const upload = formData.get("file");
    if (!(upload instanceof Blob) || upload.size === 0) {
      return data<ActionData>({ step: "problems", problems: [], message: t("import.noFile") }, { status: 400 });
    }
    const fileName = upload instanceof File && upload.name ? upload.name : "upload.csv";
    const file = await readStaffCsv(fileName, new Uint8Array(await upload.arrayBuffer()));
    const check = await checkStaffImport(file, user.role);
    if (!check.ok) return rejected(check);
    const draftId = await saveImportDraft(actor, file);
    return data<ActionData>({ step: "preview", draftId, fileName, plan: previewOf(check.plan) });
  }

  const confirm = ConfirmImport.safeParse(Object.fromEntries(formData));
  const file = confirm.success ? await takeImportDraft(actor, confirm.data.draftId) : null;
  if (!file) return data<ActionData>({ step: "problems", problems: [], message: t("import.expired") }, { status: 410 });
  const result = await importStaff(file, {
    actor,
    actorRole: user.role,
    deactivateMissing: confirm.success && confirm.data.deactivateMissing === "on",
  });
  if (!result.ok) return rejected(result);
  const { created, updated, unchanged, deactivated } = result;
  const message = t("import.done", { created, updated, unchanged, deactivated });
  return data<ActionData>({
    step: "done",
    message: result.protected > 0 ? `${message}${t("import.protectedDone", { count: result.protected })}` : message,
  });
}

export default function StaffImport() {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <p>
        <Link to="/staff">{t("staff.backToDirectory")}</Link>
      </p>
      <h1>{t("import.title")}</h1>
      <p className="lead">{t("import.lead")}</p>

      {result?.step === "done" ? (
        <p role="status" className="notice">
          {result.message} <Link to="/staff">{t("staff.backToDirectory")}</Link>
        </p>
      ) : null}

      {result?.step === "problems" ? (
        <section className="notice notice-error" role="alert" aria-labelledby="import-problems">
          <h2 id="import-problems">{result.message}</h2>
          {result.problems.length > 0 ? (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("import.lineHeader")}</th>
                    <th scope="col">{t("import.problemColumn")}</th>
                    <th scope="col">{t("import.problemMessage")}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.problems.map((p, i) => (
                    <tr key={i}>
                      <td className="number">{t("import.problemLine", { line: p.line })}</td>
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
        <section className="card" aria-labelledby="preview-title">
          <h2 id="preview-title">
            {t("import.previewTitle")}：{result.fileName}
          </h2>
          <p role="status">
            <strong>
              {t("import.summary", {
                created: result.plan.created,
                updated: result.plan.updated,
                unchanged: result.plan.unchanged,
              })}
            </strong>
            <br />
            {t("import.encoding", { encoding: result.plan.encoding ?? "" })}
          </p>
          <StaffChangeLists
            newSections={result.plan.newSections.map((section) => section.name)}
            created={result.plan.created}
            createdRows={result.plan.createdRows}
            updated={result.plan.updated}
            updatedRows={result.plan.updatedRows.map((r) => ({ ...r, changes: describeChanges(r.changes) }))}
          />
          {result.plan.protectedRows.length > 0 ? (
            <>
              <h3>{t("import.protectedList", { count: result.plan.protectedRows.length })}</h3>
              <p className="field-hint">{t("import.protectedHint")}</p>
              <ul className="compact-list">
                {result.plan.protectedRows.map((p) => (
                  <li key={p.employeeNumber}>
                    {p.employeeNumber} {p.name}：
                    {t(p.reason === "changed" ? "import.protectedChanged" : "import.protectedMissing")}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <Form method="post" className="form">
            <input type="hidden" name="draftId" value={result.draftId} />
            {result.plan.missing > 0 ? (
              <fieldset>
                <legend>{t("import.missingList", { count: result.plan.missing })}</legend>
                <p className="field-hint">{t("import.missingHint")}</p>
                <ul className="compact-list">
                  {result.plan.missingRows.map((m) => (
                    <li key={m.employeeNumber}>
                      {m.employeeNumber} {m.name}（{m.organisationName}）
                    </li>
                  ))}
                </ul>
                <label className="checkbox">
                  <input type="checkbox" name="deactivateMissing" /> {t("import.deactivateMissing")}
                </label>
              </fieldset>
            ) : null}
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={busy}>
                {t("import.confirm")}
              </button>
              <Link to="/staff/import" className="button button-quiet" reloadDocument>
                {t("import.cancel")}
              </Link>
            </div>
          </Form>
        </section>
      ) : (
        <section className="card">
          <Form method="post" encType="multipart/form-data" className="form">
            <div className="field">
              <label htmlFor="file">{t("import.file")}</label>
              <input id="file" name="file" type="file" accept=".csv,text/csv" required aria-describedby="file-hint" />
              <p id="file-hint" className="field-hint">
                {t("import.fileHint")}
              </p>
            </div>
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={busy}>
                {t("import.preview")}
              </button>
              <a href="/staff/import-template" download>
                {t("import.template")}
              </a>
            </div>
          </Form>
        </section>
      )}
    </>
  );
}
