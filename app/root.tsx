import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { AppHeader } from "~/components/AppHeader.tsx";
import { useNonce } from "~/components/Nonce.tsx";
import { t } from "~/lib/i18n.ts";
import { getUser } from "~/lib/session.server.ts";
import { appVersion } from "~/lib/version.server.ts";
import { publishedRelease } from "~/services/health.server.ts";
import stylesheet from "~/styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.ico" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  // ADMINs are the ones who upgrade and publish: their pages say what runs.
  const running = user?.role === "ADMIN" ? { ...appVersion(), contentRelease: await publishedRelease() } : null;
  return { user: user && { name: user.name, role: user.role }, running };
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  return (
    <html lang="ja">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("app.skipToContent")}
        </a>
        <AppHeader user={data?.user ?? null} />
        <main id="main" className="page">
          {children}
        </main>
        {data?.running && (
          <footer className="app-footer">
            {t("footer.version", { version: data.running.version, commit: data.running.commit })}
            {" ・ "}
            {data.running.contentRelease
              ? t("footer.contentRelease", {
                  id: data.running.contentRelease.id,
                  hash: data.running.contentRelease.hash,
                })
              : t("footer.noContentRelease")}
          </footer>
        )}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? error.status === 404
      ? t("error.notFound")
      : error.status === 403
        ? t("error.forbidden")
        : t("error.unexpected")
    : t("error.unexpected");
  return (
    <section aria-labelledby="error-title" className="card">
      <h1 id="error-title">{t("error.title")}</h1>
      <p role="alert">{message}</p>
      <p>
        <Link to="/">{t("error.backHome")}</Link>
      </p>
    </section>
  );
}
