import type { AssignmentStatus } from "~/domain/assignment-status.ts";
import { formatJapaneseDate } from "~/domain/japanese-date.ts";
import { t } from "~/lib/i18n.ts";

const BADGE: Record<AssignmentStatus, string> = {
  notStarted: "badge badge-muted",
  inProgress: "badge",
  completed: "badge badge-ok",
  overdue: "badge badge-danger",
};

/** 未着手 / 受講中 / 修了 / 期限超過, in words as well as colour. */
export function StatusBadge({ status }: { status: AssignmentStatus }) {
  return <span className={BADGE[status]}>{t(`status.${status}`)}</span>;
}

/** Due date with days left or days overdue; the weekday while it is still to be acted on. */
export function DueLabel({
  dueDate,
  daysToDue,
  completed,
}: {
  dueDate: string;
  daysToDue: number;
  completed: boolean;
}) {
  const relative = completed
    ? null
    : daysToDue > 0
      ? t("learn.daysLeft", { days: daysToDue })
      : daysToDue === 0
        ? t("learn.dueToday")
        : t("learn.daysOverdue", { days: -daysToDue });
  return (
    <span className={!completed && daysToDue < 0 ? "due due-overdue" : "due"}>
      {t("learn.due", { date: formatJapaneseDate(dueDate, { weekday: !completed }) })}
      {relative ? `（${relative}）` : null}
    </span>
  );
}

/** A labelled progress bar: the native element, announced with its value. */
export function ProgressBar({ id, done, total }: { id: string; done: number; total: number }) {
  return (
    <div className="progress">
      <label htmlFor={id}>{t("learn.progress")}</label>
      <progress id={id} max={total} value={done} aria-valuetext={t("learn.progressLabel", { done, total })} />
      <span className="progress-text">{t("learn.progressLabel", { done, total })}</span>
    </div>
  );
}
