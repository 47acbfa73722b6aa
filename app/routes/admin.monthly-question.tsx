import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DataTable } from "~/components/DataTable.tsx";
import { MonthlyQuestionForm } from "~/domain/bulletin-form.ts";
import { monthlyTable } from "~/domain/bulletin-tables.ts";
import { addDays } from "~/domain/fiscal-year.ts";
import { monthOf } from "~/domain/monthly-question.ts";
import { today } from "~/lib/clock.server.ts";
import { t } from "~/lib/i18n.ts";
import { actorOf, requireUser } from "~/lib/session.server.ts";
import { monthlyQuestionReports, oneClickQuestions, setMonthlyQuestion } from "~/services/monthly-question.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("monthlyAdmin.title")} | ${t("app.name")}` }];

/** This month and the next: a question is set ahead, or for the month under way. */
function settableMonths(day: string): string[] {
  const thisMonth = monthOf(day);
  return [thisMonth, monthOf(addDays(`${thisMonth}-28`, 7))];
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: ["HR", "ADMIN"] });
  const [questions, reports] = await Promise.all([oneClickQuestions(), monthlyQuestionReports(undefined)]);
  return {
    months: settableMonths(today()),
    questions: questions.map((q) => ({
      value: q.id,
      label: `${q.id}（基本方針 ${q.clauseId}）${q.prompt.length > 50 ? `${q.prompt.slice(0, 50)}…` : q.prompt}`,
    })),
    table: monthlyTable(reports.questions, reports.employeeTypes),
  };
}

type Result = { error?: string; done?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: ["HR", "ADMIN"] });
  const parsed = MonthlyQuestionForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data<Result>({ error: parsed.error.issues[0]!.message }, { status: 400 });
  const day = today();
  const { month } = parsed.data;
  if (!settableMonths(day).includes(month)) return data<Result>({ error: t("monthly.monthRequired") }, { status: 400 });
  const result = await setMonthlyQuestion(
    actorOf(user, context),
    parsed.data.intent === "auto" ? { month, auto: true } : { month, questionId: parsed.data.questionId },
    day,
  );
  if (!result.ok) return data<Result>({ error: result.error }, { status: 400 });
  return data<Result>({
    done: t("monthlyAdmin.saved", { month, question: result.questionId, clause: result.clauseId }),
  });
}

/** HR chooses the question of the month from the bank, or lets Mamori pick the clause most missed last month. */
export default function MonthlyQuestionAdmin() {
  const { months, questions, table } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <p>
        <Link to="/admin/bulletins">{t("bulletinAdmin.title")}</Link>
      </p>
      <h1>{t("monthlyAdmin.title")}</h1>
      <p className="lead">{t("monthlyAdmin.lead")}</p>
      {result?.error ? (
        <p role="alert" className="form-error">
          {result.error}
        </p>
      ) : null}
      {result?.done ? (
        <p role="status" className="notice">
          {result.done}
        </p>
      ) : null}
      <Form method="post" className="card form">
        <div className="field">
          <label htmlFor="month">{t("monthlyAdmin.month")}</label>
          <select id="month" name="month" defaultValue={months[0]}>
            {months.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="questionId">{t("monthlyAdmin.question")}</label>
          <select id="questionId" name="questionId">
            {questions.map((q) => (
              <option key={q.value} value={q.value}>
                {q.label}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <button type="submit" name="intent" value="choose" className="button button-primary" disabled={busy}>
            {t("monthlyAdmin.choose")}
          </button>
          <button type="submit" name="intent" value="auto" className="button button-quiet" disabled={busy}>
            {t("monthlyAdmin.auto")}
          </button>
        </div>
      </Form>
      <section className="card" aria-labelledby="monthly-list">
        <h2 id="monthly-list">{t("monthlyAdmin.current")}</h2>
        {table.rows.length === 0 ? <p>{t("monthly.none")}</p> : <DataTable table={table} />}
      </section>
    </>
  );
}
