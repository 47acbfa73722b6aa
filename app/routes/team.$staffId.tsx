import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PersonTraining } from "~/components/PersonTraining.tsx";
import { formatJapaneseDate } from "~/domain/japanese-date.ts";
import { managerScope } from "~/domain/manager-scope.ts";
import { today } from "~/lib/clock.server.ts";
import { t } from "~/lib/i18n.ts";
import { parseId } from "~/lib/params.ts";
import { requireUser } from "~/lib/session.server.ts";
import { personHistory } from "~/services/person-history.server.ts";
import { getTeamMember } from "~/services/team.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.person.name ?? t("team.notFound")} | ${t("app.name")}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "MANAGER" });
  const id = parseId(params.staffId);
  // Someone outside the manager's scope is "not found", never shown.
  const scope = managerScope(user);
  const [person, history] =
    id === null ? [null, null] : await Promise.all([getTeamMember(scope, id), personHistory(id, scope, today())]);
  if (!person || !history) throw new Response(t("team.notFound"), { status: 404 });
  return { person, history };
}

export default function TeamMember() {
  const { person, history } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/team">{t("team.title")}</Link>
      </p>
      <h1>{person.name}</h1>
      <section className="card">
        <dl className="profile">
          <dt>{t("staff.employeeNumber")}</dt>
          <dd>{person.employeeNumber}</dd>
          <dt>{t("staff.organisation")}</dt>
          <dd>{person.organisation.name}</dd>
          <dt>{t("staff.section")}</dt>
          <dd>{person.section?.name ?? t("staff.noSection")}</dd>
          <dt>{t("staff.employeeType")}</dt>
          <dd>{person.employeeType.name}</dd>
          <dt>{t("staff.startDate")}</dt>
          <dd>{formatJapaneseDate(person.startDate)}</dd>
          {person.appointmentStart ? (
            <>
              <dt>{t("staff.appointmentStart")}</dt>
              <dd>
                {formatJapaneseDate(person.appointmentStart)} 〜{" "}
                {person.appointmentEnd ? formatJapaneseDate(person.appointmentEnd) : ""}
              </dd>
            </>
          ) : null}
          <dt>{t("staff.status")}</dt>
          <dd>{person.active ? t("staff.active") : t("staff.inactive")}</dd>
        </dl>
      </section>
      <h2>{t("team.training")}</h2>
      <PersonTraining history={history} />
    </>
  );
}
