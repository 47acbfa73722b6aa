import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { DrillRatesChart } from "~/components/charts/DrillRatesChart.tsx";
import { DrillFigureTable } from "~/components/DrillFigures.tsx";
import { formatDateTime } from "~/domain/japan-time.ts";
import { t, type MessageKey } from "~/lib/i18n.ts";
import { requireUser } from "~/lib/session.server.ts";
import { listCampaigns } from "~/services/drill-campaigns.server.ts";
import { compareCampaigns, repeatClickers } from "~/services/drill-results.server.ts";
import { getScenario } from "~/services/drill-scenarios.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("drills.title")} | ${t("app.name")}` }];

const DEFAULT_LAST_N = 5;

/**
 * The drills: HR and ADMIN manage campaigns and see repeat clickers; a
 * manager sees the launched campaigns' figures for their organisation.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: ["MANAGER", "HR", "ADMIN"] });
  const manager = user.role === "MANAGER";
  const lastN = Math.min(Math.max(Number(new URL(request.url).searchParams.get("n")) || DEFAULT_LAST_N, 2), 20);
  const [campaigns, comparison, repeat] = await Promise.all([
    listCampaigns(),
    compareCampaigns(manager ? { organisationId: user.organisationId } : {}),
    manager ? Promise.resolve(null) : repeatClickers(lastN),
  ]);
  return {
    manage: !manager,
    campaigns: campaigns
      .filter((c) => !manager || c.status !== "draft")
      .map((c) => ({
        id: c.id,
        name: c.name,
        status: c.status,
        scenario: getScenario(c.scenarioId)?.title ?? c.scenarioId,
        windowStart: c.windowStart,
        windowEnd: c.windowEnd,
      })),
    comparison,
    repeat,
    lastN,
  };
}

export default function Drills() {
  const { manage, campaigns, comparison, repeat, lastN } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("drills.title")}</h1>
      <p className="lead">{t("drills.lead")}</p>
      {manage ? (
        <p>
          <Link to="/drills/new" className="button button-primary">
            {t("drills.new")}
          </Link>
        </p>
      ) : null}
      {campaigns.length === 0 ? (
        <p>{t("drills.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("drills.col.name")}</th>
                <th scope="col">{t("drills.col.scenario")}</th>
                <th scope="col">{t("drills.col.window")}</th>
                <th scope="col">{t("drills.col.status")}</th>
                <th scope="col">{t("drills.results")}</th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((c) => (
                <tr key={c.id}>
                  <td>{manage ? <Link to={`/drills/${c.id}`}>{c.name}</Link> : c.name}</td>
                  <td>{c.scenario}</td>
                  <td>
                    {formatDateTime(new Date(c.windowStart))}〜{formatDateTime(new Date(c.windowEnd))}
                  </td>
                  <td>{t(`drills.status.${c.status}` as MessageKey)}</td>
                  <td>
                    {c.status === "draft" ? "—" : <Link to={`/drills/${c.id}/results`}>{t("drills.results")}</Link>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {comparison.length > 0 ? (
        <section aria-labelledby="comparison">
          <h2 id="comparison">{t("drills.comparison")}</h2>
          <DrillRatesChart rows={comparison.map((c) => ({ label: c.name, ...c.figures }))} />
          <DrillFigureTable
            caption={t("drills.comparison")}
            groups={comparison.map((c) => ({ key: String(c.id), label: c.name, figures: c.figures }))}
            groupLabel={t("drills.col.name")}
          />
        </section>
      ) : null}

      {repeat ? (
        <section aria-labelledby="repeat">
          <h2 id="repeat">{t("drills.repeatClickers", { n: lastN })}</h2>
          <Form method="get" className="filters">
            <div className="field">
              <label htmlFor="n">N</label>
              <input id="n" name="n" type="number" min={2} max={20} defaultValue={lastN} />
            </div>
            <div className="form-actions">
              <button type="submit" className="button">
                {t("triage.filter")}
              </button>
            </div>
          </Form>
          {repeat.length === 0 ? (
            <p>{t("drills.repeatClickersNone")}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("staff.employeeNumber")}</th>
                    <th scope="col">{t("staff.name")}</th>
                    <th scope="col">{t("staff.organisation")}</th>
                    <th scope="col">{t("drills.fig.clicked")}</th>
                  </tr>
                </thead>
                <tbody>
                  {repeat.map((r) => (
                    <tr key={r.employeeNumber}>
                      <td>{r.employeeNumber}</td>
                      <td>{r.name}</td>
                      <td>{r.organisation.name}</td>
                      <td>{t("drills.repeatClicks", { clicks: r.clicks, of: r.of })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}
    </>
  );
}
