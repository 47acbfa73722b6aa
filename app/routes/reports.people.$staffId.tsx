import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PersonTraining } from "~/components/PersonTraining.tsx";
import { managerScope } from "~/domain/manager-scope.ts";
import { today } from "~/lib/clock.server.ts";
import { t } from "~/lib/i18n.ts";
import { idParam } from "~/lib/params.ts";
import { requireUser } from "~/lib/session.server.ts";
import { personHistory } from "~/services/person-history.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? t("report.personTitle", { name: data.history.person.name }) : ""} | ${t("app.name")}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: ["MANAGER", "HR", "ADMIN"] });
  const scope = user.role === "MANAGER" ? managerScope(user) : undefined;
  const history = await personHistory(idParam(params.staffId), scope, today());
  if (!history) throw new Response(t("error.notFound"), { status: 404 });
  return { history };
}

export default function PersonHistoryPage() {
  const { history } = useLoaderData<typeof loader>();
  const { person } = history;
  return (
    <>
      <p>
        <Link to="/reports">{t("report.back")}</Link>
      </p>
      <h1>{t("report.personTitle", { name: person.name })}</h1>
      <p className="lead">
        {person.employeeNumber}・{person.organisationName}
        {person.sectionName ? ` ${person.sectionName}` : ""}・{person.employeeTypeName}
        {person.active ? "" : `・${t("staff.inactive")}`}
      </p>
      <PersonTraining history={history} />
    </>
  );
}
