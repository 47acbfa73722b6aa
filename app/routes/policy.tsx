import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { t } from "~/lib/i18n.ts";
import { requireUser } from "~/lib/session.server.ts";
import { currentRelease, listClauses } from "~/services/catalogue.server.ts";
import { getCity } from "~/services/city.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? t("policy.title")} | ${t("app.name")}` },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const [clauses, release, city] = await Promise.all([listClauses(), currentRelease(), getCity()]);
  return {
    title: city.policyTitle,
    clauses: clauses.map(({ id, heading, text, editorial }) => ({ id, heading, text, editorial })),
    // Shown only when the city has set the policy's 改定日 in content/policy/basic-policy.yaml.
    revised: release.policyRevised,
  };
}

/** Depth of a clause id: 6 → 0, 6(2) → 1, 6(2)ア → 2. */
const depth = (id: string) => (id.match(/\(/g)?.length ?? 0) + (/[ア-ン]$/.test(id) ? 1 : 0);

export default function Policy() {
  const { title, clauses, revised } = useLoaderData<typeof loader>();
  return (
    <article className="policy">
      <h1>{title}</h1>
      {revised ? <p className="lead">{t("policy.revised", { date: revised })}</p> : null}
      {clauses.some((clause) => clause.editorial) ? <p>{t("policy.editorialNote")}</p> : null}
      {clauses.map((clause) => {
        const level = depth(clause.id);
        const Heading = level === 0 ? "h2" : level === 1 ? "h3" : "h4";
        return (
          <section key={clause.id} id={`c-${clause.id}`} className={`clause clause-depth-${level}`} tabIndex={-1}>
            <Heading>
              <span className="clause-id">{clause.id}</span> {clause.heading}
              {clause.editorial ? <small className="clause-editorial">{t("policy.editorialMark")}</small> : null}
            </Heading>
            {clause.text
              .split(/\n\n+/)
              .filter(Boolean)
              .map((paragraph, i) => (
                <p key={i}>{paragraph}</p>
              ))}
          </section>
        );
      })}
    </article>
  );
}
