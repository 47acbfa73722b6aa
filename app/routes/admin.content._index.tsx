import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { t, type MessageKey } from "~/lib/i18n.ts";
import { actorOf, requireUser } from "~/lib/session.server.ts";
import { readForm } from "~/lib/form-body.server.ts";
import { reviewReasonKey } from "~/domain/content/review.ts";
import { currentRelease } from "~/services/catalogue.server.ts";
import { getCity } from "~/services/city.server.ts";
import {
  activeDraft,
  checkDraft,
  confirmReview,
  draftReview,
  discardDraft,
  draftItems,
  publishDraft,
  reopenDraft,
  startDraft,
  submitDraft,
  UPGRADE_AUTHOR,
} from "~/services/content-draft.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("content.title")} | ${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: ["ADMIN"] });
  const [release, draft, city] = await Promise.all([currentRelease(), activeDraft(), getCity()]);
  const check = draft ? checkDraft(draft.files) : null;
  const count = (kind: string, key: string) =>
    check?.problems.filter((p) => p.target.kind === kind && p.target.key === key).length ?? 0;
  const items = draft ? draftItems(draft.files) : null;
  const { items: review, headings } = draft ? await draftReview(draft) : { items: [], headings: [] };
  const applied = Number(new URL(request.url).searchParams.get("policy")) || null;
  return {
    release: { id: release.id, revised: release.policyRevised },
    requireApproval: city.requireApproval,
    draft: draft
      ? {
          status: draft.status,
          fromUpgrade: draft.authorId === UPGRADE_AUTHOR,
          authorName: draft.authorId === UPGRADE_AUTHOR ? t("content.upgradeAuthor") : draft.authorName,
          // Whoever changed anything in it may not approve it.
          isEditor: draft.editorIds.includes(user.id),
          revision: draft.revision,
        }
      : null,
    problems: check?.problems.map((p) => ({ ...p })) ?? [],
    review,
    headings,
    applied,
    items: items && {
      clauses: items.clauses.map((c) => ({ ...c, problems: count("clause", c.id) })),
      modules: items.modules.map((m) => ({ ...m, problems: count("module", m.slug) })),
      questions: items.questions.map((q) => ({ ...q, problems: count("question", q.id) })),
      tracks: items.tracks.map((tr) => ({ ...tr, problems: count("track", tr.id) })),
    },
  };
}

const DraftAction = z.object({
  intent: z.enum(["start", "submit", "reopen", "discard", "publish", "confirm"]),
  kind: z.enum(["question", "module"]).optional(),
  key: z.string().max(100).optional(),
  revision: z.string().max(100).optional(),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: ["ADMIN"] });
  const parsed = DraftAction.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ ok: false, message: t("error.unexpected") }, { status: 400 });
  const actor = actorOf(user, context);
  const refused = (reason: string) =>
    data({ ok: false, message: t(`content.refused.${reason}` as MessageKey) }, { status: 409 });
  switch (parsed.data.intent) {
    case "start": {
      const result = await startDraft(actor);
      return result.ok ? { ok: true, message: t("content.started") } : refused(result.reason);
    }
    case "submit": {
      const result = await submitDraft(actor);
      return result.ok ? { ok: true, message: t("content.submitted") } : refused(result.reason);
    }
    case "reopen": {
      const result = await reopenDraft(actor);
      return result.ok ? { ok: true, message: t("content.reopened") } : refused(result.reason);
    }
    case "discard": {
      const result = await discardDraft(actor);
      return result.ok ? { ok: true, message: t("content.discarded") } : refused(result.reason);
    }
    case "confirm": {
      const { kind, key } = parsed.data;
      if (!kind || !key) return data({ ok: false, message: t("error.unexpected") }, { status: 400 });
      const result = await confirmReview(actor, kind, key);
      return result.ok ? { ok: true, message: t("review.confirmed") } : refused(result.reason);
    }
    case "publish": {
      const result = await publishDraft(actor, parsed.data.revision ?? "");
      return result.ok
        ? { ok: true, message: t("content.published", { id: result.releaseId, changed: result.changed }) }
        : refused(result.reason);
    }
  }
}

function ItemList<T extends { problems: number }>({
  title,
  items,
  label,
  to,
}: {
  title: string;
  items: T[];
  label: (item: T) => string;
  to: (item: T) => string;
}) {
  return (
    <details className="card">
      <summary>
        <h2 className="details-heading">
          {title}（{items.length}）
        </h2>
      </summary>
      <ul className="edit-list">
        {items.map((item) => (
          <li key={to(item)}>
            <Link to={to(item)}>{label(item)}</Link>
            {item.problems > 0 ? (
              <span className="badge badge-danger">{t("content.problemCount", { count: item.problems })}</span>
            ) : null}
          </li>
        ))}
      </ul>
    </details>
  );
}

