import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MASTERY_STATUSES, type MasteryStatus } from "~/domain/mastery.ts";
import { formatDateTime } from "~/domain/japan-time.ts";
import { t } from "~/lib/i18n.ts";
import { requireUser } from "~/lib/session.server.ts";
import { myMastery } from "~/services/mastery.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("mastery.title")} | ${t("app.name")}` }];

/** 「あなたの理解度」: the signed-in person's own map; nobody else's can be asked for. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const mastery = await myMastery(user.id);
  return {
    clauses: mastery.clauses.map((c) => ({
      clauseId: c.clauseId,
      heading: c.heading,
      status: c.status,
      percent: Math.round(c.estimate * 100),
      answers: c.answers,
      href: c.href,
    })),
    counts: mastery.counts,
    moves: mastery.moves,
    lastQuiz: mastery.lastQuizAt ? formatDateTime(mastery.lastQuizAt) : null,
  };
}

// A symbol beside the colour and the word, so that the status survives grey-scale and colour blindness.
const SYMBOL: Record<MasteryStatus, string> = { strong: "◎", learning: "○", review: "△", unseen: "－" };

function StatusLabel({ status }: { status: MasteryStatus }) {
  return (
    <span className={`mastery-status mastery-${status}`}>
      <span aria-hidden="true">{SYMBOL[status]} </span>
      {t(`mastery.status.${status}`)}
    </span>
  );
}

export default function Mastery() {
  const { clauses, counts, moves, lastQuiz } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("mastery.title")}</h1>
      <p className="lead">{t("mastery.lead")}</p>

      <section className="card" aria-labelledby="mastery-moved">
        <h2 id="mastery-moved">{t("mastery.moved")}</h2>
        {lastQuiz === null ? (
          <p>{t("mastery.noQuiz")}</p>
        ) : moves.length === 0 ? (
          <p>{t("mastery.movedNone")}</p>
        ) : (
          <>
            <p>{t("mastery.movedLead", { date: lastQuiz })}</p>
            <ul className="mastery-moves">
              {moves.map((move) => (
                <li key={move.clauseId}>
                  {t("mastery.clause", { id: move.clauseId })}：
                  {t("mastery.move", {
                    from: t(`mastery.status.${move.before}`),
                    to: t(`mastery.status.${move.after}`),
                  })}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="mastery-clauses">
        <h2 id="mastery-clauses">{t("mastery.clauses")}</h2>
        <dl className="mastery-legend" aria-label={t("mastery.legend")}>
          {MASTERY_STATUSES.map((status) => (
            <div key={status}>
              <dt>
                <StatusLabel status={status} />
              </dt>
              <dd>
                {t("mastery.count", { count: counts[status] })}：{t(`mastery.statusHint.${status}`)}
              </dd>
            </div>
          ))}
        </dl>
        <ul className="mastery-map">
          {clauses.map((clause) => (
            <li key={clause.clauseId} className={`mastery-tile mastery-${clause.status}`}>
              <p className="mastery-clause">
                <strong>{t("mastery.clause", { id: clause.clauseId })}</strong> {clause.heading}
              </p>
              <p>
                <StatusLabel status={clause.status} />
              </p>
              {clause.status === "unseen" ? null : (
                <p className="mastery-numbers">
                  {t("mastery.estimate", { percent: clause.percent })}・
                  {t("mastery.answers", { count: clause.answers })}
                </p>
              )}
              <p>
                <Link to={clause.href}>
                  {t("mastery.read")}
                  <span className="visually-hidden">（{t("mastery.clause", { id: clause.clauseId })}）</span>
                </Link>
              </p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
