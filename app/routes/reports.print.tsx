import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { HeatLegend, HeatMap } from "~/components/reports/HeatMap.tsx";
import { ReportLayout } from "~/components/reports/ReportLayout.tsx";
import { fiscalYearLabel } from "~/domain/fiscal-year.ts";
import { percent as drillPercent } from "~/domain/drills/results.ts";
import { japanDate } from "~/domain/japan-time.ts";
import { formatJapaneseDate } from "~/domain/japanese-date.ts";
import { formatRate, percent } from "~/domain/report-tables.ts";
import { today } from "~/lib/clock.server.ts";
import { t } from "~/lib/i18n.ts";
import { requireUser } from "~/lib/session.server.ts";
import { reportFrame } from "~/services/report-pages.server.ts";
import { lastDrillFigures } from "~/services/drill-results.server.ts";
import { completionSummary, itemAnalysis, yearOnYear, type YearFigures } from "~/services/reports.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("reports.printTitle")} | ${t("app.name")}` }];

const HARD_CLAUSES = 5;

/**
 * 研修実施状況報告書: the one A4 page HR takes to the 情報セキュリティ委員会 —
 * the fiscal year, the key figures against last year, completion by type,
 * the organisation heat map, the clauses staff get wrong most and the last
 * drill's 開封率 and 通報率. A manager's covers their own organisation.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: ["MANAGER", "HR", "ADMIN"] });
  const day = today();
  const frame = await reportFrame(user, new URL(request.url).searchParams, day);
  const [{ byType, matrix }, years, items, drill] = await Promise.all([
    completionSummary(frame.filter, day),
    yearOnYear(frame.filter, day),
    itemAnalysis(frame.filter, day),
    lastDrillFigures({ organisationId: frame.filter.organisationId }),
  ]);
  const organisationName =
    frame.manager?.scopeName ??
    frame.options.organisations.find((o) => o.id === frame.filter.organisationId)?.name ??
    null;
  return {
    ...frame,
    day,
    organisationName,
    byType,
    matrix,
    years,
    hardClauses: items.clauses.slice(0, HARD_CLAUSES),
    drill,
  };
}

const pledgeRate = (f: YearFigures) => (f.pledgeRequired === 0 ? 0 : f.pledged / f.pledgeRequired);

function change(value: number, unit: "points" | "cases") {
  const sign = value > 0 ? "+" : value < 0 ? "−" : "±";
  const magnitude = Math.abs(Math.round(value * 10) / 10);
  return unit === "points"
    ? t("reports.kpi.points", { sign, value: magnitude })
    : t("reports.kpi.cases", { sign, value: magnitude });
}

export default function CommitteeReport() {
  const data = useLoaderData<typeof loader>();
  const { current, previous } = data.years;
  return (
    <ReportLayout frame={data} title={t("reports.tab.print")}>
      <p className="no-print actions">
        <span>{t("reports.printLead")}</span>
        <button type="button" className="button button-primary" onClick={() => window.print()}>
          {t("reports.printButton")}
        </button>
      </p>
      <article className="committee-report" aria-labelledby="committee-title">
        <header className="committee-header">
          <h2 id="committee-title">{t("reports.printTitle")}</h2>
          <p className="committee-meta">
            <span>{fiscalYearLabel(data.filter.fiscalYear)}</span>
            <span>{data.organisationName ?? t("reports.printAllOrganisations")}</span>
            <span>{t("reports.printMade", { day: formatJapaneseDate(data.day, { era: true }) })}</span>
          </p>
        </header>

        <section aria-labelledby="committee-figures">
          <h3 id="committee-figures">{t("reports.keyFigures")}</h3>
          <table className="committee-figures">
            <caption>
              {t("reports.keyFiguresLead", {
                day: formatJapaneseDate(current.asOf, { era: true }),
                previousDay: formatJapaneseDate(previous.asOf, { era: true }),
              })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("reports.keyFigures")}</th>
                <th scope="col" className="number">
                  {t("reports.thisYear")}
                </th>
                <th scope="col" className="number">
                  {t("reports.lastYear")}
                </th>
                <th scope="col" className="number">
                  {t("reports.change")}
                </th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t("reports.kpi.completion")}</th>
                <td className="number">
                  {formatRate(current.rate)}（{current.completed}／{current.assigned}件）
                </td>
                <td className="number">
                  {formatRate(previous.rate)}（{previous.completed}／{previous.assigned}件）
                </td>
                <td className="number">{change(percent(current.rate) - percent(previous.rate), "points")}</td>
              </tr>
              <tr>
                <th scope="row">{t("reports.kpi.overdue")}</th>
                <td className="number">{t("reports.kpi.overdueDetail", { count: current.overdue })}</td>
                <td className="number">{t("reports.kpi.overdueDetail", { count: previous.overdue })}</td>
                <td className="number">{change(current.overdue - previous.overdue, "cases")}</td>
              </tr>
              <tr>
                <th scope="row">{t("reports.kpi.pledges")}</th>
                <td className="number">
                  {formatRate(pledgeRate(current))}（{current.pledged}／{current.pledgeRequired}件）
                </td>
                <td className="number">
                  {formatRate(pledgeRate(previous))}（{previous.pledged}／{previous.pledgeRequired}件）
                </td>
                <td className="number">
                  {change(percent(pledgeRate(current)) - percent(pledgeRate(previous)), "points")}
                </td>
              </tr>
            </tbody>
          </table>
        </section>

        <section aria-labelledby="committee-by-type">
          <h3 id="committee-by-type">{t("report.byType")}</h3>
          <table className="bar-table">
            <caption className="visually-hidden">{t("report.byType")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("report.employeeType")}</th>
                <th scope="col">{t("report.rate")}</th>
                <th scope="col" className="number">
                  {t("reports.kpi.completionDetail", {
                    completed: t("report.completed"),
                    assigned: t("report.assigned"),
                  })}
                </th>
                <th scope="col" className="number">
                  {t("report.overdueCount")}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.byType.map((row) => (
                <tr key={row.employeeTypeCode}>
                  <th scope="row" className="keep">
                    {row.employeeTypeName}
                  </th>
                  <td className="bar-cell">
                    <span className="bar" style={{ width: `${percent(row.rate)}%` }} aria-hidden="true" />
                    <span className="bar-value">{formatRate(row.rate)}</span>
                  </td>
                  <td className="number">
                    {row.completed}／{row.assigned}
                  </td>
                  <td className="number">{row.overdue}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section aria-labelledby="committee-heat-map">
          <h3 id="committee-heat-map">{t("reports.heatMap")}</h3>
          <HeatLegend />
          <HeatMap matrix={data.matrix} caption={t("reports.heatMap")} />
        </section>

        <section aria-labelledby="committee-clauses">
          <h3 id="committee-clauses">{t("reports.hardClauses")}</h3>
          {data.hardClauses.length === 0 ? (
            <p>{t("report.none")}</p>
          ) : (
            <table>
              <caption className="visually-hidden">{t("reports.hardClauses")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("report.clause")}</th>
                  <th scope="col">{t("report.heading")}</th>
                  <th scope="col" className="number">
                    {t("report.share")}
                  </th>
                  <th scope="col" className="number">
                    {t("report.answered")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.hardClauses.map((clause) => (
                  <tr key={clause.clauseId}>
                    <th scope="row" className="keep">
                      基本方針 {clause.clauseId}
                    </th>
                    <td>{clause.heading}</td>
                    <td className="number">{formatRate(clause.share)}</td>
                    <td className="number">{clause.answered}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section aria-labelledby="committee-drill">
          <h3 id="committee-drill">{t("reports.lastDrill")}</h3>
          {data.drill === null ? (
            <p>{t("reports.noDrill")}</p>
          ) : (
            <table>
              <caption>
                {t("reports.lastDrillCaption", {
                  name: data.drill.name,
                  date: formatJapaneseDate(japanDate(new Date(data.drill.windowStart)), { era: true }),
                })}
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="number">
                    {t("reports.drillDelivered")}
                  </th>
                  <th scope="col" className="number">
                    {t("reports.drillClickRate")}
                  </th>
                  <th scope="col" className="number">
                    {t("reports.drillReplyRate")}
                  </th>
                  <th scope="col" className="number">
                    {t("reports.drillReportRate")}
                  </th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <td className="number">{data.drill.figures.delivered}</td>
                  <td className="number">
                    {drillPercent(data.drill.figures.clickRate)}（{data.drill.figures.clicked}）
                  </td>
                  <td className="number">
                    {drillPercent(data.drill.figures.replyRate)}（{data.drill.figures.replied}）
                  </td>
                  <td className="number">
                    {drillPercent(data.drill.figures.reportRate)}（{data.drill.figures.reported}）
                  </td>
                </tr>
              </tbody>
            </table>
          )}
        </section>
        <p className="committee-basis">{t("reports.basis", { fiscalYear: fiscalYearLabel(data.filter.fiscalYear) })}</p>
      </article>
    </ReportLayout>
  );
}
