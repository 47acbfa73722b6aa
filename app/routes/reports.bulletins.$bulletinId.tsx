import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable } from "~/components/DataTable.tsx";
import {
  bulletinByEmployeeTypeTable,
  bulletinByOrganisationTable,
  bulletinPendingTable,
} from "~/domain/bulletin-tables.ts";
import { today } from "~/lib/clock.server.ts";
import { t } from "~/lib/i18n.ts";
import { idParam } from "~/lib/params.ts";
import { requireUser } from "~/lib/session.server.ts";
import { bulletinScope } from "~/services/bulletin-report-tables.server.ts";
import { bulletinReport } from "~/services/bulletins.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? t("bulletinReport.title")} | ${t("app.name")}` },
];

const PENDING_ON_PAGE = 200;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: ["MANAGER", "HR", "ADMIN"] });
  const scope = bulletinScope(user);
  const report = await bulletinReport(idParam(params.bulletinId), today(), scope, PENDING_ON_PAGE);
  if (!report) throw new Response(t("error.notFound"), { status: 404 });
  return {
    id: report.bulletin.id,
    title: report.bulletin.title,
    publishOn: report.bulletin.publishOn,
    audienceLabel: report.bulletin.audienceLabel,
    mustConfirm: report.bulletin.mustConfirm,
    manager: scope ? { organisationName: user.organisationName } : null,
    pendingTotal: report.pending.total,
    pendingIds: report.pending.rows.map((p) => p.staffId),
    tables: {
      byOrganisation: bulletinByOrganisationTable(report),
      byType: bulletinByEmployeeTypeTable(report),
      pending: bulletinPendingTable(report),
    },
  };
}

/** One bulletin: the share of its audience who read and confirmed it, by organisation and type, and who has not. */
export default function BulletinReportPage() {
  const data = useLoaderData<typeof loader>();
  const csv = (table: string) => (
    <a className="csv-link" href={`/reports/bulletins/export/${table}?bulletinId=${data.id}`} download>
      {t("report.csv")}
    </a>
  );
  const pendingHeading = t(data.mustConfirm ? "bulletinReport.unconfirmed" : "bulletinReport.unread");
  return (
    <>
      <p>
        <Link to="/reports/bulletins">{t("bulletinReport.back")}</Link>
      </p>
      <h1>{data.title}</h1>
      <p className="lead">
        {t("bulletin.publishedOn", { date: data.publishOn })}　{t("bulletinReport.audience")}：{data.audienceLabel}
        {data.mustConfirm ? <span className="badge badge-warn">{t("bulletin.mustConfirm")}</span> : null}
        {data.manager ? ` ${t("bulletinReport.leadManager", { organisation: data.manager.organisationName })}` : null}
      </p>
      <section className="card" aria-labelledby="by-organisation">
        <h2 id="by-organisation">{t("bulletinReport.byOrganisation")}</h2>
        <DataTable table={data.tables.byOrganisation} />
        {csv("by-organisation")}
      </section>
      <section className="card" aria-labelledby="by-type">
        <h2 id="by-type">{t("bulletinReport.byEmployeeType")}</h2>
        <DataTable table={data.tables.byType} />
        {csv("by-type")}
      </section>
      <section className="card" aria-labelledby="pending">
        <h2 id="pending">
          {pendingHeading}（{data.pendingTotal}）
        </h2>
        {data.pendingTotal === 0 ? (
          <p>{t("bulletinReport.everyoneDone")}</p>
        ) : (
          <DataTable
            table={data.tables.pending}
            cell={(row, column, value) =>
              column === 1 ? <Link to={`/reports/people/${data.pendingIds[row]}`}>{value}</Link> : value
            }
          />
        )}
        {data.pendingTotal > data.pendingIds.length ? (
          <p>{t("bulletinReport.pendingMore", { count: data.pendingTotal - data.pendingIds.length })}</p>
        ) : null}
        {csv("pending")}
      </section>
    </>
  );
}
