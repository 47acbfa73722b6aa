import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CompletionByTypeChart } from "~/components/charts/CompletionByTypeChart.tsx";
import { CumulativeChart } from "~/components/charts/CumulativeChart.tsx";
import { DataTable } from "~/components/DataTable.tsx";
import { KeyFigures } from "~/components/reports/KeyFigures.tsx";
import { CsvLink, ReportLayout } from "~/components/reports/ReportLayout.tsx";
import { byTypeTable, percent } from "~/domain/report-tables.ts";
import { today } from "~/lib/clock.server.ts";
import { t } from "~/lib/i18n.ts";
import { requireUser } from "~/lib/session.server.ts";
import { reportFrame } from "~/services/report-pages.server.ts";
import { completionSummary, yearOnYear } from "~/services/reports.server.ts";

export const meta: MetaFunction = () => [
  { title: `${t("reports.tab.overview")} | ${t("report.title")} | ${t("app.name")}` },
];

/** 概要: the key figures against last year, completion by employee type, and the year's cumulative line. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: ["MANAGER", "HR", "ADMIN"] });
  const day = today();
  const frame = await reportFrame(user, new URL(request.url).searchParams, day);
  const [{ byType, cumulative }, years] = await Promise.all([
    completionSummary(frame.filter, day),
    yearOnYear(frame.filter, day),
  ]);
  return { ...frame, byType, cumulative, years, byTypeTable: byTypeTable(byType) };
}

export default function ReportOverview() {
  const data = useLoaderData<typeof loader>();
  const { years } = data;
  const months = years.previousCumulative.length > 0 ? years.previousCumulative : data.cumulative;
  return (
    <ReportLayout frame={data} title={t("reports.tab.overview")}>
      <KeyFigures current={years.current} previous={years.previous} />
      <div className="report-columns">
        <section className="card" aria-labelledby="by-type">
          <h2 id="by-type">{t("report.byType")}</h2>
          <CompletionByTypeChart rows={data.byType} />
          <DataTable table={data.byTypeTable} caption={t("report.chartTable")} />
          <CsvLink table="by-type" query={data.query} />
        </section>
        <section className="card" aria-labelledby="cumulative">
          <h2 id="cumulative">{t("report.cumulative")}</h2>
          <p>{t("reports.cumulativeLead")}</p>
          <CumulativeChart points={data.cumulative} previous={years.previousCumulative} />
          <details>
            <summary>{t("report.chartTable")}</summary>
            <div className="table-wrap">
              <table>
                <caption>{t("report.cumulative")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("report.month")}</th>
                    <th scope="col">
                      {t("reports.thisYear")} {t("report.rate")}(%)
                    </th>
                    <th scope="col">
                      {t("reports.lastYear")} {t("report.rate")}(%)
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {months.map((point, i) => (
                    <tr key={point.month}>
                      <th scope="row" className="keep">
                        {Number(point.month.slice(5))}月
                      </th>
                      <td className="number">{data.cumulative[i] ? percent(data.cumulative[i]!.rate) : "—"}</td>
                      <td className="number">
                        {years.previousCumulative[i] ? percent(years.previousCumulative[i]!.rate) : "—"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
          <CsvLink table="cumulative" query={data.query} />
        </section>
      </div>
    </ReportLayout>
  );
}