export default function ContentEditor() {
  const { release, requireApproval, draft, problems, items, review, headings, applied } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const button = (intent: string, label: string, className = "button") => (
    <button type="submit" name="intent" value={intent} className={className} disabled={busy}>
      {label}
    </button>
  );
  return (
    <>
      <h1>{t("content.title")}</h1>
      <p className="lead">{t("content.lead")}</p>
      <p>{t("content.release", { id: release.id, revised: release.revised ?? "—" })}</p>
      <p className="actions">
        <Link to="/admin/content/releases">{t("content.releases")}</Link>
        <a href="/admin/content/export">{t("content.export")}</a>
      </p>
      {applied && !result ? (
        <p role="status" className="notice">
          {t("policyImport.applied", { count: applied })}
        </p>
      ) : null}
      {result ? (
        <p role={result.ok ? "status" : "alert"} className={result.ok ? "notice" : "notice notice-error"}>
          {result.message}
        </p>
      ) : null}
      <Form method="post" className="card">
        {!draft ? (
          <>
            <p>{t("content.noDraft")}</p>
            <div className="form-actions">{button("start", t("content.startDraft"), "button button-primary")}</div>
          </>
        ) : (
          <>
            <p>
              {t(draft.status === "open" ? "content.draftOpen" : "content.draftSubmitted", {
                author: draft.authorName,
              })}
            </p>
            {draft.fromUpgrade ? <p>{t("content.draftFromUpgrade")}</p> : null}
            <p>
              {t("content.revision")} <code data-revision={draft.revision}>{draft.revision.slice(0, 12)}</code>
            </p>
            {/* Publishing names the revision shown here: a draft changed since is refused. */}
            <input type="hidden" name="revision" value={draft.revision} />
            <div className="form-actions">
              {draft.status === "open" && requireApproval
                ? button("submit", t("content.submit"), "button button-primary")
                : null}
              {draft.status === "open" && !requireApproval
                ? button("publish", t("content.publish"), "button button-primary")
                : null}
              {draft.status === "submitted" && !draft.isEditor
                ? button("publish", t("content.approve"), "button button-primary")
                : null}
              {draft.status === "submitted" ? button("reopen", t("content.reopen")) : null}
              {button("discard", t("content.discard"), "button button-danger")}
            </div>
          </>
        )}
      </Form>
      {draft ? (
        <p>
          <Link to="/admin/content/policy">{t("policyImport.link")}</Link>
        </p>
      ) : null}
      {draft ? (
        <section aria-labelledby="review-heading" className="card">
          <h2 id="review-heading">
            {review.length > 0 ? t("review.title", { count: review.length }) : t("review.none")}
          </h2>
          {review.length > 0 ? (
            <>
              <p>{t("review.lead")}</p>
              <ul className="review-list">
                {review.map((item) => (
                  <li key={`${item.kind}:${item.key}`} data-review={`${item.kind}:${item.key}`}>
                    <Link
                      to={
                        item.kind === "question"
                          ? `/admin/content/questions/${item.key}`
                          : `/admin/content/modules/${item.key}`
                      }
                    >
                      {item.kind === "question" ? item.key : item.label}
                    </Link>{" "}
                    {item.clauses.map((c) => (
                      <span key={c.id} className="badge badge-warn">
                        {t(reviewReasonKey(c.reason), { id: c.id })}
                        {c.movedTo ? t("review.movedTo", { id: c.movedTo }) : ""}
                      </span>
                    ))}
                    {draft.status === "open" ? (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="kind" value={item.kind} />
                        <input type="hidden" name="key" value={item.key} />
                        <button
                          type="submit"
                          name="intent"
                          value="confirm"
                          className="button button-quiet"
                          disabled={busy}
                        >
                          {t("review.confirm")}
                        </button>
                      </Form>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {headings.length > 0 ? (
            <>
              <h3>{t("review.headingsTitle", { count: headings.length })}</h3>
              <p>{t("review.headingsLead")}</p>
              <ul className="review-list" data-testid="heading-changes">
                {headings.map((h) => (
                  <li key={h.id}>
                    {t("review.heading", { id: h.id, before: h.before || "—", after: h.after || "—" })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
      {draft ? (
        <section aria-labelledby="problems-heading">
          <h2 id="problems-heading">
            {problems.length > 0 ? t("content.problems", { count: problems.length }) : t("content.noProblems")}
          </h2>
          {problems.length > 0 ? (
            <ul className="problem-list">
              {problems.map((p, i) => (
                <li key={i}>
                  <code>
                    {p.file}:{p.line}
                  </code>{" "}
                  {p.message}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
      {items ? (
        <>
          <ItemList
            title={t("content.clauses")}
            items={items.clauses}
            label={(c) => `${c.id} ${c.heading}`}
            to={(c) => `/admin/content/clauses/${encodeURIComponent(c.id)}`}
          />
          <ItemList
            title={t("content.modules")}
            items={items.modules}
            label={(m) => m.title}
            to={(m) => `/admin/content/modules/${m.slug}`}
          />
          <ItemList
            title={t("content.questions")}
            items={items.questions}
            label={(q) => `${q.id}（${q.clause}）${q.prompt.slice(0, 40)}`}
            to={(q) => `/admin/content/questions/${q.id}`}
          />
          <ItemList
            title={t("content.tracks")}
            items={items.tracks}
            label={(tr) => tr.name}
            to={(tr) => `/admin/content/tracks/${tr.id}`}
          />
        </>
      ) : null}
    </>
  );
}
