import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DrillRatesChart } from "~/components/charts/DrillRatesChart.tsx";
import { DrillTimelineChart } from "~/components/charts/DrillTimelineChart.tsx";
import { DrillFigureList, DrillFigureTable } from "~/components/DrillFigures.tsx";
import { formatDateTime } from "~/domain/japan-time.ts";
import { t } from "~/lib/i18n.ts";
import { idParam } from "~/lib/params.ts";
import { requireUser } from "~/lib/session.server.ts";
import { CampaignError, getCampaign } from "~/services/drill-campaigns.server.ts";
import {
  campaignResults,
  followUpsInOrganisation,
  individualResults,
  organisationName,
  TIMELINE_HOURS,
} from "~/services/drill-results.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("drills.results")} | ${t("app.name")}` }];

/**
 * A campaign's results. HR and ADMIN see every figure and each person's
 * outcome; a manager sees their organisation's figures and which of their
 * staff have the follow-up course, never who clicked when.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: ["MANAGER", "HR", "ADMIN"] });
  const id = idParam(params.campaignId);
  let campaign;
  try {
    campaign = await getCampaign(id);
  } catch (error) {
    if (error instanceof CampaignError) throw new Response(t("error.notFound"), { status: 404 });
    throw error;
  }
  if (campaign.status === "draft") throw new Response(t("error.notFound"), { status: 404 });
  const manager = user.role === "MANAGER";
  const scope = manager ? { organisationId: user.organisationId } : {};
  const [results, people, followUps, orgName] = await Promise.all([
    campaignResults(id, scope),
    manager ? Promise.resolve(null) : individualResults(id),
    manager ? followUpsInOrganisation(id, user.organisationId) : Promise.resolve(null),
    manager ? organisationName(user.organisationId) : Promise.resolve(null),
  ]);
  return { campaign: { id, name: campaign.name }, results, people, followUps, orgName, hours: TIMELINE_HOURS };
}

const at = (d: string | Date | null) => (d ? formatDateTime(new Date(d)) : "—");

export default function DrillResults() {
  const { campaign, results, people, followUps, orgName, hours } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/drills">{t("drills.back")}</Link>
      </p>
      <h1>
        {campaign.name}：{t("drills.results")}
      </h1>
      {orgName !== null ? <p className="notice">{t("drills.managerScope", { organisation: orgName })}</p> : null}
      <DrillFigureList figures={results.totals} />
      <p className="field-hint">{t("drills.definitions")}</p>
      {people ? (
        <p>
          <a href={`/drills/${campaign.id}/export`} download>
            {t("drills.export")}
          </a>
        </p>
      ) : null}

      <section aria-labelledby="by-org">
        <h2 id="by-org">{t("drills.byOrganisation")}</h2>
        <DrillRatesChart rows={results.byOrganisation.map((g) => ({ label: g.label, ...g.figures }))} />
        <DrillFigureTable
          caption={t("drills.byOrganisation")}
          groups={results.byOrganisation}
          groupLabel={t("staff.organisation")}
        />
      </section>
      <section aria-labelledby="by-type">
        <h2 id="by-type">{t("drills.byEmployeeType")}</h2>
        <DrillRatesChart rows={results.byEmployeeType.map((g) => ({ label: g.label, ...g.figures }))} />
        <DrillFigureTable
          caption={t("drills.byEmployeeType")}
          groups={results.byEmployeeType}
          groupLabel={t("staff.employeeType")}
        />
      </section>
      <section aria-labelledby="timeline">
        <h2 id="timeline">{t("drills.timeline", { hours })}</h2>
        <DrillTimelineChart points={results.timeline} />
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="timeline">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("drills.timeline", { hours })}</th>
                <th scope="col">{t("drills.fig.clicked")}</th>
                <th scope="col">{t("drills.fig.reported")}</th>
              </tr>
            </thead>
            <tbody>
              {results.timeline.map((p) => (
                <tr key={p.hour}>
                  <th scope="row">{t("drills.timelineHour", { hour: p.hour })}</th>
                  <td>{p.clicked}</td>
                  <td>{p.reported}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {followUps ? (
        <section aria-labelledby="follow-ups">
          <h2 id="follow-ups">{t("drills.followUps")}</h2>
          {followUps.length === 0 ? (
            <p>{t("drills.followUpsNone")}</p>
          ) : (
            <ul>
              {followUps.map((f) => (
                <li key={f.employeeNumber}>
                  {f.name}（{f.sectionName ?? "—"}）：
                  {f.completed ? t("drills.followUpDone") : t("drills.followUpOpen", { due: f.dueDate })}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      {people ? (
        <section aria-labelledby="individual">
          <h2 id="individual">{t("drills.individual")}</h2>
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="individual">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("staff.employeeNumber")}</th>
                  <th scope="col">{t("staff.name")}</th>
                  <th scope="col">{t("staff.organisation")}</th>
                  <th scope="col">{t("drills.col.status")}</th>
                  <th scope="col">{t("drills.col.sentAt")}</th>
                  <th scope="col">{t("drills.col.clickedAt")}</th>
                  <th scope="col">{t("drills.col.openedAttachmentAt")}</th>
                  <th scope="col">{t("drills.col.enteredAt")}</th>
                  <th scope="col">{t("drills.col.repliedAt")}</th>
                  <th scope="col">{t("drills.col.reportedAt")}</th>
                  <th scope="col">{t("drills.followUps")}</th>
                </tr>
              </thead>
              <tbody>
                {people.map((p) => (
                  <tr key={p.staffId}>
                    <td>{p.employeeNumber}</td>
                    <td>{p.name}</td>
                    <td>
                      {p.organisationName} {p.sectionName ?? ""}
                    </td>
                    <td title={p.error ?? undefined}>{p.status}</td>
                    <td>{at(p.sentAt)}</td>
                    <td>{at(p.clickedAt)}</td>
                    <td>{at(p.openedAttachmentAt)}</td>
                    <td>{at(p.enteredAt)}</td>
                    <td>{at(p.repliedAt)}</td>
                    <td>{at(p.reportedAt)}</td>
                    <td>
                      {p.followUp === null
                        ? "—"
                        : p.followUp.completed
                          ? t("drills.followUpDone")
                          : t("drills.followUpOpen", { due: p.followUp.dueDate })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}
