import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "~/domain/japan-time.ts";
import { t, type MessageKey } from "~/lib/i18n.ts";
import { requireUser } from "~/lib/session.server.ts";
import { compareReleases, listReleases } from "~/services/releases.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("releases.title")} | ${t("app.name")}` }];

const releaseParam = (value: string | null) => {
  const id = Number(value);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: ["ADMIN"] });
  const releases = await listReleases();
  const url = new URL(request.url);
  // By default: the latest release against the one before it.
  const to = releaseParam(url.searchParams.get("to")) ?? releases[0]?.id ?? null;
  const from = releaseParam(url.searchParams.get("from")) ?? releases[1]?.id ?? to;
  const known = (id: number | null) => id !== null && releases.some((r) => r.id === id);
  const diff = known(from) && known(to) ? await compareReleases(from!, to!) : null;
  return {
    releases: releases.map((r) => ({ id: r.id, createdAt: r.createdAt, source: r.source })),
    from,
    to,
    diff,
    compared: known(from) && known(to),
  };
}

const fieldLabel = (field: string) =>
  field === "moduleSlug" ? t("content.modules") : t(`questionEdit.${field}` as MessageKey);

const changeLabel = (change: "added" | "changed" | "removed") => t(`releases.${change}`);

export default function Releases() {
  const { releases, from, to, diff, compared } = useLoaderData<typeof loader>();
  const versionLabel = (r: (typeof releases)[number]) =>
    t("releases.version", {
      id: r.id,
      date: formatDateTime(new Date(r.createdAt)),
      source: t(`releases.source.${r.source ?? "unknown"}` as MessageKey),
    });
  const empty = diff && diff.clauses.length + diff.modules.length + diff.questions.length + diff.tracks.length === 0;
  return (
    <>
      <p>
        <Link to="/admin/content">{t("content.back")}</Link>
      </p>
      <h1>{t("releases.title")}</h1>
      <p className="lead">{t("releases.lead")}</p>
      <Form method="get" className="form-grid">
        <div className="field">
          <label htmlFor="from">{t("releases.from")}</label>
          <select id="from" name="from" defaultValue={from ?? undefined}>
            {releases.map((r) => (
              <option key={r.id} value={r.id}>
                {versionLabel(r)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="to">{t("releases.to")}</label>
          <select id="to" name="to" defaultValue={to ?? undefined}>
            {releases.map((r) => (
              <option key={r.id} value={r.id}>
                {versionLabel(r)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <button type="submit" className="button">
            {t("releases.compare")}
          </button>
        </div>
      </Form>
      {compared && !diff ? <p>{t("releases.noFiles")}</p> : null}
      {empty ? <p>{t("releases.none")}</p> : null}
      {diff && diff.clauses.length > 0 ? (
        <section aria-labelledby="diff-clauses">
          <h2 id="diff-clauses">{t("content.clauses")}</h2>
          {diff.clauses.map((c) => (
            <article key={c.id} className="card diff-item">
              <h3>
                {c.id} {c.heading} <span className="badge badge-warn">{changeLabel(c.change)}</span>
              </h3>
              {c.before !== undefined ? (
                <p className="diff-removed">
                  <strong>{t("releases.before")}：</strong>
                  {c.before}
                </p>
              ) : null}
              {c.after !== undefined ? (
                <p className="diff-added">
                  <strong>{t("releases.after")}：</strong>
                  {c.after}
                </p>
              ) : null}
            </article>
          ))}
        </section>
      ) : null}
      {diff && diff.modules.length > 0 ? (
        <section aria-labelledby="diff-modules">
          <h2 id="diff-modules">{t("content.modules")}</h2>
          {diff.modules.map((m) => (
            <article key={m.slug} className="card diff-item">
              <h3>
                {m.title} <span className="badge badge-warn">{changeLabel(m.change)}</span>
              </h3>
              <pre className="diff-lines">
                {m.lines
                  .filter((line, i, all) =>
                    // Unchanged lines only next to a change, for context.
                    line.kind !== "same" ? true : [all[i - 1], all[i + 1]].some((n) => n && n.kind !== "same"),
                  )
                  .map((line, i) => (
                    <span key={i} className={`diff-${line.kind}`}>
                      {line.kind === "added" ? "+ " : line.kind === "removed" ? "− " : "  "}
                      {line.text}
                      {"\n"}
                    </span>
                  ))}
              </pre>
            </article>
          ))}
        </section>
      ) : null}
      {diff && diff.questions.length > 0 ? (
        <section aria-labelledby="diff-questions">
          <h2 id="diff-questions">{t("content.questions")}</h2>
          <ul>
            {diff.questions.map((q) => (
              <li key={q.id}>
                <span className="badge badge-warn">{changeLabel(q.change)}</span> {q.id}：{q.prompt.slice(0, 60)}
                {q.fields.length > 0
                  ? `（${t("releases.fields", { fields: q.fields.map(fieldLabel).join("、") })}）`
                  : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {diff && diff.tracks.length > 0 ? (
        <section aria-labelledby="diff-tracks">
          <h2 id="diff-tracks">{t("content.tracks")}</h2>
          <ul>
            {diff.tracks.map((tr) => (
              <li key={tr.id}>
                <span className="badge badge-warn">{changeLabel(tr.change)}</span> {tr.name}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
