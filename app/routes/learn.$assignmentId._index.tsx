import { today } from "~/lib/clock.server.ts";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CompletedLabel, nextStepLink } from "~/components/MyTraining.tsx";
import { DueLabel, ProgressBar, StatusBadge } from "~/components/TrainingStatus.tsx";
import { assignmentStatus, daysToDue } from "~/domain/assignment-status.ts";
import { fiscalYearLabel } from "~/domain/fiscal-year.ts";
import { formatDateTime, japanDate } from "~/domain/japan-time.ts";
import { stepsDone } from "~/domain/track-progress.ts";
import { t } from "~/lib/i18n.ts";
import { idParam } from "~/lib/params.ts";
import { requireUser } from "~/lib/session.server.ts";
import { getLearnerAssignment, listSubmittedAttempts } from "~/services/learning.server.ts";
import { getOpenAttempt } from "~/services/quiz.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.track.name ?? ""} | ${t("app.name")}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const assignmentId = idParam(params.assignmentId);
  const [learner, attempts] = await Promise.all([
    getLearnerAssignment(user.id, assignmentId),
    listSubmittedAttempts(user.id, assignmentId),
  ]);
  if (!learner) throw new Response(t("learn.notFound"), { status: 404 });
  const now = today();
  const { assignment, track, modules, progress, next } = learner;
  const open = await getOpenAttempt(user.id, assignmentId);
  const readSlugs = new Set(progress.modules.filter((m) => m.read).map((m) => m.slug));
  return {
    id: assignment.id,
    track: {
      name: track.name,
      description: track.description,
      quiz: track.quiz,
      pledge: track.pledge,
      reading: track.reading,
    },
    fiscalYearLabel: fiscalYearLabel(assignment.fiscalYear),
    dueDate: assignment.dueDate,
    daysToDue: daysToDue(assignment.dueDate, now),
    status: assignmentStatus(assignment, now),
    completedOn: assignment.completedAt ? japanDate(assignment.completedAt) : null,
    completedRelease: assignment.completedAt ? assignment.completedReleaseId : null,
    modules: modules.map((m) => ({ ...m, read: readSlugs.has(m.slug) })),
    attempts,
    pledgeSignedAt: assignment.pledge?.signedAt ?? null,
    progress,
    next,
    nextModuleTitle: next.kind === "read" ? (modules.find((m) => m.slug === next.moduleSlug)?.title ?? null) : null,
    hasOpenAttempt: open !== null,
  };
}

export default function TrackPage() {
  const data = useLoaderData<typeof loader>();
  const steps = stepsDone(data.progress);
  const next = nextStepLink(data);
  return (
    <>
      <p>
        <Link to="/">{t("learn.backToMyTraining")}</Link>
      </p>
      <h1>{data.track.name}</h1>
      <p className="lead">{data.track.description}</p>
      <p className="badges">
        <StatusBadge status={data.status} />
        <span>{data.fiscalYearLabel}</span>
        {data.completedOn ? (
          <CompletedLabel date={data.completedOn} release={data.completedRelease} />
        ) : (
          <DueLabel dueDate={data.dueDate} daysToDue={data.daysToDue} completed={false} />
        )}
      </p>
      <ProgressBar id="track-progress" done={steps.done} total={steps.total} />
      <p>
        <Link className="button button-primary button-large" to={next.to}>
          {next.label}
        </Link>
      </p>

      <section className="card" aria-labelledby="modules-title">
        <h2 id="modules-title">{t("learn.modules")}</h2>
        <p>{t(data.track.reading === "required" ? "learn.readingRequired" : "learn.readingOptional")}</p>
        <ol className="module-list">
          {data.modules.map((m) => (
            <li key={m.slug}>
              <Link to={`/learn/${data.id}/modules/${m.slug}`}>{m.title}</Link>
              <span className="module-meta">
                {t("learn.minutes", { minutes: m.minutes })}・
                <span className={m.read ? "badge badge-ok" : "badge badge-muted"}>
                  {m.read ? t("learn.read") : t("learn.unread")}
                </span>
              </span>
            </li>
          ))}
        </ol>
      </section>

      <section className="card" aria-labelledby="quiz-title">
        <h2 id="quiz-title">{t("learn.quiz")}</h2>
        <p>{t("learn.quizRule", { questions: data.track.quiz.questions, pass: data.track.quiz.passPercent })}</p>
        {data.attempts.length > 0 ? (
          <>
            <h3>{t("learn.attempts")}</h3>
            <ul>
              {data.attempts.map((a) => (
                <li key={a.id}>
                  {t("learn.attemptRow", {
                    date: a.submittedAt ? formatDateTime(a.submittedAt) : "",
                    correct: a.correct ?? 0,
                    total: a.total,
                    percent: a.percent ?? 0,
                  })}{" "}
                  <span className={a.passed ? "badge badge-ok" : "badge badge-danger"}>
                    {a.passed ? t("learn.passed") : t("learn.failed")}
                  </span>{" "}
                  <Link to={`/learn/${data.id}/attempts/${a.id}`}>{t("learn.viewResult")}</Link>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      {data.track.pledge ? (
        <section className="card" aria-labelledby="pledge-title">
          <h2 id="pledge-title">{t("learn.pledge")}</h2>
          <p>
            {data.pledgeSignedAt
              ? t("learn.pledgeDone", { date: formatDateTime(data.pledgeSignedAt) })
              : t("learn.pledgeNotSigned")}
          </p>
        </section>
      ) : null}
    </>
  );
}
