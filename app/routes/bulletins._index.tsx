import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { receiptLabel } from "~/components/Bulletins.tsx";
import { today } from "~/lib/clock.server.ts";
import { t } from "~/lib/i18n.ts";
import { requireUser } from "~/lib/session.server.ts";
import { bulletinArchive } from "~/services/bulletins.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("bulletin.title")} | ${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const bulletins = await bulletinArchive(user.id, today());
  return { bulletins: bulletins.map((b) => ({ ...b, state: receiptLabel(b) })) };
}

/** 「お知らせ」: every bulletin for the person, newest first, with whether they read or confirmed it. */
export default function BulletinArchive() {
  const { bulletins } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("bulletin.title")}</h1>
      <p className="lead">{t("bulletin.lead")}</p>
      {bulletins.length === 0 ? (
        <p>{t("bulletin.none")}</p>
      ) : (
        <ul className="assignment-list">
          {bulletins.map((b) => (
            <li key={b.id} className="card">
              <div className="assignment-head">
                <h2 id={`bulletin-${b.id}`}>
                  <Link to={`/bulletins/${b.id}`}>{b.title}</Link>
                </h2>
                {b.mustConfirm ? <span className="badge badge-warn">{t("bulletin.mustConfirm")}</span> : null}
              </div>
              <p className="assignment-meta">
                {t("bulletin.publishedOn", { date: b.publishOn })}　
                <span className={b.done ? "badge badge-ok" : "badge badge-muted"}>{b.state}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
