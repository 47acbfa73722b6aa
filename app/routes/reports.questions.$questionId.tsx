import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { fiscalYearLabel, fiscalYearOf } from "~/domain/fiscal-year.ts";
import { parseReportFilter, reportFilterToParams } from "~/domain/report-filter.ts";
import { today } from "~/lib/clock.server.ts";
import { t } from "~/lib/i18n.ts";
import { keyParam } from "~/lib/params.ts";
import { requireUser } from "~/lib/session.server.ts";
import { mayStillBeAsked } from "~/services/answer-key.server.ts";
import { getQuestion } from "~/services/catalogue.server.ts";
import { scopeReportFilter } from "~/services/report-tables.server.ts";
import { itemAnalysis } from "~/services/reports.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? t("report.questionTitle", { id: data.question.id }) : ""} | ${t("app.name")}` },
];

/**
 * A question of the item analysis, with how often it was answered right
 * under the report's filter. The answer key and explanation are shown only
 * to a viewer who can no longer be asked the question (mayStillBeAsked):
 * managers, HR and administrators take the training too.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: ["MANAGER", "HR", "ADMIN"] });
  const question = await getQuestion(keyParam(params.questionId));
  if (!question) throw new Response(t("error.notFound"), { status: 404 });
  const day = today();
  const filter = scopeReportFilter(user, parseReportFilter(new URL(request.url).searchParams, fiscalYearOf(day)));
  const [items, keyHidden] = await Promise.all([
    itemAnalysis(filter, day),
    mayStillBeAsked(user.id, question.moduleSlug),
  ]);
  const item = items.questions.find((q) => q.questionId === question.id);
  const stats = { answered: item?.answered ?? 0, correct: item?.correct ?? 0, share: item?.share ?? 0 };
  const shown = { id: question.id, prompt: question.prompt, choices: question.choices, clause: question.clause };
  const period = fiscalYearLabel(filter.fiscalYear);
  const key = keyHidden
    ? { hidden: true as const, note: t("report.keyHidden") }
    : { hidden: false as const, answer: question.answer, explanation: question.explanation };
  return { question: shown, key, stats, period, query: reportFilterToParams(filter).toString() };
}

export default function QuestionPage() {
  const { question, key, stats, period, query } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to={`/reports?${query}#items`}>{t("report.back")}</Link>
      </p>
      <h1>{t("report.questionTitle", { id: question.id })}</h1>
      <section className="card" aria-labelledby="question-stats">
        <h2 id="question-stats">{t("report.questionStats", { period })}</h2>
        <p>
          {t("report.questionStatsLine", {
            answered: stats.answered,
            correct: stats.correct,
            percent: Math.round(stats.share * 100),
          })}
        </p>
      </section>
      <section className="card">
        <p className="question-prompt">{question.prompt}</p>
        <ul>
          {question.choices.map((c) => (
            <li key={c.id}>
              {c.text}
              {!key.hidden && key.answer.includes(c.id) ? <strong>（{t("report.rightAnswer")}）</strong> : null}
            </li>
          ))}
        </ul>
        {key.hidden ? (
          <p className="notice" role="note">
            {key.note}
          </p>
        ) : (
          <p>
            <strong>{t("quiz.explanation")}：</strong>
            {key.explanation}
          </p>
        )}
        <p>
          <a href={`/policy#${encodeURIComponent(`c-${question.clause}`)}`}>
            {t("quiz.clause", { clause: question.clause })}
          </a>
        </p>
      </section>
    </>
  );
}
