import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { EditorField } from "~/components/EditorField.tsx";
import { clausesKeepingHeadings, replacePolicy } from "~/domain/content/edit.ts";
import { clauseSheet, MAX_POLICY_SOURCE_CHARS, parseClauseSheet, splitPolicy } from "~/domain/content/split-policy.ts";
import { t, type MessageKey } from "~/lib/i18n.ts";
import { actorOf, requireUser } from "~/lib/session.server.ts";
import { readForm } from "~/lib/form-body.server.ts";
import { getCity } from "~/services/city.server.ts";
import { activeDraft, editDraft } from "~/services/content-draft.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("policyImport.title")} | ${t("app.name")}` }];

/** The sheet holds the proposal plus its "## id" lines: some room over the source. */
const MAX_SHEET_CHARS = MAX_POLICY_SOURCE_CHARS * 2;
/** A text file of the longest accepted policy: up to 3 bytes a character in UTF-8. */
const MAX_FILE_BYTES = MAX_POLICY_SOURCE_CHARS * 3;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: ["ADMIN"] });
  const [draft, city] = await Promise.all([activeDraft(), getCity()]);
  if (!draft) throw new Response(t("content.refused.noDraft"), { status: 404 });
  return { title: city.policyTitle, editable: draft.status === "open" };
}

const ImportForm = z.object({
  intent: z.enum(["split", "apply"]).catch("split"),
  // Checked for length below, with a message of its own.
  source: z.string().default(""),
  sheet: z.string().max(MAX_SHEET_CHARS).default(""),
  title: z.string().max(200).default(""),
  revised: z.string().max(20).default(""),
});

type ImportResult = {
  message: string;
  ok: boolean;
  sheet?: string;
  /** Clauses the pasted text gives no heading: they keep the current one. */
  kept?: { id: string; heading: string }[];
  errors?: Record<string, string>;
};

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: ["ADMIN"] });
  const body = await readForm(request);
  const file = body.get("file");
  const fields = Object.fromEntries([...body.entries()].filter(([, v]) => typeof v === "string"));
  const form = ImportForm.safeParse(fields);
  if (!form.success) return data<ImportResult>({ ok: false, message: t("edit.invalid") }, { status: 400 });
  if (form.data.intent === "split") {
    const tooLong = t("policyImport.tooLong", { max: MAX_POLICY_SOURCE_CHARS.toLocaleString("ja-JP") });
    if (file instanceof File && file.size > MAX_FILE_BYTES) {
      return data<ImportResult>({ ok: false, message: tooLong, errors: { file: tooLong } }, { status: 400 });
    }
    const uploaded = file instanceof File && file.size > 0 ? await file.text() : "";
    const source = uploaded || form.data.source;
    if (source.length > MAX_POLICY_SOURCE_CHARS) {
      const field = uploaded ? "file" : "source";
      return data<ImportResult>({ ok: false, message: tooLong, errors: { [field]: tooLong } }, { status: 400 });
    }
    if (!source.trim()) {
      return data<ImportResult>(
        { ok: false, message: t("policyImport.empty"), errors: { source: t("policyImport.empty") } },
        { status: 400 },
      );
    }
    const clauses = splitPolicy(source);
    const draft = await activeDraft();
    const kept = draft ? clausesKeepingHeadings(draft.files, clauses) : [];
    return data<ImportResult>({
      ok: true,
      message: t("policyImport.proposed", { count: clauses.length }),
      sheet: clauseSheet(clauses),
      kept,
    });
  }
  const clauses = parseClauseSheet(form.data.sheet);
  const errors: Record<string, string> = {};
  if (clauses.length === 0) errors.sheet = t("policyImport.noClauses");
  const revised = form.data.revised.trim() || null;
  if (revised && !/^\d{4}-\d{2}-\d{2}$/.test(revised)) errors.revised = t("policyImport.badRevised");
  if (!form.data.title.trim()) errors.title = t("edit.invalid");
  if (Object.keys(errors).length > 0) {
    return data<ImportResult>(
      { ok: false, message: t("edit.invalid"), sheet: form.data.sheet, errors },
      { status: 400 },
    );
  }
  const result = await editDraft(actorOf(user, context), { kind: "clause", key: "*" }, (files) =>
    replacePolicy(files, { title: form.data.title.trim(), revised, clauses }),
  );
  if (!result.ok) {
    return data<ImportResult>(
      { ok: false, message: t(`content.refused.${result.reason}` as MessageKey) },
      { status: 409 },
    );
  }
  return redirect(`/admin/content?policy=${clauses.length}`);
}

export default function PolicyImport() {
  const { title, editable } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = result?.errors ?? {};
  return (
    <>
      <p>
        <Link to="/admin/content">{t("content.back")}</Link>
      </p>
      <h1>{t("policyImport.title")}</h1>
      <p className="lead">{t("policyImport.lead")}</p>
      {result ? (
        <p role={result.ok ? "status" : "alert"} className={result.ok ? "notice" : "notice notice-error"}>
          {result.message}
        </p>
      ) : null}
      {result?.sheet === undefined ? (
        <Form method="post" encType="multipart/form-data" className="form-stack">
          <EditorField id="source" label={t("policyImport.source")} error={errors.source}>
            <textarea id="source" name="source" rows={16} />
          </EditorField>
          <EditorField id="file" label={t("policyImport.file")} error={errors.file}>
            <input type="file" id="file" name="file" accept=".txt,text/plain" />
          </EditorField>
          <div className="form-actions">
            <button type="submit" name="intent" value="split" className="button button-primary" disabled={busy}>
              {t("policyImport.split")}
            </button>
          </div>
        </Form>
      ) : (
        <Form method="post" className="form-stack">
          <EditorField id="title" label={t("policyImport.titleField")} error={errors.title}>
            <input type="text" id="title" name="title" defaultValue={title} />
          </EditorField>
          <EditorField id="revised" label={t("policyImport.revised")} error={errors.revised}>
            <input type="text" id="revised" name="revised" placeholder="2027-04-01" />
          </EditorField>
          {result.kept && result.kept.length > 0 ? (
            <div className="notice" data-testid="kept-headings">
              <p>{t("policyImport.kept", { count: result.kept.length })}</p>
              <ul>
                {result.kept.map((c) => (
                  <li key={c.id}>
                    {c.id} {c.heading}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <EditorField id="sheet" label={t("policyImport.sheet")} error={errors.sheet}>
            <textarea id="sheet" name="sheet" rows={30} defaultValue={result.sheet} className="code-input" />
          </EditorField>
          {editable ? (
            <div className="form-actions">
              <button type="submit" name="intent" value="apply" className="button button-primary" disabled={busy}>
                {t("policyImport.apply")}
              </button>
            </div>
          ) : null}
        </Form>
      )}
    </>
  );
}
