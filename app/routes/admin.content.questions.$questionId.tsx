import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { EditorField, ProblemList } from "~/components/EditorField.tsx";
import { QuestionPreview } from "~/components/QuestionPreview.tsx";
import { editQuestion } from "~/domain/content/edit.ts";
import { choiceLines, QuestionFormSchema, questionEdit } from "~/domain/content/edit-forms.ts";
import type { LocatedProblem } from "~/domain/content/problems-ja.ts";
import { reviewReasonKey } from "~/domain/content/review.ts";
import { t, type MessageKey } from "~/lib/i18n.ts";
import { actorOf, requireUser } from "~/lib/session.server.ts";
import { readForm } from "~/lib/form-body.server.ts";
import {
  activeDraft,
  checkDraft,
  confirmReview,
  draftContent,
  draftReview,
  editDraft,
} from "~/services/content-draft.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("content.title")} | ${t("app.name")}` }];

const notFound = () => new Response(t("error.notFound"), { status: 404 });

async function findQuestion(id: string | undefined) {
  const draft = await activeDraft();
  if (!draft || !id) throw notFound();
  const content = draftContent(draft.files);
  const question = content.questions.find((q) => q.id === id);
  if (!question) throw notFound();
  return { draft, question, clauses: content.clauses.map((c) => ({ id: c.id, heading: c.heading })) };
}

const problemsOf = (problems: LocatedProblem[], id: string) =>
  problems.filter((p) => p.target.kind === "question" && p.target.key === id);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: ["ADMIN"] });
  const { draft, question, clauses } = await findQuestion(params.questionId);
  const review = (await draftReview(draft)).items.find((item) => item.kind === "question" && item.key === question.id);
  return {
    review: review?.clauses ?? null,
    question,
    clauses,
    editable: draft.status === "open",
    problems: problemsOf(checkDraft(draft.files).problems, question.id),
  };
}

const QuestionAction = QuestionFormSchema.extend({ intent: z.enum(["preview", "save", "confirm"]).catch("preview") });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: ["ADMIN"] });
  const { question } = await findQuestion(params.questionId);
  const form = QuestionAction.safeParse(Object.fromEntries(await readForm(request)));
  if (!form.success)
    return data({ message: t("edit.invalid"), saved: false, edit: null, problems: [] }, { status: 400 });
  if (form.data.intent === "confirm") {
    const confirmed = await confirmReview(actorOf(user, context), "question", question.id);
    if (!confirmed.ok) {
      return data(
        { message: t(`content.refused.${confirmed.reason}` as MessageKey), saved: false, edit: null, problems: null },
        { status: 409 },
      );
    }
    return { message: t("review.confirmed"), saved: true, edit: null, problems: null };
  }
  const edit = questionEdit(form.data);
  if (form.data.intent === "preview") return { message: null, saved: false, edit, problems: null };
  const result = await editDraft(actorOf(user, context), { kind: "question", key: question.id }, (files) =>
    editQuestion(files, question.id, edit),
  );
  if (!result.ok) {
    return data(
      { message: t(`content.refused.${result.reason}` as MessageKey), saved: false, edit, problems: null },
      { status: 409 },
    );
  }
  return { message: t("content.saved"), saved: true, edit, problems: problemsOf(result.problems, question.id) };
}

export default function QuestionEditor() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const q = result?.edit ? { ...loaded.question, ...result.edit } : loaded.question;
  const problems = result?.problems ?? loaded.problems;
  const errorFor = (field: string) =>
    problems
      .filter((p) => p.target.kind === "question" && p.target.field === field)
      .map((p) => p.message)
      .join(" ") || undefined;
  const unplaced = problems.filter((p) => p.target.kind !== "question" || !p.target.field);
  return (
    <>
      <p>
        <Link to="/admin/content">{t("content.back")}</Link>
      </p>
      <h1>{t("questionEdit.title", { id: loaded.question.id })}</h1>
      {result?.message ? (
        <p role={result.saved ? "status" : "alert"} className={result.saved ? "notice" : "notice notice-error"}>
          {result.message}
        </p>
      ) : null}
      {loaded.review ? (
        <div className="notice notice-important" role="note">
          <p>{t("questionEdit.review")}</p>
          <ul>
            {loaded.review.map((c) => (
              <li key={c.id}>
                {t(reviewReasonKey(c.reason), { id: c.id })}
                {c.movedTo ? t("review.movedTo", { id: c.movedTo }) : ""}
              </li>
            ))}
          </ul>
          {loaded.editable ? (
            <Form method="post">
              <button type="submit" name="intent" value="confirm" className="button" disabled={busy}>
                {t("review.confirm")}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
      <ProblemList problems={unplaced} />
      <div className="editor">
        <Form method="post" className="form-stack" key={JSON.stringify(q)}>
          <EditorField id="type" label={t("questionEdit.type")} error={errorFor("type")}>
            <select id="type" name="type" defaultValue={q.type}>
              {(["single", "multiple", "truefalse"] as const).map((type) => (
                <option key={type} value={type}>
                  {t(`questionEdit.type.${type}`)}
                </option>
              ))}
            </select>
          </EditorField>
          <EditorField id="prompt" label={t("questionEdit.prompt")} error={errorFor("prompt")}>
            <textarea id="prompt" name="prompt" rows={4} defaultValue={q.prompt} />
          </EditorField>
          <EditorField id="choices" label={t("questionEdit.choices")} error={errorFor("choices")}>
            <textarea id="choices" name="choices" rows={5} defaultValue={choiceLines(q.choices)} />
          </EditorField>
          <EditorField id="answer" label={t("questionEdit.answer")} error={errorFor("answer")}>
            <input type="text" id="answer" name="answer" defaultValue={q.answer.join(" ")} />
          </EditorField>
          <EditorField id="explanation" label={t("questionEdit.explanation")} error={errorFor("explanation")}>
            <textarea id="explanation" name="explanation" rows={5} defaultValue={q.explanation} />
          </EditorField>
          <EditorField id="clause" label={t("questionEdit.clause")} error={errorFor("clause")}>
            <select id="clause" name="clause" defaultValue={q.clause}>
              {loaded.clauses.some((c) => c.id === q.clause) ? null : <option value={q.clause}>{q.clause}</option>}
              {loaded.clauses.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.id} {c.heading}
                </option>
              ))}
            </select>
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
        <section aria-labelledby="preview-heading" className="editor-preview">
          <h2 id="preview-heading">{t("content.preview")}</h2>
          <p className="field-hint">{t("content.previewLead")}</p>
          <QuestionPreview question={q} />
        </section>
      </div>
    </>
  );
}
