import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { EditorField } from "~/components/EditorField.tsx";
import { editClause } from "~/domain/content/edit.ts";
import { ClauseFormSchema } from "~/domain/content/edit-forms.ts";
import type { LocatedProblem } from "~/domain/content/problems-ja.ts";
import { t, type MessageKey } from "~/lib/i18n.ts";
import { actorOf, requireUser } from "~/lib/session.server.ts";
import { activeDraft, checkDraft, draftContent, editDraft } from "~/services/content-draft.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("content.title")} | ${t("app.name")}` }];

async function findClause(id: string | undefined) {
  const draft = await activeDraft();
  const clause = draft && draftContent(draft.files).clauses.find((c) => c.id === id);
  if (!draft || !clause) throw new Response(t("error.notFound"), { status: 404 });
  return { draft, clause };
}

const problemsOf = (problems: LocatedProblem[], id: string) =>
  problems.filter((p) => p.target.kind === "clause" && p.target.key === id);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: ["ADMIN"] });
  const { draft, clause } = await findClause(params.clauseId);
  return {
    clause: { id: clause.id, heading: clause.heading, text: clause.text },
    editable: draft.status === "open",
    problems: problemsOf(checkDraft(draft.files).problems, clause.id),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: ["ADMIN"] });
  const { clause } = await findClause(params.clauseId);
  const form = ClauseFormSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) return data({ message: t("edit.invalid"), saved: false, problems: null }, { status: 400 });
  const value = { heading: form.data.heading.trim(), text: form.data.text.trim() };
  const result = await editDraft(actorOf(user, context), { kind: "clause", key: clause.id }, (files) =>
    editClause(files, clause.id, value),
  );
  if (!result.ok) {
    return data(
      { message: t(`content.refused.${result.reason}` as MessageKey), saved: false, problems: null },
      { status: 409 },
    );
  }
  return { message: t("content.saved"), saved: true, problems: problemsOf(result.problems, clause.id) };
}

export default function ClauseEditor() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const problems = result?.problems ?? loaded.problems;
  const c = loaded.clause;
  return (
    <>
      <p>
        <Link to="/admin/content">{t("content.back")}</Link>
      </p>
      <h1>{t("clauseEdit.title", { id: c.id })}</h1>
      {result?.message ? (
        <p role={result.saved ? "status" : "alert"} className={result.saved ? "notice" : "notice notice-error"}>
          {result.message}
        </p>
      ) : null}
      <Form method="post" className="form-stack">
        <EditorField id="heading" label={t("clauseEdit.heading")}>
          <input type="text" id="heading" name="heading" defaultValue={c.heading} />
        </EditorField>
        <EditorField
          id="text"
          label={t("clauseEdit.text")}
          error={problems.map((p) => p.message).join(" ") || undefined}
        >
          <textarea id="text" name="text" rows={8} defaultValue={c.text} />
        </EditorField>
        {loaded.editable ? (
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {t("content.save")}
            </button>
          </div>
        ) : null}
      </Form>
    </>
  );
}
