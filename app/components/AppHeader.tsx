import { Form, Link } from "@remix-run/react";
import type { Role } from "~/domain/roles.ts";
import { t } from "~/lib/i18n.ts";

/** The bar on every page: the product's name and, when signed in, who and logout. */
export function AppHeader({ user }: { user: { name: string; role: Role } | null }) {
  return (
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
  );
}
