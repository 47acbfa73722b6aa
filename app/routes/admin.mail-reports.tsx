import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { FilterSelect } from "~/components/FilterFields.tsx";
import { formatDateTime } from "~/domain/japan-time.ts";
import { t, type MessageKey } from "~/lib/i18n.ts";
import { actorOf, requireUser } from "~/lib/session.server.ts";
import { readForm } from "~/lib/form-body.server.ts";
import { isTriageStatus, TRIAGE_STATUSES } from "~/domain/drills/triage.ts";
import { triageQueue, updateTriage } from "~/services/mail-reports.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("triage.title")} | ${t("app.name")}` }];

/** The security office's queue of real suspicious-mail reports (ADMIN). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const triage = new URL(request.url).searchParams.get("triage");
  const groups = await triageQueue({ triage: isTriageStatus(triage) ? triage : undefined });
  return { groups, triage: isTriageStatus(triage) ? triage : "" };
}

const TriageForm = z.object({
  groupKey: z.string().min(1).max(500),
  triage: z.enum(TRIAGE_STATUSES),
  notes: z.string().max(2000).default(""),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "ADMIN" });
  const form = await readForm(request);
  const parsed = TriageForm.safeParse({
    groupKey: form.get("groupKey"),
    triage: form.get("triage"),
    notes: form.get("notes") ?? "",
  });
  if (!parsed.success) return data({ message: t("triage.error"), ok: false }, { status: 400 });
  const { groupKey, triage, notes } = parsed.data;
  const count = await updateTriage(actorOf(user, context), groupKey, triage, notes.trim());
  if (count === 0) return data({ message: t("error.notFound"), ok: false }, { status: 404 });
  return { message: t("triage.saved", { count }), ok: true };
}

export default function MailReportTriage() {
  const { groups, triage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const statusOptions = TRIAGE_STATUSES.map((s) => ({ value: s, label: t(`triage.${s}` as MessageKey) }));
  return (
    <>
      <h1>{t("triage.title")}</h1>
      <p className="lead">{t("triage.lead")}</p>
      {result ? (
        <p role={result.ok ? "status" : "alert"} className={result.ok ? "notice" : "notice notice-error"}>
          {result.message}
        </p>
      ) : null}
      <Form method="get" className="filters">
        <FilterSelect id="triage" label={t("triage.filter")} options={statusOptions} defaultValue={triage} />
        <div className="form-actions">
          <button type="submit" className="button">
            {t("triage.filter")}
          </button>
        </div>
      </Form>
      {groups.length === 0 ? <p>{t("triage.none")}</p> : null}
      {groups.map((group, i) => (
        <section key={group.groupKey} className="card" aria-labelledby={`group-${i}`}>
          <h2 id={`group-${i}`}>{group.subject}</h2>
          <p>
            <strong>{t("triage.group", { people: group.people, since: formatDateTime(new Date(group.first)) })}</strong>
            　{t("mailReport.sender")}: {group.sender}
          </p>
          <p>
            {t("triage.status")}: {t(`triage.${group.triage}` as MessageKey)}
            {group.handlerName
              ? `　${t("triage.handler")}: ${group.handlerName}（${formatDateTime(new Date(group.handledAt!))}）`
              : null}
          </p>
          <p>
            <Link to={`/admin/bulletins?fromReport=${group.reportIds[0]}`}>{t("triage.toBulletin")}</Link>
          </p>
          <Form method="post" className="form-grid">
            <input type="hidden" name="groupKey" value={group.groupKey} />
            <FilterSelect
              id={`triage-${i}`}
              name="triage"
              label={t("triage.status")}
              options={statusOptions}
              defaultValue={group.triage}
              anyLabel={null}
            />
            <div className="field field-wide">
              <label htmlFor={`notes-${i}`}>{t("triage.notes")}</label>
              <textarea id={`notes-${i}`} name="notes" rows={2} maxLength={2000} defaultValue={group.notes} />
            </div>
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={busy}>
                {t("triage.save")}
              </button>
            </div>
          </Form>
        </section>
      ))}
    </>
  );
}
