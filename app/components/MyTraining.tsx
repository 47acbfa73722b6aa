import { Link } from "@remix-run/react";
import type { AssignmentStatus } from "~/domain/assignment-status.ts";
import type { NextStep, TrackProgress } from "~/domain/track-progress.ts";
import { stepsDone } from "~/domain/track-progress.ts";
import { t } from "~/lib/i18n.ts";
import { DueLabel, ProgressBar, StatusBadge } from "./TrainingStatus.tsx";

export type MyAssignment = {
  id: number;
  trackName: string;
  description: string;
  fiscalYearLabel: string;
  dueDate: string;
  daysToDue: number | null;
  status: AssignmentStatus;
  completedOn: string | null;
  /** The content release it was completed against. */
  completedRelease: number | null;
  progress: TrackProgress;
  next: NextStep;
  nextModuleTitle: string | null;
  hasOpenAttempt: boolean;
};

/** Where the next step of an assignment is, and what its button says. */
export function nextStepLink(a: Pick<MyAssignment, "id" | "next" | "nextModuleTitle" | "hasOpenAttempt">) {
  switch (a.next.kind) {
    case "read":
      return {
        to: `/learn/${a.id}/modules/${a.next.moduleSlug}`,
        label: t("learn.next.read", { title: a.nextModuleTitle ?? "" }),
      };
    case "quiz":
      return { to: `/learn/${a.id}/quiz`, label: t(a.hasOpenAttempt ? "learn.next.resume" : "learn.next.quiz") };
    case "pledge":
      return { to: `/learn/${a.id}/pledge`, label: t("learn.next.pledge") };
    case "done":
      return { to: `/learn/${a.id}/certificate`, label: t("learn.next.done") };
  }
}

/** 修了 with its date and the release it was completed against. */
export function CompletedLabel({ date, release }: { date: string; release: number | null }) {
  return (
    <span>
      {t("learn.completedOn", { date })}
      {release !== null ? `（${t("learn.completedRelease", { release })}）` : null}
    </span>
  );
}

/** "わたしの研修": each assignment with status, due date, progress and one obvious next step. */
export function MyTraining({ assignments }: { assignments: MyAssignment[] }) {
  if (assignments.length === 0) return <p>{t("learn.none")}</p>;
  return (
    <ul className="assignment-list">
      {assignments.map((a) => {
        const steps = stepsDone(a.progress);
        const next = nextStepLink(a);
        const read = a.progress.modules.filter((m) => m.read).length;
        return (
          <li key={a.id} className="card assignment" aria-labelledby={`assignment-${a.id}`}>
            <div className="assignment-head">
              <h3 id={`assignment-${a.id}`}>
                <Link to={`/learn/${a.id}`}>{a.trackName}</Link>
              </h3>
              <StatusBadge status={a.status} />
            </div>
            <p className="assignment-meta">
              {a.fiscalYearLabel}　
              {a.completedOn ? (
                <CompletedLabel date={a.completedOn} release={a.completedRelease} />
              ) : (
                <DueLabel dueDate={a.dueDate} daysToDue={a.daysToDue} completed={false} />
              )}
            </p>
            <ProgressBar id={`progress-${a.id}`} done={steps.done} total={steps.total} />
            <ul className="step-summary">
              {a.progress.readingRequired ? (
                <li>{t("learn.modulesRead", { read, total: a.progress.modules.length })}</li>
              ) : null}
              <li>{t(a.progress.quizPassed ? "learn.quizPassed" : "learn.quizNotPassed")}</li>
              {a.progress.pledgeRequired ? (
                <li>{t(a.progress.pledgeSigned ? "learn.pledgeSigned" : "learn.pledgeNotSigned")}</li>
              ) : null}
            </ul>
            <Link className={a.next.kind === "done" ? "button button-quiet" : "button button-primary"} to={next.to}>
              {next.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
