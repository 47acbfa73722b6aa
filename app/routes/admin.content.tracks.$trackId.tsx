import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { EditorField, ProblemList } from "~/components/EditorField.tsx";
import { editTrack } from "~/domain/content/edit.ts";
import { TrackFormSchema, trackEdit } from "~/domain/content/edit-forms.ts";
import type { LocatedProblem } from "~/domain/content/problems-ja.ts";
import { ROLES } from "~/domain/roles.ts";
import { t, type MessageKey } from "~/lib/i18n.ts";
import { actorOf, requireUser } from "~/lib/session.server.ts";
import { activeDraft, checkDraft, draftContent, editDraft } from "~/services/content-draft.server.ts";
import { staffFormOptions } from "~/services/staff-directory.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("content.title")} | ${t("app.name")}` }];

async function findTrack(id: string | undefined) {
  const draft = await activeDraft();
  const track = draft && draftContent(draft.files).tracks.find((tr) => tr.id === id);
  if (!draft || !track) throw new Response(t("error.notFound"), { status: 404 });
  return { draft, track };
}

const problemsOf = (problems: LocatedProblem[], id: string) =>
  problems.filter((p) => p.target.kind === "track" && p.target.key === id);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: ["ADMIN"] });
  const [{ draft, track }, options] = await Promise.all([findTrack(params.trackId), staffFormOptions()]);
  return {
    track,
    employeeTypes: options.employeeTypes,
    editable: draft.status === "open",
    problems: problemsOf(checkDraft(draft.files).problems, track.id),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: ["ADMIN"] });
  const { track } = await findTrack(params.trackId);
  const body = await request.formData();
  const form = TrackFormSchema.safeParse(Object.fromEntries(body));
  if (!form.success) return data({ message: t("edit.invalid"), saved: false, problems: null }, { status: 400 });
  const strings = (name: string) =>
    body
      .getAll(name)
      .map(String)
      .filter((v) => v.length <= 64);
  const roles = strings("roles").filter((r) => (ROLES as readonly string[]).includes(r));
  const value = trackEdit(form.data, strings("employeeTypes"), roles);
  const result = await editDraft(actorOf(user, context), { kind: "track", key: track.id }, (files) =>
    editTrack(files, track.id, value),
  );
  if (!result.ok) {
    return data(
      { message: t(`content.refused.${result.reason}` as MessageKey), saved: false, problems: null },
      { status: 409 },
    );
  }
  return { message: t("content.saved"), saved: true, problems: problemsOf(result.problems, track.id) };
}

export default function TrackEditor() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const tr = loaded.track;
  const problems = result?.problems ?? loaded.problems;
  const due = tr.due;
  return (
    <>
      <p>
        <Link to="/admin/content">{t("content.back")}</Link>
      </p>
      <h1>{t("trackEdit.title", { name: tr.name })}</h1>
      {result?.message ? (
        <p role={result.saved ? "status" : "alert"} className={result.saved ? "notice" : "notice notice-error"}>
          {result.message}
        </p>
      ) : null}
      <ProblemList problems={problems} />
      <Form method="post" className="form-stack">
        <EditorField id="modules" label={t("trackEdit.modules")}>
          <input type="text" id="modules" name="modules" defaultValue={tr.modules.join(" ")} />
        </EditorField>
        <EditorField id="quizQuestions" label={t("trackEdit.quizQuestions")}>
          <input type="number" id="quizQuestions" name="quizQuestions" min={1} defaultValue={tr.quiz.questions} />
        </EditorField>
        <EditorField id="passPercent" label={t("trackEdit.passPercent")}>
          <input
            type="number"
            id="passPercent"
            name="passPercent"
            min={1}
            max={100}
            defaultValue={tr.quiz.passPercent}
          />
        </EditorField>
        <fieldset>
          <legend>{t("trackEdit.dueKind")}</legend>
          <label>
            <input type="radio" name="dueKind" value="daysAfter" defaultChecked={due.kind === "daysAfter"} />{" "}
            {t("trackEdit.dueDaysAfter")}
          </label>
          <EditorField id="dueDays" label={t("trackEdit.dueDays")}>
            <input
              type="number"
              id="dueDays"
              name="dueDays"
              min={0}
              defaultValue={due.kind === "daysAfter" ? due.days : 30}
            />
          </EditorField>
          <EditorField id="dueFrom" label={t("trackEdit.dueFrom")}>
            <select id="dueFrom" name="dueFrom" defaultValue={due.kind === "daysAfter" ? due.from : "assigned"}>
              {(["start", "appointment", "assigned"] as const).map((from) => (
                <option key={from} value={from}>
                  {t(`trackEdit.dueFrom.${from}`)}
                </option>
              ))}
            </select>
          </EditorField>
          <label>
            <input type="radio" name="dueKind" value="fiscalYearDate" defaultChecked={due.kind === "fiscalYearDate"} />{" "}
            {t("trackEdit.dueFiscalYearDate")}
          </label>
          <EditorField id="dueDate" label={t("trackEdit.dueDate")}>
            <input
              type="text"
              id="dueDate"
              name="dueDate"
              defaultValue={due.kind === "fiscalYearDate" ? due.monthDay : ""}
            />
          </EditorField>
        </fieldset>
        <fieldset>
          <legend>{t("trackEdit.employeeTypes")}</legend>
          {loaded.employeeTypes.map((type) => (
            <label key={type.code} className="checkbox-line">
              <input
                type="checkbox"
                name="employeeTypes"
                value={type.code}
                defaultChecked={tr.appliesTo.employeeTypes.includes(type.code)}
              />{" "}
              {type.name}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("trackEdit.roles")}</legend>
          {ROLES.map((role) => (
            <label key={role} className="checkbox-line">
              <input type="checkbox" name="roles" value={role} defaultChecked={tr.appliesTo.roles.includes(role)} />{" "}
              {t(`role.${role}`)}
            </label>
          ))}
        </fieldset>
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
