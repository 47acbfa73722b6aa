import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { RetakeGateNotice } from "~/components/Retake.tsx";
import { answerField, responsesFromForm } from "~/domain/quiz-form.ts";
import { QuizIntent } from "~/domain/quiz-intent.ts";
import { quizUnlocked } from "~/domain/track-progress.ts";
import { readForm } from "~/lib/form-body.server.ts";
import { t } from "~/lib/i18n.ts";
import { idParam } from "~/lib/params.ts";
import { requireUser } from "~/lib/session.server.ts";
import { getLearnerAssignment } from "~/services/learning.server.ts";
import { getOpenAttempt, getRetakeState, saveResponses, startAttempt, submitAttempt } from "~/services/quiz.server.ts";
import { formatDateTime } from "~/domain/japan-time.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${t("quiz.title", { track: data?.trackName ?? "" })} | ${t("app.name")}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const assignmentId = idParam(params.assignmentId);
  const learner = await getLearnerAssignment(user.id, assignmentId);
  if (!learner) throw new Response(t("learn.notFound"), { status: 404 });
  // Only the questions as shown: the answer key stays on the server until submission.
  const attempt = await getOpenAttempt(user.id, assignmentId);
  return {
    assignmentId,
    trackName: learner.track.name,
    quiz: learner.track.quiz,
    unlocked: quizUnlocked(learner.progress),
    attempt,
    retake: attempt || learner.progress.quizPassed ? null : await getRetakeState(learner),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const assignmentId = idParam(params.assignmentId);
  const form = await readForm(request);
  const intent = QuizIntent.safeParse(Object.fromEntries(form));
  if (!intent.success) return data({ error: t("error.unexpected") }, { status: 400 });
  switch (intent.data.intent) {
    case "start": {
      const started = await startAttempt(user.id, assignmentId);
      if (!started.ok && started.reason === "notFound") throw new Response(t("learn.notFound"), { status: 404 });
      if (!started.ok && started.reason === "locked") return data({ error: t("quiz.locked") }, { status: 409 });
      if (!started.ok && started.reason === "reread") return data({ error: t("quiz.rereadFirst") }, { status: 409 });
      if (!started.ok && started.reason === "wait")
        return data({ error: t("quiz.retakeFrom", { time: formatDateTime(started.until) }) }, { status: 409 });
      return redirect(`/learn/${assignmentId}/quiz`);
    }
    case "save":
      if (!(await saveResponses(user.id, assignmentId, intent.data.attemptId, responsesFromForm(form))))
        throw new Response(t("learn.notFound"), { status: 404 });
      return { saved: true };
    case "submit": {
      const submitted = await submitAttempt(user.id, assignmentId, intent.data.attemptId, responsesFromForm(form));
      if (!submitted.ok) throw new Response(t("learn.notFound"), { status: 404 });
      // The same redirect for a first and a repeated submission: one result.
      return redirect(`/learn/${assignmentId}/attempts/${submitted.attemptId}`);
    }
  }
}

export default function QuizPage() {
  const { assignmentId, trackName, quiz, unlocked, attempt, retake } = useLoaderData<typeof loader>();
  const busy = useNavigation().state !== "idle";
  const saver = useFetcher<typeof action>();
  const formRef = useRef<HTMLFormElement>(null);
  const saveTimer = useRef<ReturnType<typeof setTimeout>>();
  const [answered, setAnswered] = useState(() => Object.keys(attempt?.responses ?? {}).length);
  useEffect(() => () => clearTimeout(saveTimer.current), []);

  if (!attempt) {
    return (
      <>
        <p>
          <Link to={`/learn/${assignmentId}`}>{t("learn.backToTrack")}</Link>
        </p>
        <h1>{t("quiz.title", { track: trackName })}</h1>
        <p>{t("learn.quizRule", { questions: quiz.questions, pass: quiz.passPercent })}</p>
        {retake && retake.gate.kind !== "open" ? (
          <RetakeGateNotice assignmentId={assignmentId} retake={retake} />
        ) : unlocked ? (
          <Form method="post">
            <button
              type="submit"
              name="intent"
              value="start"
              className="button button-primary button-large"
              disabled={busy}
            >
              {t("quiz.start")}
            </button>
          </Form>
        ) : (
          <p className="notice" role="status">
            {t("quiz.locked")}
          </p>
        )}
      </>
    );
  }

  // Answers are saved in the background a moment after the last change, so
  // a reload or a new login resumes here without a request per click.
  const saveProgress = () => {
    if (!formRef.current) return;
    const form = new FormData(formRef.current);
    setAnswered(new Set([...form.keys()].filter((k) => k.startsWith("q:"))).size);
    form.set("intent", "save");
    clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => saver.submit(form, { method: "post" }), 600);
  };
  const unanswered = attempt.questions.length - answered;

  return (
    <>
      <p>
        <Link to={`/learn/${assignmentId}`}>{t("learn.backToTrack")}</Link>
      </p>
      <h1>{t("quiz.title", { track: trackName })}</h1>
      <p className="lead">{t("quiz.lead", { total: attempt.questions.length, pass: attempt.passPercent })}</p>
      <Form method="post" ref={formRef} onChange={saveProgress} className="quiz">
        <input type="hidden" name="attemptId" value={attempt.attemptId} />
        {attempt.questions.map((question, i) => {
          const chosen = new Set(attempt.responses[question.questionId] ?? []);
          const multiple = question.type === "multiple";
          return (
            <fieldset
              key={question.questionId}
              className="card question"
              aria-describedby={`hint-${question.questionId}`}
            >
              <legend>
                <span className="question-number">{t("quiz.question", { n: i + 1 })}</span>
                <span className="question-prompt">{question.prompt}</span>
              </legend>
              <p id={`hint-${question.questionId}`} className="field-hint">
                {multiple ? t("quiz.multipleHint") : t("quiz.singleHint")}
              </p>
              <div className="choices">
                {question.choices.map((choice) => (
                  <label key={choice.id} className="choice">
                    <input
                      type={multiple ? "checkbox" : "radio"}
                      name={answerField(question.questionId)}
                      value={choice.id}
                      defaultChecked={chosen.has(choice.id)}
                    />
                    <span>{choice.text}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          );
        })}
        <p className="quiz-status" aria-live="polite">
          {unanswered > 0 ? t("quiz.unanswered", { count: unanswered }) : null}
          {saver.data && "saved" in saver.data ? <span className="saved"> {t("quiz.saved")}</span> : null}
        </p>
        <button
          type="submit"
          name="intent"
          value="submit"
          className="button button-primary button-large"
          disabled={busy}
        >
          {t("quiz.submit")}
        </button>
      </Form>
    </>
  );
}
