import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { t } from "~/lib/i18n.ts";
import { requireUser } from "~/lib/session.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("nav.home")} | ${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { user };
}

export default function Home() {
  const { user } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("home.title", { name: user.name })}</h1>
      <p className="lead">{t(`home.${user.role}`, { organisation: user.organisationName })}</p>
      <p className="actions">
        {user.role === "MANAGER" ? (
          <Link className="button button-primary" to="/team">
            {t("nav.team")}
          </Link>
        ) : null}
        {user.role === "HR" || user.role === "ADMIN" ? (
          <>
            <Link className="button button-primary" to="/staff">
              {t("nav.staff")}
            </Link>
            <Link className="button button-quiet" to="/staff/import">
              {t("nav.import")}
            </Link>
          </>
        ) : null}
        {user.role === "ADMIN" ? (
          <Link className="button button-quiet" to="/admin/audit">
            {t("nav.audit")}
          </Link>
        ) : null}
      </p>
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
