import { StatusBadge } from "~/components/TrainingStatus.tsx";
import { fiscalYearLabel } from "~/domain/fiscal-year.ts";
import { formatDateTime } from "~/domain/japan-time.ts";
import { formatJapaneseDate } from "~/domain/japanese-date.ts";
import { t } from "~/lib/i18n.ts";
import type { AssignmentStatus } from "~/domain/assignment-status.ts";

type Training = {
  assignments: {
    id: number;
    trackName: string;
    fiscalYear: number;
    dueDate: string;
    status: AssignmentStatus;
    completedAt: Date | null;
    completedReleaseId: number | null;
  }[];
  attempts: {
    id: number;
    trackName: string;
    submittedAt: Date;
    correct: number;
    total: number;
    percent: number;
    passed: boolean;
    releaseId: number;
  }[];
  pledges: { id: number; signedAt: Date; releaseId: number }[];
};

/**
 * One person's training as HR sees it: assignments with their status,
 * submitted attempts and pledges. The reports' person page and the
 * manager's team page both show it.
 */
export function PersonTraining({ history }: { history: Training }) {
  return (
    <>
      <section className="card" aria-labelledby="history-assignments">
        <h2 id="history-assignments">{t("report.assignments")}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("report.track")}</th>
                <th scope="col">{t("report.fiscalYear")}</th>
                <th scope="col">{t("report.dueDate")}</th>
                <th scope="col">{t("report.status")}</th>
                <th scope="col">{t("report.completedAt")}</th>
                <th scope="col">{t("report.release")}</th>
              </tr>
            </thead>
            <tbody>
              {history.assignments.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.trackName}</th>
                  <td>{fiscalYearLabel(a.fiscalYear)}</td>
                  <td className="date">{formatJapaneseDate(a.dueDate)}</td>
                  <td>
                    <StatusBadge status={a.status} />
                  </td>
                  <td>{a.completedAt ? formatDateTime(a.completedAt) : ""}</td>
                  <td className="number">{a.completedReleaseId ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-labelledby="history-attempts">
        <h2 id="history-attempts">{t("report.attempts")}</h2>
        {history.attempts.length === 0 ? (
          <p>{t("report.none")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("report.submittedAt")}</th>
                  <th scope="col">{t("report.track")}</th>
                  <th scope="col">{t("report.score")}</th>
                  <th scope="col">{t("report.result")}</th>
                  <th scope="col">{t("report.release")}</th>
                </tr>
              </thead>
              <tbody>
                {history.attempts.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">{formatDateTime(a.submittedAt)}</th>
                    <td>{a.trackName}</td>
                    <td>{t("quiz.score", { correct: a.correct, total: a.total, percent: a.percent })}</td>
                    <td>
                      <span className={a.passed ? "badge badge-ok" : "badge badge-danger"}>
                        {a.passed ? t("learn.passed") : t("learn.failed")}
                      </span>
                    </td>
                    <td className="number">{a.releaseId}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="history-pledges">
        <h2 id="history-pledges">{t("report.pledges")}</h2>
        {history.pledges.length === 0 ? (
          <p>{t("report.none")}</p>
        ) : (
          <ul>
            {history.pledges.map((p) => (
              <li key={p.id}>
                {formatDateTime(p.signedAt)}（{t("report.release")} {p.releaseId}）
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
