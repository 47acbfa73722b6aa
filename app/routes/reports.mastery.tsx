import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { MasteryHeatMap, MasteryLegend } from "~/components/reports/MasteryHeatMap.tsx";
import { CsvLink, ReportLayout } from "~/components/reports/ReportLayout.tsx";
import { today } from "~/lib/clock.server.ts";
import { t } from "~/lib/i18n.ts";
import { requireUser } from "~/lib/session.server.ts";
import { masteryReport } from "~/services/mastery.server.ts";
import { reportFrame } from "~/services/report-pages.server.ts";

export const meta: MetaFunction = () => [
  { title: `${t("reports.tab.mastery")} | ${t("report.title")} | ${t("app.name")}` },
];

/** 習熟度: clause × organisation and clause × employee type (a manager's only within their organisation). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: ["MANAGER", "HR", "ADMIN"] });
  const frame = await reportFrame(user, new URL(request.url).searchParams, today());
  return { ...frame, mastery: await masteryReport(frame.filter) };
}

export default function ReportMastery() {
  const data = useLoaderData<typeof loader>();
  return (
    <ReportLayout frame={data} title={t("reports.tab.mastery")}>
      <p className="lead">{t("reportMastery.lead")}</p>
      <section className="card" aria-labelledby="mastery-organisations">
        <h2 id="mastery-organisations">{t("reportMastery.byOrganisation")}</h2>
        <MasteryLegend />
        <MasteryHeatMap data={data.mastery.byOrganisation} caption={t("reportMastery.byOrganisation")} />
        <CsvLink table="mastery-organisations" query={data.query} />
      </section>
      <section className="card" aria-labelledby="mastery-types">
        <h2 id="mastery-types">{t("reportMastery.byEmployeeType")}</h2>
        <MasteryLegend />
        <MasteryHeatMap data={data.mastery.byEmployeeType} caption={t("reportMastery.byEmployeeType")} />
        <CsvLink table="mastery-types" query={data.query} />
      </section>
    </ReportLayout>
  );
}
