import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MissedClauses, RetakeGateNotice } from "~/components/Retake.tsx";
import { t } from "~/lib/i18n.ts";
import { idParam } from "~/lib/params.ts";
import { requireUser } from "~/lib/session.server.ts";
import { getLearnerAssignment } from "~/services/learning.server.ts";
import { describeMissed, getAttemptResult, getRetakeState } from "~/services/quiz.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("quiz.resultTitle")} | ${t("app.name")}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const assignmentId = idParam(params.assignmentId);
  const [result, learner] = await Promise.all([
    getAttemptResult(user.id, assignmentId, idParam(params.attemptId)),
    getLearnerAssignment(user.id, assignmentId),
  ]);
  if (!result || !learner) throw new Response(t("learn.notFound"), { status: 404 });
  const [missed, retake] = result.passed
    ? [[], null]
    : await Promise.all([describeMissed(result.questions), getRetakeState(learner)]);
  return { assignmentId, trackName: learner.track.name, result, next: learner.next, missed, retake };
}

export default function AttemptResult() {
  const { assignmentId, trackName, result, next, missed, retake } = useLoaderData<typeof loader>();
  const choiceText = (q: (typeof result.questions)[number], ids: string[]) =>
    ids.length === 0
      ? t("quiz.noAnswer")
      : q.choices
          .filter((c) => ids.includes(c.id))
          .map((c) => c.text)
          .join("／");
  return (
    <>
      <p>
        <Link to={`/learn/${assignmentId}`}>
          {t("learn.backToTrack")}（{trackName}）
        </Link>
      </p>
      <h1>{t("quiz.resultTitle")}</h1>
      <section
        className={result.passed ? "notice result-pass" : "notice notice-error"}
        role="status"
        aria-labelledby="score"
      >
        <p id="score" className="score">
          <span className={result.passed ? "badge badge-ok" : "badge badge-danger"}>
            {result.passed ? t("learn.passed") : t("learn.failed")}
          </span>{" "}
          {t("quiz.score", { correct: result.correct, total: result.total, percent: result.percent })}
        </p>
        <p>{result.passed ? t("quiz.passedLead") : t("quiz.failedLead", { pass: result.passPercent })}</p>
        {!result.passed ? (
          // Only the latest failure leads to a retake; an older result just shows what it missed.
          retake?.attemptId === result.id ? (
            <RetakeGateNotice assignmentId={assignmentId} retake={retake} />
          ) : null
        ) : next.kind === "pledge" ? (
          <Link className="button button-primary" to={`/learn/${assignmentId}/pledge`}>
            {t("quiz.toPledge")}
          </Link>
        ) : next.kind === "done" ? (
          <Link className="button button-primary" to={`/learn/${assignmentId}/certificate`}>
            {t("learn.next.done")}
          </Link>
        ) : null}
      </section>
      <MissedClauses assignmentId={assignmentId} clauses={missed} />
      <ol className="results">
        {result.questions.map((q, i) => (
          <li key={q.questionId} className="card result">
            <h2 className="result-head">
              {t("quiz.question", { n: i + 1 })}{" "}
              <span className={q.correct ? "badge badge-ok" : "badge badge-danger"}>
                {q.correct ? t("quiz.correct") : t("quiz.incorrect")}
              </span>
            </h2>
            <p className="question-prompt">{q.prompt}</p>
            <dl className="result-answers">
              <dt>{t("quiz.yourAnswer")}</dt>
              <dd>{choiceText(q, q.chosen)}</dd>
              <dt>{t("quiz.rightAnswer")}</dt>
              <dd>{choiceText(q, q.answer)}</dd>
              <dt>{t("quiz.explanation")}</dt>
              <dd>{q.explanation}</dd>
            </dl>
            <p>
              <a href={`/policy#${encodeURIComponent(`c-${q.clause}`)}`}>{t("quiz.clause", { clause: q.clause })}</a>
            </p>
          </li>
        ))}
      </ol>
    </>
  );
}
