import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { HeatLegend, HeatMap } from "~/components/reports/HeatMap.tsx";
import { CsvLink, PageLinks, ReportLayout } from "~/components/reports/ReportLayout.tsx";
import { formatRate } from "~/domain/report-tables.ts";
import { today } from "~/lib/clock.server.ts";
import { t } from "~/lib/i18n.ts";
import { pageParam } from "~/lib/params.ts";
import { requireUser } from "~/lib/session.server.ts";
import { reportFrame } from "~/services/report-pages.server.ts";
import { cellBreakdown, completionSummary } from "~/services/reports.server.ts";

export const meta: MetaFunction = () => [
  { title: `${t("reports.tab.organisations")} | ${t("report.title")} | ${t("app.name")}` },
];

const PEOPLE_ON_PAGE = 25;

/**
 * 所属別: the organisation × employee type heat map; `cell=<organisation>~<type>`
 * opens one cell's sections and people (a manager's only within their organisation).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: ["MANAGER", "HR", "ADMIN"] });
  const day = today();
  const params = new URL(request.url).searchParams;
  const frame = await reportFrame(user, params, day);
  const { matrix } = await completionSummary(frame.filter, day);

  const [organisationId, employeeTypeCode] = (params.get("cell") ?? "").split("~");
  const organisation = matrix.organisations.find((o) => o.id === organisationId);
  const type = matrix.employeeTypes.find((e) => e.code === employeeTypeCode);
  let cell = null;
  if (organisation && type) {
    const page = pageParam(params);
    const breakdown = await cellBreakdown(
      { ...frame.filter, organisationId: organisation.id, employeeTypeCode: type.code },
      day,
      PEOPLE_ON_PAGE,
      (page - 1) * PEOPLE_ON_PAGE,
    );
    cell = {
      key: `${organisation.id}~${type.code}`,
      organisationName: organisation.name,
      typeName: type.name,
      page,
      pageCount: Math.max(1, Math.ceil(breakdown.peopleTotal / PEOPLE_ON_PAGE)),
      ...breakdown,
    };
  }
  return { ...frame, matrix, cell };
}

export default function ReportOrganisations() {
  const data = useLoaderData<typeof loader>();
  const { cell } = data;
  const cellLink = (organisationId: string, employeeTypeCode: string) => {
    const params = new URLSearchParams(data.query);
    params.set("cell", `${organisationId}~${employeeTypeCode}`);
    return `?${params}#cell`;
  };
  return (
    <ReportLayout frame={data} title={t("reports.tab.organisations")}>
      <section className="card" aria-labelledby="heat-map">
        <h2 id="heat-map">{t("reports.heatMap")}</h2>
        <p>{t("reports.heatMapLead")}</p>
        <HeatLegend />
        <HeatMap matrix={data.matrix} caption={t("reports.heatMap")} cellLink={cellLink} openCell={cell?.key} />
        <CsvLink table="matrix" query={data.query} />
      </section>

      {cell ? (
        <section className="card" aria-labelledby="cell" id="cell">
          <h2 id="cell-title">
            {t("reports.cellTitle", { organisation: cell.organisationName, type: cell.typeName })}
          </h2>
          <p>
            <Link to={`?${data.query}`} preventScrollReset>
              {t("reports.cellClose")}
            </Link>
          </p>
          <div className="report-columns">
            <div className="table-wrap">
              <table>
                <caption>{t("reports.sections")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("report.section")}</th>
                    <th scope="col">{t("report.assigned")}</th>
                    <th scope="col">{t("report.completed")}</th>
                    <th scope="col">{t("report.overdueCount")}</th>
                    <th scope="col">{t("report.rate")}</th>
                  </tr>
                </thead>
                <tbody>
                  {cell.sections.map((section) => (
                    <tr key={section.sectionId ?? "none"}>
                      <th scope="row" className="keep">
                        {section.sectionName ?? "—"}
                      </th>
                      <td className="number">{section.assigned}</td>
                      <td className="number">{section.completed}</td>
                      <td className="number">{section.overdue}</td>
                      <td className="number">{formatRate(section.rate)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div>
              <div className="table-wrap">
                <table>
                  <caption>
                    {t("reports.people")}（{t("reports.peopleCount", { count: cell.peopleTotal })}）
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("report.employeeNumber")}</th>
                      <th scope="col">{t("report.name")}</th>
                      <th scope="col">{t("report.section")}</th>
                      <th scope="col">{t("report.completed")}</th>
                      <th scope="col">{t("report.overdueCount")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {cell.people.map((person) => (
                      <tr key={person.staffId}>
                        <td className="keep">{person.employeeNumber}</td>
                        <th scope="row" className="keep">
                          <Link to={`/reports/people/${person.staffId}`}>{person.name}</Link>
                        </th>
                        <td className="keep">{person.sectionName ?? "—"}</td>
                        <td className="number">
                          {person.completed}／{person.assigned}
                        </td>
                        <td className="number">{person.overdue}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <PageLinks
                page={cell.page}
                pageCount={cell.pageCount}
                total={cell.peopleTotal}
                params={new URLSearchParams([...new URLSearchParams(data.query), ["cell", cell.key]])}
              />
            </div>
          </div>
        </section>
      ) : null}
    </ReportLayout>
  );
}
