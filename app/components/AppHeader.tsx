import { Form, Link, NavLink } from "@remix-run/react";
import type { Role } from "~/domain/roles.ts";
import { t, type MessageKey } from "~/lib/i18n.ts";

const NAV: { to: string; label: MessageKey; roles: Role[] }[] = [
  { to: "/", label: "nav.home", roles: ["LEARNER", "MANAGER", "HR", "ADMIN"] },
  { to: "/bulletins", label: "nav.bulletins", roles: ["LEARNER", "MANAGER", "HR", "ADMIN"] },
  { to: "/team", label: "nav.team", roles: ["MANAGER"] },
  { to: "/reports", label: "nav.reports", roles: ["MANAGER", "HR", "ADMIN"] },
  { to: "/reports/bulletins", label: "nav.bulletinReports", roles: ["MANAGER", "HR", "ADMIN"] },
  { to: "/admin/bulletins", label: "nav.bulletinAdmin", roles: ["HR", "ADMIN"] },
  { to: "/staff", label: "nav.staff", roles: ["HR", "ADMIN"] },
  { to: "/staff/import", label: "nav.import", roles: ["HR", "ADMIN"] },
  { to: "/admin/due-dates", label: "nav.dueDates", roles: ["HR", "ADMIN"] },
  { to: "/admin/delta", label: "nav.delta", roles: ["HR", "ADMIN"] },
  { to: "/certificates", label: "nav.certificates", roles: ["HR", "ADMIN"] },
  { to: "/admin/rollover", label: "nav.rollover", roles: ["ADMIN"] },
  { to: "/admin/audit", label: "nav.audit", roles: ["ADMIN"] },
  { to: "/admin/content", label: "nav.content", roles: ["ADMIN"] },
  { to: "/admin/city", label: "nav.city", roles: ["ADMIN"] },
  { to: "/admin/directory", label: "nav.directory", roles: ["ADMIN"] },
  { to: "/policy", label: "nav.policy", roles: ["LEARNER", "MANAGER", "HR", "ADMIN"] },
  { to: "/password", label: "nav.password", roles: ["LEARNER", "MANAGER", "HR", "ADMIN"] },
];

/** The bar on every page: the product's name and, when signed in, who, the menu and logout. */
export function AppHeader({ user }: { user: { name: string; role: Role } | null }) {
  return (
    <>
      <header className="app-header">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            守
          </span>
          <span>
            {t("app.name")}
            <span className="brand-tagline">{t("app.tagline")}</span>
          </span>
        </Link>
        {user ? (
          <div className="app-header-user">
            <span>{t("nav.signedInAs", { name: user.name, role: t(`role.${user.role}`) })}</span>
            <Form method="post" action="/logout">
              <button type="submit" className="button button-quiet">
                {t("nav.logout")}
              </button>
            </Form>
          </div>
        ) : null}
      </header>
      {user ? (
        <nav className="app-nav" aria-label={t("nav.main")}>
          <ul>
            {NAV.filter((item) => item.roles.includes(user.role)).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end>
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </>
  );
}
