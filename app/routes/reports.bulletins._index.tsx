import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable } from "~/components/DataTable.tsx";
import { bulletinsTable, monthlyTable } from "~/domain/bulletin-tables.ts";
import { today } from "~/lib/clock.server.ts";
import { t } from "~/lib/i18n.ts";
import { requireUser } from "~/lib/session.server.ts";
import { bulletinScope } from "~/services/bulletin-report-tables.server.ts";
import { bulletinOverview } from "~/services/bulletins.server.ts";
import { monthlyQuestionReports } from "~/services/monthly-question.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("bulletinReport.title")} | ${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: ["MANAGER", "HR", "ADMIN"] });
  const scope = bulletinScope(user);
  const [bulletins, monthly] = await Promise.all([bulletinOverview(today(), scope), monthlyQuestionReports(scope)]);
  return {
    manager: scope ? { organisationName: user.organisationName } : null,
    ids: bulletins.map((b) => b.id),
    bulletins: bulletinsTable(bulletins),
    monthly: monthlyTable(monthly.questions, monthly.employeeTypes),
  };
}

/** How far each bulletin reached its audience, and how staff answered the questions of the month. */
export default function BulletinReports() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("bulletinReport.title")}</h1>
      <p className="lead">
        {t("bulletinReport.lead")}
        {data.manager ? ` ${t("bulletinReport.leadManager", { organisation: data.manager.organisationName })}` : null}
      </p>
      <section className="card" aria-labelledby="bulletins">
        <h2 id="bulletins">{t("bulletinReport.bulletins")}</h2>
        {data.ids.length === 0 ? (
          <p>{t("bulletin.none")}</p>
        ) : (
          <DataTable
            table={data.bulletins}
            cell={(row, column, value) =>
              column === 0 ? <Link to={`/reports/bulletins/${data.ids[row]}`}>{value}</Link> : value
            }
          />
        )}
        <a className="csv-link" href="/reports/bulletins/export/bulletins" download>
          {t("report.csv")}
        </a>
      </section>
      <section className="card" aria-labelledby="monthly">
        <h2 id="monthly">{t("bulletinReport.monthly")}</h2>
        {data.monthly.rows.length === 0 ? <p>{t("monthly.none")}</p> : <DataTable table={data.monthly} />}
        <a className="csv-link" href="/reports/bulletins/export/monthly" download>
          {t("report.csv")}
        </a>
      </section>
    </>
  );
}
