import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ClauseShareChart } from "~/components/charts/ClauseShareChart.tsx";
import { DataTable } from "~/components/DataTable.tsx";
import { CsvLink, PageLinks, ReportLayout } from "~/components/reports/ReportLayout.tsx";
import { MIN_ANSWERS_TO_FLAG, WEAK_DISCRIMINATION } from "~/domain/item-statistics.ts";
import { clausesTable, itemStatisticsTable, questionsTable } from "~/domain/report-tables.ts";
import { today } from "~/lib/clock.server.ts";
import { t } from "~/lib/i18n.ts";
import { pageParam } from "~/lib/params.ts";
import { requireUser } from "~/lib/session.server.ts";
import { reportFrame } from "~/services/report-pages.server.ts";
import { itemAnalysis, itemStatistics } from "~/services/reports.server.ts";

export const meta: MetaFunction = () => [
  { title: `${t("reports.tab.items")} | ${t("report.title")} | ${t("app.name")}` },
];

const QUESTIONS_ON_PAGE = 20;
/** The prompt column of the questions table: prose that wraps. */
const PROMPT_COLUMN = 6;
/** The choice shares and flags columns of the page's item statistics: prose that wraps. */
const STATISTICS_PROSE = [4, 5];

/** 理解度: the clauses by share of correct answers (a chart, lowest first), then the questions, a page at a time. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: ["MANAGER", "HR", "ADMIN"] });
  const day = today();
  const params = new URL(request.url).searchParams;
  const frame = await reportFrame(user, params, day);
  const [items, statistics] = await Promise.all([itemAnalysis(frame.filter, day), itemStatistics(frame.filter, day)]);
  const flagged = statistics.filter((item) => item.flags.length > 0);
  const questions = questionsTable(items);
  const pageCount = Math.max(1, Math.ceil(questions.rows.length / QUESTIONS_ON_PAGE));
  const page = Math.min(pageParam(params), pageCount);
  return {
    ...frame,
    clauseShares: items.clauses.map(({ clauseId, heading, share }) => ({ clauseId, heading, share })),
    clauses: clausesTable(items),
    questions: { ...questions, rows: questions.rows.slice((page - 1) * QUESTIONS_ON_PAGE, page * QUESTIONS_ON_PAGE) },
    questionCount: questions.rows.length,
    flagged: itemStatisticsTable(flagged, true),
    // Flagged first, so the items to look at head the full table too.
    statistics: itemStatisticsTable(statistics, true),
    page,
    pageCount,
  };
}

export default function ReportItems() {
  const data = useLoaderData<typeof loader>();
  return (
    <ReportLayout frame={data} title={t("reports.tab.items")}>
      {data.clauseShares.length === 0 ? (
        <section className="card">
          <p>{t("report.none")}</p>
        </section>
      ) : (
        <>
          <section className="card" aria-labelledby="clauses">
            <h2 id="clauses">{t("reports.clauseChart")}</h2>
            <p>{t("reports.clauseChartLead")}</p>
            <ClauseShareChart clauses={data.clauseShares} />
            <details>
              <summary>{t("report.chartTable")}</summary>
              <DataTable
                table={data.clauses}
                caption={t("report.clauses")}
                prose={[1]}
                cell={(_row, column, value) =>
                  column === 0 ? <a href={`/policy#${encodeURIComponent(`c-${value}`)}`}>基本方針 {value}</a> : value
                }
              />
            </details>
            <CsvLink table="clauses" query={data.query} />
          </section>
          <section className="card" aria-labelledby="questions">
            <h2 id="questions">{t("report.items")}</h2>
            <p>{t("report.itemsLead")}</p>
            <DataTable
              table={data.questions}
              caption={t("report.questions")}
              prose={[PROMPT_COLUMN]}
              cell={(_row, column, value) =>
                column === 0 ? (
                  <Link to={`/reports/questions/${value}?${data.query}`}>{value}</Link>
                ) : column === 2 ? (
                  <a href={`/policy#${encodeURIComponent(`c-${value}`)}`}>{value}</a>
                ) : (
                  value
                )
              }
            />
            <PageLinks
              page={data.page}
              pageCount={data.pageCount}
              total={data.questionCount}
              params={new URLSearchParams(data.query)}
            />
            <CsvLink table="questions" query={data.query} />
          </section>
          <section className="card" aria-labelledby="item-statistics">
            <h2 id="item-statistics">{t("report.itemStats")}</h2>
            <p>{t("report.itemStatsLead", { min: MIN_ANSWERS_TO_FLAG, weak: WEAK_DISCRIMINATION })}</p>
            {data.flagged.rows.length === 0 ? (
              <p>{t("report.itemStatsNoneFlagged")}</p>
            ) : (
              <DataTable
                table={data.flagged}
                caption={t("report.itemStatsFlagged", { count: data.flagged.rows.length })}
                prose={STATISTICS_PROSE}
                cell={questionLink(data.query)}
              />
            )}
            <details>
              <summary>{t("report.itemStatsAll", { count: data.statistics.rows.length })}</summary>
              <DataTable
                table={data.statistics}
                caption={t("report.itemStats")}
                prose={STATISTICS_PROSE}
                cell={questionLink(data.query)}
              />
            </details>
            <CsvLink table="item-statistics" query={data.query} />
          </section>
        </>
      )}
    </ReportLayout>
  );
}

/** The first column, a question id, links to the question's page under the same filter. */
function questionLink(query: string) {
  return function QuestionCell(_row: number, column: number, value: string | number | null) {
    return column === 0 ? <Link to={`/reports/questions/${value}?${query}`}>{value}</Link> : value;
  };
}
