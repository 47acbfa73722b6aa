import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatJapaneseDate } from "~/domain/japanese-date.ts";
import { t } from "~/lib/i18n.ts";
import { requireUser } from "~/lib/session.server.ts";
import { today } from "~/lib/clock.server.ts";
import { overdueInOrganisation } from "~/services/reminders.server.ts";
import { listTeam } from "~/services/team.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("team.title")} | ${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "MANAGER" });
  const [team, overdue] = await Promise.all([
    listTeam(user.organisationId),
    overdueInOrganisation(user.organisationId, today()),
  ]);
  return { organisationName: user.organisationName, team, overdue };
}

export default function Team() {
  const { organisationName, team, overdue } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("team.title")}</h1>
      <p className="lead">{t("team.lead", { organisation: organisationName })}</p>
      <section className="card" aria-labelledby="overdue-title">
        <h2 id="overdue-title">{t("team.overdueTitle")}</h2>
        {overdue.length === 0 ? (
          <p>{t("team.overdueNone")}</p>
        ) : (
          <ul className="plain-list">
            {overdue.map((o) => (
              <li key={o.assignmentId}>
                <Link to={`/team/${o.staffId}`}>{o.name}</Link>（{o.sectionName ?? ""}）{o.trackName}　
                {t("learn.due", { date: formatJapaneseDate(o.dueDate, { weekday: true }) })}{" "}
                <span className="badge badge-danger">{t("team.daysOverdue", { days: o.daysOverdue })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("staff.employeeNumber")}</th>
              <th scope="col">{t("staff.name")}</th>
              <th scope="col">{t("staff.section")}</th>
              <th scope="col">{t("staff.employeeType")}</th>
            </tr>
          </thead>
          <tbody>
            {team.map((person) => (
              <tr key={person.id}>
                <td>{person.employeeNumber}</td>
                <td>
                  <Link to={`/team/${person.id}`}>{person.name}</Link>
                </td>
                <td>{person.section?.name ?? ""}</td>
                <td>{person.employeeType.name}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
