import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { ClausePopover } from "~/components/ClausePopover.tsx";
import { EditorField, ProblemList } from "~/components/EditorField.tsx";
import { editModule } from "~/domain/content/edit.ts";
import { ModuleFormSchema, splitList } from "~/domain/content/edit-forms.ts";
import { t, type MessageKey } from "~/lib/i18n.ts";
import { actorOf, requireUser } from "~/lib/session.server.ts";
import { activeDraft, checkDraft, draftContent, editDraft, previewLesson } from "~/services/content-draft.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("content.title")} | ${t("app.name")}` }];

async function findModule(slug: string | undefined) {
  const draft = await activeDraft();
  const module = draft && draftContent(draft.files).modules.find((m) => m.slug === slug);
  if (!draft || !module) throw new Response(t("error.notFound"), { status: 404 });
  return { draft, module };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: ["ADMIN"] });
  const { draft, module } = await findModule(params.slug);
  return {
    module,
    editable: draft.status === "open",
    preview: previewLesson(draft.files, module.body),
    problems: checkDraft(draft.files).problems.filter(
      (p) => p.target.kind === "module" && p.target.key === module.slug,
    ),
  };
}

const ModuleAction = ModuleFormSchema.extend({ intent: z.enum(["preview", "save"]).catch("preview") });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: ["ADMIN"] });
  const { draft, module } = await findModule(params.slug);
  const form = ModuleAction.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) return data({ message: t("edit.invalid"), saved: false, preview: null }, { status: 400 });
  const value = { ...form.data, clauses: splitList(form.data.clauses) };
  if (form.data.intent === "preview") {
    return { message: null, saved: false, preview: previewLesson(draft.files, value.body) };
  }
  const result = await editDraft(actorOf(user, context), { kind: "module", key: module.slug }, (files) =>
    editModule(files, module.slug, value),
  );
  if (!result.ok) {
    return data(
      { message: t(`content.refused.${result.reason}` as MessageKey), saved: false, preview: null },
      { status: 409 },
    );
  }
  return { message: t("content.saved"), saved: true, preview: previewLesson(draft.files, value.body) };
}

/** Re-renders the preview on the server as the officer types, a moment after the last key. */
function useLivePreview(form: React.RefObject<HTMLFormElement | null>) {
  const fetcher = useFetcher<typeof action>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  const onInput = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!form.current) return;
      const body = new FormData(form.current);
      body.set("intent", "preview");
      fetcher.submit(body, { method: "post" });
    }, 400);
  };
  return { onInput, preview: fetcher.data?.preview ?? null };
}

export default function ModuleEditor() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const form = useRef<HTMLFormElement>(null);
  const live = useLivePreview(form);
  const preview = live.preview ?? result?.preview ?? loaded.preview;
  const m = loaded.module;
  return (
    <>
      <p>
        <Link to="/admin/content">{t("content.back")}</Link>
      </p>
      <h1>{t("moduleEdit.title", { title: m.title })}</h1>
      {result?.message ? (
        <p role={result.saved ? "status" : "alert"} className={result.saved ? "notice" : "notice notice-error"}>
          {result.message}
        </p>
      ) : null}
      <ProblemList problems={loaded.problems} />
      <div className="editor">
        <Form method="post" className="form-stack" ref={form} onInput={live.onInput}>
          <EditorField id="title" label={t("moduleEdit.titleField")}>
            <input type="text" id="title" name="title" defaultValue={m.title} />
          </EditorField>
          <EditorField id="summary" label={t("moduleEdit.summary")}>
            <textarea id="summary" name="summary" rows={2} defaultValue={m.summary} />
          </EditorField>
          <EditorField id="clauses" label={t("moduleEdit.clauses")}>
            <input type="text" id="clauses" name="clauses" defaultValue={m.clauses.join(" ")} />
          </EditorField>
          <EditorField id="body" label={t("moduleEdit.body")}>
            <textarea id="body" name="body" rows={24} defaultValue={m.body} className="code-input" />
          </EditorField>
          <div className="form-actions">
            <button type="submit" name="intent" value="preview" className="button" disabled={busy}>
              {t("content.updatePreview")}
            </button>
            {loaded.editable ? (
              <button type="submit" name="intent" value="save" className="button button-primary" disabled={busy}>
                {t("content.save")}
              </button>
            ) : null}
          </div>
        </Form>
        <section aria-labelledby="preview-heading" className="editor-preview lesson" aria-live="polite">
          <h2 id="preview-heading">{t("content.preview")}</h2>
          <p className="field-hint">{t("content.previewLead")}</p>
          <div className="lesson-body" dangerouslySetInnerHTML={{ __html: preview.html }} />
          {preview.cited.map((clause) => (
            <ClausePopover key={clause.id} clause={clause} />
          ))}
        </section>
      </div>
    </>
  );
}
