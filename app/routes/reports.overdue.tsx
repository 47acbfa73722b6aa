import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsvLink, PageLinks, ReportLayout } from "~/components/reports/ReportLayout.tsx";
import { formatJapaneseDate } from "~/domain/japanese-date.ts";
import { managerScope } from "~/domain/manager-scope.ts";
import { parseReminderSelection } from "~/domain/reminder-selection.ts";
import { today } from "~/lib/clock.server.ts";
import { t, type MessageKey } from "~/lib/i18n.ts";
import { pageParam } from "~/lib/params.ts";
import { actorOf, requireUser } from "~/lib/session.server.ts";
import { remindSelected } from "~/services/reminders.server.ts";
import { reportFrame } from "~/services/report-pages.server.ts";
import { OVERDUE_SORTS, type OverdueSort } from "~/domain/report-filter.ts";
import { overdueList } from "~/services/reports.server.ts";
import { readForm } from "~/lib/form-body.server.ts";
import { FormOutcome } from "~/components/FormOutcome.tsx";

export const meta: MetaFunction = () => [
  { title: `${t("reports.tab.overdue")} | ${t("report.title")} | ${t("app.name")}` },
];

const ON_PAGE = 50;

/** 期限超過: every overdue assignment under the filter, sortable and paginated, with the person's manager. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: ["MANAGER", "HR", "ADMIN"] });
  const day = today();
  const params = new URL(request.url).searchParams;
  const frame = await reportFrame(user, params, day);
  const requested = params.get("sort");
  const sort: OverdueSort = OVERDUE_SORTS.includes(requested as OverdueSort) ? (requested as OverdueSort) : "due";
  const descending = params.get("dir") === "desc";
  const page = pageParam(params);
  const overdue = await overdueList(frame.filter, day, ON_PAGE, { sort, descending, offset: (page - 1) * ON_PAGE });
  return {
    ...frame,
    sort,
    descending,
    page,
    pageCount: Math.max(1, Math.ceil(overdue.total / ON_PAGE)),
    total: overdue.total,
    rows: overdue.rows,
  };
}

type Result = { error?: string; done?: string; skipped?: string };

/** Reminds the chosen people now, through the reminders service; a manager only within their scope. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: ["MANAGER", "HR", "ADMIN"] });
  const parsed = parseReminderSelection(await readForm(request));
  if (!parsed.success) return data<Result>({ error: parsed.error.issues[0]!.message }, { status: 400 });
  const result = await remindSelected(actorOf(user, context), today(), {
    staffIds: parsed.data.staffId,
    ...(user.role === "MANAGER" ? managerScope(user) : {}),
  });
  return data<Result>({
    done: t("reports.remindDone", { sent: result.sent }),
    skipped: result.skipped > 0 ? t("reports.remindSkipped", { skipped: result.skipped }) : undefined,
  });
}

const COLUMNS: { sort?: OverdueSort; label: MessageKey; className?: string }[] = [
  { sort: "employeeNumber", label: "report.employeeNumber" },
  { sort: "name", label: "report.name" },
  { sort: "organisation", label: "reports.organisationSection" },
  { label: "report.employeeType" },
  { sort: "track", label: "report.track" },
  { sort: "due", label: "report.dueDate" },
  { label: "report.daysOverdue", className: "number" },
  { label: "reports.managerShort" },
];

export default function ReportOverdue() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const params = new URLSearchParams(data.query);
  params.set("sort", data.sort);
  if (data.descending) params.set("dir", "desc");
  const sortLink = (sort: OverdueSort) => {
    const next = new URLSearchParams(data.query);
    next.set("sort", sort);
    if (sort === data.sort && !data.descending) next.set("dir", "desc");
    return `?${next}`;
  };
  return (
    <ReportLayout frame={data} title={t("reports.tab.overdue")}>
      <section className="card" aria-labelledby="overdue">
        <h2 id="overdue">
          {t("report.overdue")}（{t("reports.kpi.overdueDetail", { count: data.total })}）
        </h2>
        <FormOutcome
          error={result?.error}
          done={result?.done ? `${result.done}${result.skipped ? ` ${result.skipped}` : ""}` : null}
        />
        {data.rows.length === 0 ? (
          <p>{t("report.none")}</p>
        ) : (
          <Form method="post" key={result?.done ?? "form"}>
            <p>{t("reports.remindLead")}</p>
            <div className="table-wrap">
              <table className="overdue-table">
                <caption>{t("report.overdue")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("reports.select")}</th>
                    {COLUMNS.map((column) => {
                      const sorted = column.sort === data.sort;
                      return (
                        <th
                          key={column.label}
                          scope="col"
                          className={column.className}
                          aria-sort={sorted ? (data.descending ? "descending" : "ascending") : undefined}
                        >
                          {column.sort ? (
                            <Link to={sortLink(column.sort)} title={t("reports.sortBy", { column: t(column.label) })}>
                              {t(column.label)}
                              {sorted ? (data.descending ? " ▼" : " ▲") : null}
                            </Link>
                          ) : (
                            t(column.label)
                          )}
                        </th>
                      );
                    })}
                  </tr>
                </thead>
                <tbody>
                  {data.rows.map((row) => (
                    <tr key={row.assignmentId}>
                      <td>
                        <input
                          type="checkbox"
                          name="staffId"
                          value={row.staffId}
                          id={`remind-${row.assignmentId}`}
                          aria-label={t("reports.selectPerson", { name: row.name })}
                        />
                      </td>
                      <td className="keep">{row.employeeNumber}</td>
                      <th scope="row" className="keep">
                        <Link to={`/reports/people/${row.staffId}`}>{row.name}</Link>
                      </th>
                      <td className="keep">
                        {row.organisationName}
                        <span className="sub">{row.sectionName ?? "—"}</span>
                      </td>
                      <td className="keep">{row.employeeTypeName}</td>
                      <td>{row.trackName}</td>
                      <td className="keep">{formatJapaneseDate(row.dueDate, { weekday: true })}</td>
                      <td className="number">{row.daysOverdue}</td>
                      <td className="keep">{row.managerName ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <PageLinks page={data.page} pageCount={data.pageCount} total={data.total} params={params} />
            <div className="actions">
              <button type="submit" className="button button-primary" disabled={busy}>
                {t("reports.remind")}
              </button>
              <CsvLink table="overdue" query={data.query} />
            </div>
          </Form>
        )}
      </section>
    </ReportLayout>
  );
}
