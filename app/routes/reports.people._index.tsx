import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PageLinks, ReportLayout } from "~/components/reports/ReportLayout.tsx";
import { managerScope } from "~/domain/manager-scope.ts";
import { today } from "~/lib/clock.server.ts";
import { t } from "~/lib/i18n.ts";
import { pageParam } from "~/lib/params.ts";
import { requireUser } from "~/lib/session.server.ts";
import { reportFrame } from "~/services/report-pages.server.ts";
import { searchStaff } from "~/services/staff-directory.server.ts";
import { queryText } from "~/lib/params.ts";

const SearchQuery = queryText(64);

export const meta: MetaFunction = () => [
  { title: `${t("reports.tab.people")} | ${t("report.title")} | ${t("app.name")}` },
];

/** 個人: find a person by 職員番号 or name and open their training history; a manager within their organisation only. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: ["MANAGER", "HR", "ADMIN"] });
  const params = new URL(request.url).searchParams;
  const frame = await reportFrame(user, params, today());
  // A bookmark: an over-long value or one with control characters is ignored, as elsewhere.
  const q = (SearchQuery.parse(params.get("q")) ?? "").normalize("NFKC");
  const page = pageParam(params);
  const found = q ? await searchStaff({ q, ...(user.role === "MANAGER" ? managerScope(user) : {}) }, page) : null;
  return {
    ...frame,
    q,
    page,
    found: found && {
      total: found.total,
      pageCount: found.pageCount,
      staff: found.staff.map((s) => ({
        id: s.id,
        employeeNumber: s.employeeNumber,
        name: s.name,
        nameKana: s.nameKana,
        organisationName: s.organisation.name,
        sectionName: s.section?.name ?? null,
        employeeTypeName: s.employeeType.name,
        active: s.active,
      })),
    },
  };
}

export default function ReportPeople() {
  const data = useLoaderData<typeof loader>();
  return (
    <ReportLayout frame={data} title={t("reports.tab.people")} filters={false}>
      <Form method="get" className="card search-form" role="search">
        <p>{t("reports.searchLead")}</p>
        <div className="search-row">
          <div className="field">
            <label htmlFor="q">{t("reports.searchLabel")}</label>
            <input id="q" name="q" type="search" defaultValue={data.q} maxLength={64} autoComplete="off" />
          </div>
          <button type="submit" className="button button-primary">
            {t("reports.search")}
          </button>
        </div>
      </Form>
      {data.found ? (
        <section className="card" aria-labelledby="found">
          <h2 id="found" role="status">
            {t("reports.peopleCount", { count: data.found.total })}
          </h2>
          {data.found.staff.length === 0 ? (
            <p>{t("reports.searchNone")}</p>
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <caption>{t("reports.tab.people")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("report.employeeNumber")}</th>
                      <th scope="col">{t("report.name")}</th>
                      <th scope="col">{t("report.organisation")}</th>
                      <th scope="col">{t("report.section")}</th>
                      <th scope="col">{t("report.employeeType")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.found.staff.map((person) => (
                      <tr key={person.id}>
                        <td className="keep">{person.employeeNumber}</td>
                        <th scope="row" className="keep">
                          <Link to={`/reports/people/${person.id}`}>{person.name}</Link>
                          <span className="kana">{person.nameKana}</span>
                        </th>
                        <td className="keep">{person.organisationName}</td>
                        <td className="keep">{person.sectionName ?? "—"}</td>
                        <td className="keep">
                          {person.employeeTypeName}
                          {person.active ? null : `（${t("staff.inactive")}）`}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <PageLinks
                page={data.page}
                pageCount={data.found.pageCount}
                total={data.found.total}
                params={new URLSearchParams({ q: data.q })}
              />
            </>
          )}
        </section>
      ) : null}
    </ReportLayout>
  );
}
