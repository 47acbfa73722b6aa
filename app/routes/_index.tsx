import { today } from "~/lib/clock.server.ts";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MonthlyQuestionCard, PendingBulletins } from "~/components/Bulletins.tsx";
import { MyTraining } from "~/components/MyTraining.tsx";
import { t } from "~/lib/i18n.ts";
import { requireUser } from "~/lib/session.server.ts";
import { pendingBulletins } from "~/services/bulletins.server.ts";
import { listMyAssignments } from "~/services/learning.server.ts";
import { monthlyQuestionFor } from "~/services/monthly-question.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("nav.home")} | ${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const day = today();
  const [assignments, bulletins, monthlyQuestion] = await Promise.all([
    listMyAssignments(user.id, day),
    pendingBulletins(user.id, day),
    monthlyQuestionFor(user.id, day),
  ]);
  return { user, assignments, bulletins, monthlyQuestion };
}

export default function Home() {
  const { user, assignments, bulletins, monthlyQuestion } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("home.title", { name: user.name })}</h1>
      <p className="lead">{t(`home.${user.role}`, { organisation: user.organisationName })}</p>
      {user.role !== "LEARNER" ? (
        <p className="actions">
          {user.role === "MANAGER" ? (
            <Link className="button button-quiet" to="/team">
              {t("nav.team")}
            </Link>
          ) : null}
          {user.role === "HR" || user.role === "ADMIN" ? (
            <>
              <Link className="button button-quiet" to="/staff">
                {t("nav.staff")}
              </Link>
              <Link className="button button-quiet" to="/staff/import">
                {t("nav.import")}
              </Link>
              <Link className="button button-quiet" to="/certificates">
                {t("nav.certificates")}
              </Link>
            </>
          ) : null}
          {user.role === "ADMIN" ? (
            <Link className="button button-quiet" to="/admin/audit">
              {t("nav.audit")}
            </Link>
          ) : null}
        </p>
      ) : null}
      <PendingBulletins bulletins={bulletins} />
      <section aria-labelledby="my-training">
        <h2 id="my-training">{t("learn.title")}</h2>
        <MyTraining assignments={assignments} />
        <p>
          <Link to="/mastery">{t("nav.mastery")}</Link>
        </p>
      </section>
      {monthlyQuestion ? <MonthlyQuestionCard question={monthlyQuestion} /> : null}
      <section className="card" aria-labelledby="profile-title">
        <h2 id="profile-title">{t("home.profile")}</h2>
        <dl className="profile">
          <dt>{t("home.employeeNumber")}</dt>
          <dd>{user.employeeNumber}</dd>
          <dt>{t("home.organisation")}</dt>
          <dd>{user.organisationName}</dd>
          <dt>{t("home.section")}</dt>
          <dd>{user.sectionName ?? t("home.noSection")}</dd>
          <dt>{t("home.employeeType")}</dt>
          <dd>{user.employeeTypeName}</dd>
          <dt>{t("home.role")}</dt>
          <dd>{t(`role.${user.role}`)}</dd>
        </dl>
      </section>
    </>
  );
}
