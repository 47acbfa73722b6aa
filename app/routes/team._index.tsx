import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Pager } from "~/components/FilterFields.tsx";
import { FormOutcome } from "~/components/FormOutcome.tsx";
import { StatusBadge } from "~/components/TrainingStatus.tsx";
import { isCalendarDate } from "~/domain/fiscal-year.ts";
import { formatJapaneseDate } from "~/domain/japanese-date.ts";
import { managerScope } from "~/domain/manager-scope.ts";
import { parseReminderSelection } from "~/domain/reminder-selection.ts";
import { today } from "~/lib/clock.server.ts";
import { readForm } from "~/lib/form-body.server.ts";
import { t } from "~/lib/i18n.ts";
import { pageParam, queryText } from "~/lib/params.ts";
import { actorOf, requireUser } from "~/lib/session.server.ts";
import { remindSelected } from "~/services/reminders.server.ts";
import { teamPage } from "~/services/team.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("team.title")} | ${t("app.name")}` }];

const SearchQuery = queryText(64);

/** 所属職員: the manager's 課 (a 部長's 部局), each person's status per track, searchable and paged. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "MANAGER" });
  const params = new URL(request.url).searchParams;
  // A bookmark: an over-long value or one with control characters is ignored, as elsewhere.
  const q = SearchQuery.parse(params.get("q")) ?? "";
  const overdueOnly = params.get("overdue") === "1";
  const page = pageParam(params);
  const team = await teamPage(managerScope(user), { q, overdueOnly, page }, today());
  return {
    scopeName: user.sectionId === null ? user.organisationName : user.sectionName,
    // A 課長's list is one 課: the column would repeat it on every row.
    showSection: user.sectionId === null,
    q,
    overdueOnly,
    page,
    team,
  };
}

type Result = { error?: string; done?: string; skipped?: string };

/** Reminds a late member of the team now: the reminders' once-a-day rule, audited; no one outside the scope. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "MANAGER" });
  const parsed = parseReminderSelection(await readForm(request));
  if (!parsed.success) return data<Result>({ error: parsed.error.issues[0]!.message }, { status: 400 });
  const result = await remindSelected(actorOf(user, context), today(), {
    staffIds: parsed.data.staffId,
    ...managerScope(user),
  });
  return data<Result>({
    done: t("reports.remindDone", { sent: result.sent }),
    skipped: result.skipped > 0 ? t("reports.remindSkipped", { skipped: result.skipped }) : undefined,
  });
}

export default function Team() {
  const { scopeName, showSection, q, overdueOnly, page, team } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const sending = useNavigation().state === "submitting";
  return (
    <div className="report-page team-page">
      <h1>{t("team.title")}</h1>
      <p className="lead">{t("team.lead", { organisation: scopeName ?? "" })}</p>
      <p>{team.overdueCount === 0 ? t("team.overdueNone") : t("team.overdueCount", { count: team.overdueCount })}</p>
      <Form method="get" className="card search-form" role="search">
        <div className="search-row">
          <div className="field">
            <label htmlFor="q">{t("reports.searchLabel")}</label>
            <input id="q" name="q" type="search" defaultValue={q} maxLength={64} autoComplete="off" />
          </div>
          <label className="checkbox">
            <input type="checkbox" name="overdue" value="1" defaultChecked={overdueOnly} /> {t("team.overdueOnly")}
          </label>
          <button type="submit" className="button button-primary">
            {t("reports.search")}
          </button>
        </div>
      </Form>
      <FormOutcome
        error={result?.error}
        done={result?.done ? [result.done, result.skipped].filter(Boolean).join(" ") : undefined}
      />
      <h2 id="team-count" role="status">
        {t("reports.peopleCount", { count: team.total })}
      </h2>
      {team.members.length === 0 ? (
        <p>{t("reports.searchNone")}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="team-count">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("staff.employeeNumber")}</th>
                <th scope="col">{t("staff.name")}</th>
                {showSection ? <th scope="col">{t("staff.section")}</th> : null}
                <th scope="col">{t("team.tracks")}</th>
                <th scope="col">{t("team.remind")}</th>
              </tr>
            </thead>
            <tbody>
              {team.members.map((person) => (
                <tr key={person.id}>
                  <td className="keep">{person.employeeNumber}</td>
                  <th scope="row" className="keep">
                    <Link to={`/team/${person.id}`}>{person.name}</Link>
                    <span className="kana">{person.nameKana}</span>
                  </th>
                  {showSection ? <td className="keep">{person.sectionName ?? "—"}</td> : null}
                  <td className="prose">
                    {person.tracks.length === 0 ? (
                      t("team.noTracks")
                    ) : (
                      <ul className="plain-list">
                        {person.tracks.map((track) => (
                          <li key={track.assignmentId}>
                            {track.trackName} <StatusBadge status={track.status} />{" "}
                            {t("learn.due", {
                              date: isCalendarDate(track.dueDate) ? formatJapaneseDate(track.dueDate) : track.dueDate,
                            })}
                            {track.status === "overdue" && track.daysOverdue !== null
                              ? `（${t("team.daysOverdue", { days: track.daysOverdue })}）`
                              : null}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    {!person.overdue ? null : person.remindedToday ? (
                      t("team.remindedToday")
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="staffId" value={person.id} />
                        <button
                          type="submit"
                          className="button"
                          disabled={sending}
                          aria-label={t("team.remindPerson", { name: person.name })}
                        >
                          {t("team.remind")}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pageCount={team.pageCount} />
    </div>
  );
}
