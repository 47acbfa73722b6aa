import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formatDateTime } from "~/domain/japan-time.ts";
import { readForm } from "~/lib/form-body.server.ts";
import { t } from "~/lib/i18n.ts";
import { idParam } from "~/lib/params.ts";
import { requireUser } from "~/lib/session.server.ts";
import { getLearnerAssignment } from "~/services/learning.server.ts";
import { pledgeWording, signPledge } from "~/services/pledge.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("pledge.title")} | ${t("app.name")}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const learner = await getLearnerAssignment(user.id, idParam(params.assignmentId));
  if (!learner?.track.pledge) throw new Response(t("learn.notFound"), { status: 404 });
  const { clause, statement } = await pledgeWording();
  return {
    assignmentId: learner.assignment.id,
    name: user.name,
    clauseText: clause.text,
    statement,
    quizPassed: learner.progress.quizPassed,
    signedAt: learner.assignment.pledge?.signedAt ?? null,
  };
}

const PledgeForm = z.object({ confirm: z.literal("yes", { errorMap: () => ({ message: t("pledge.required") }) }) });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const assignmentId = idParam(params.assignmentId);
  const parsed = PledgeForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ error: t("pledge.required") }, { status: 400 });
  const result = await signPledge(user.id, assignmentId);
  if (!result.ok) {
    if (result.reason === "quizFirst") return data({ error: t("pledge.quizFirst") }, { status: 409 });
    throw new Response(t("learn.notFound"), { status: 404 });
  }
  return redirect(`/learn/${assignmentId}/certificate`);
}

export default function PledgePage() {
  const { assignmentId, name, clauseText, statement, quizPassed, signedAt } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/learn/${assignmentId}`}>{t("learn.backToTrack")}</Link>
      </p>
      <h1>{t("pledge.title")}</h1>
      <p className="lead">{t("pledge.lead")}</p>
      <section className="card pledge" aria-labelledby="pledge-clause">
        <h2 id="pledge-clause">{t("pledge.clauseTitle")}</h2>
        <blockquote>{clauseText}</blockquote>
        <p className="pledge-statement">{statement}</p>
        <p className="pledge-name">{name}</p>
      </section>
      {signedAt ? (
        <p role="status" className="notice">
          {t("pledge.signed", { date: formatDateTime(signedAt) })}
        </p>
      ) : !quizPassed ? (
        <p role="status" className="notice">
          {t("pledge.quizFirst")}
        </p>
      ) : (
        <Form method="post" className="form">
          {result?.error ? (
            <p id="pledge-error" role="alert" className="form-error">
              {result.error}
            </p>
          ) : null}
          <label className="checkbox">
            <input
              type="checkbox"
              name="confirm"
              value="yes"
              required
              aria-describedby={result?.error ? "pledge-error" : undefined}
            />{" "}
            {t("pledge.confirm")}
          </label>
          <div className="form-actions">
            <button type="submit" className="button button-primary button-large">
              {t("pledge.submit")}
            </button>
          </div>
        </Form>
      )}
    </>
  );
}
