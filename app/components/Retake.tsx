import { Form, Link } from "@remix-run/react";
import { formatDateTime } from "~/domain/japan-time.ts";
import { t } from "~/lib/i18n.ts";

/** What a retake still needs, as the quiz and result pages receive it. */
export type RetakeView = {
  gate: { kind: "open" } | { kind: "reread"; modules: string[] } | { kind: "wait"; until: string | Date };
  modules: { slug: string; title: string; reread: boolean }[];
};

export type MissedClauseView = { id: string; heading: string; modules: { slug: string; title: string }[] };

/** The clauses a failed attempt got wrong, each with the module to read again. */
export function MissedClauses({ assignmentId, clauses }: { assignmentId: number; clauses: MissedClauseView[] }) {
  if (clauses.length === 0) return null;
  return (
    <section className="card" aria-labelledby="missed-title">
      <h2 id="missed-title">{t("retake.missedTitle")}</h2>
      <ul className="missed-clauses">
        {clauses.map((clause) => (
          <li key={clause.id}>
            <a href={`/policy#${encodeURIComponent(`c-${clause.id}`)}`}>
              {t("retake.clause", { clause: clause.id, heading: clause.heading })}
            </a>
            {clause.modules.map((m) => (
              <span key={m.slug}>
                {" "}
                → <Link to={`/learn/${assignmentId}/modules/${m.slug}`}>{m.title}</Link>
              </span>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The modules still to read again, the wait, or the button that starts the retake. */
export function RetakeGateNotice({ assignmentId, retake }: { assignmentId: number; retake: RetakeView }) {
  if (retake.gate.kind === "open") {
    return (
      <Form method="post" action={`/learn/${assignmentId}/quiz`}>
        <button type="submit" name="intent" value="start" className="button button-primary">
          {t("quiz.retake")}
        </button>
      </Form>
    );
  }
  if (retake.gate.kind === "wait") {
    return (
      <p className="notice" role="status">
        {t("quiz.retakeFrom", { time: formatDateTime(new Date(retake.gate.until)) })}
      </p>
    );
  }
  return (
    <div className="notice" role="status">
      <p>{t("retake.rereadLead")}</p>
      <ul aria-label={t("retake.rereadList")}>
        {retake.modules.map((m) => (
          <li key={m.slug}>
            <Link to={`/learn/${assignmentId}/modules/${m.slug}`}>{m.title}</Link>{" "}
            <span className={m.reread ? "badge badge-ok" : "badge badge-muted"}>
              {m.reread ? t("retake.reread") : t("retake.notReread")}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
