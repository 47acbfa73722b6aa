import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Pager } from "~/components/FilterFields.tsx";
import { AUDIT_ACTIONS, isAuditAction } from "~/domain/audit.ts";
import { formatDateTime } from "~/domain/japan-time.ts";
import { isCalendarDate } from "~/domain/fiscal-year.ts";
import { t } from "~/lib/i18n.ts";
import { OptionalIdQuery, PageQuery, queryText } from "~/lib/params.ts";
import { requireUser } from "~/lib/session.server.ts";
import { listAudit } from "~/services/audit.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("audit.title")} | ${t("app.name")}` }];

const japanMidnight = (date: string) => new Date(`${date}T00:00:00+09:00`);
// A bookmark's or a tester's bad value is dropped: "9999-99-99" would be an Invalid Date.
const day = z.string().refine(isCalendarDate).optional().catch(undefined);

const AuditParams = z.object({
  action: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => (isAuditAction(v) ? v : undefined)),
  actor: OptionalIdQuery,
  target: queryText(64),
  from: day,
  to: day,
  page: PageQuery,
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const params = AuditParams.parse(Object.fromEntries(new URL(request.url).searchParams));
  const to = params.to ? japanMidnight(params.to) : undefined;
  if (to) to.setUTCDate(to.getUTCDate() + 1); // inclusive of the whole "to" day
  const result = await listAudit(
    {
      action: params.action,
      actorId: params.actor,
      targetId: params.target,
      from: params.from ? japanMidnight(params.from) : undefined,
      to,
    },
    params.page,
  );
  return { ...result, page: params.page };
}

export default function AuditLog() {
  const { entries, total, page, pageCount } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      <h1>{t("audit.title")}</h1>
      <p className="lead">{t("audit.lead")}</p>
      <Form method="get" className="card filters" role="search" aria-label={t("audit.title")}>
        <div className="field">
          <label htmlFor="action">{t("audit.action")}</label>
          <select id="action" name="action" defaultValue={params.get("action") ?? ""}>
            <option value="">{t("staff.any")}</option>
            {Object.entries(AUDIT_ACTIONS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="target">{t("audit.target")}</label>
          <input id="target" name="target" defaultValue={params.get("target") ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="from">{t("audit.from")}</label>
          <input id="from" name="from" type="date" defaultValue={params.get("from") ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="to">{t("audit.to")}</label>
          <input id="to" name="to" type="date" defaultValue={params.get("to") ?? ""} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            {t("staff.search")}
          </button>
        </div>
      </Form>
      <p role="status">{t("audit.results", { total, page, pageCount })}</p>
      {entries.length === 0 ? (
        <p>{t("audit.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("audit.at")}</th>
                <th scope="col">{t("audit.actor")}</th>
                <th scope="col">{t("audit.action")}</th>
                <th scope="col">{t("audit.target")}</th>
                <th scope="col">{t("audit.address")}</th>
                <th scope="col">{t("audit.detail")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatDateTime(entry.at)}</td>
                  <td>{entry.actor ? `${entry.actor.name}（${entry.actor.employeeNumber}）` : t("audit.cli")}</td>
                  <td>{isAuditAction(entry.action) ? AUDIT_ACTIONS[entry.action] : entry.action}</td>
                  <td>
                    {entry.targetType === "staff" && entry.targetId ? (
                      <Link to={`/staff/${entry.targetId}`}>{entry.targetId}</Link>
                    ) : (
                      entry.targetId
                    )}
                  </td>
                  <td>{entry.address}</td>
                  <td>
                    <code className="audit-detail">{JSON.stringify(entry.detail)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pageCount={pageCount} />
    </>
  );
}
