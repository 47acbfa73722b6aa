import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { t } from "~/lib/i18n.ts";
import { requireUser } from "~/lib/session.server.ts";
import { listTeam } from "~/services/team.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("team.title")} | ${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "MANAGER" });
  return { organisationName: user.organisationName, team: await listTeam(user.organisationId) };
}

export default function Team() {
  const { organisationName, team } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("team.title")}</h1>
      <p className="lead">{t("team.lead", { organisation: organisationName })}</p>
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
