import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DataTable } from "~/components/DataTable.tsx";
import { MonthlyQuestionForm, monthlyQuestionFormValues, WRITTEN_CHOICES } from "~/domain/bulletin-form.ts";
import { monthlyTable } from "~/domain/bulletin-tables.ts";
import { addDays } from "~/domain/fiscal-year.ts";
import { monthOf } from "~/domain/monthly-question.ts";
import { today } from "~/lib/clock.server.ts";
import { readForm } from "~/lib/form-body.server.ts";
import { t } from "~/lib/i18n.ts";
import { actorOf, requireUser } from "~/lib/session.server.ts";
import { listClauses } from "~/services/catalogue.server.ts";
import { monthlyQuestionReports, oneClickQuestions, setMonthlyQuestion } from "~/services/monthly-question.server.ts";
import { FormOutcome } from "~/components/FormOutcome.tsx";

export const meta: MetaFunction = () => [{ title: `${t("monthlyAdmin.title")} | ${t("app.name")}` }];

/** This month and the next: a question is set ahead, or for the month under way. */
function settableMonths(day: string): string[] {
  const thisMonth = monthOf(day);
  return [thisMonth, monthOf(addDays(`${thisMonth}-28`, 7))];
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: ["HR", "ADMIN"] });
  const [questions, reports, clauses] = await Promise.all([
    oneClickQuestions(),
    monthlyQuestionReports(undefined),
    listClauses(),
  ]);
  return {
    months: settableMonths(today()),
    clauses: clauses.map((c) => ({ value: c.id, label: `${c.id} ${c.heading}` })),
    questions: questions.map((q) => ({
      value: q.id,
      label: `${q.id}（基本方針 ${q.clauseId}）${q.prompt.length > 50 ? `${q.prompt.slice(0, 50)}…` : q.prompt}`,
    })),
    table: monthlyTable(reports.questions, reports.employeeTypes),
  };
}

type Result = { error?: string; done?: string; values?: Record<string, unknown> };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: ["HR", "ADMIN"] });
  const values = monthlyQuestionFormValues(await readForm(request));
  const parsed = MonthlyQuestionForm.safeParse(values);
  if (!parsed.success) return data<Result>({ error: parsed.error.issues[0]!.message, values }, { status: 400 });
  const day = today();
  const form = parsed.data;
  const { month } = form;
  if (!settableMonths(day).includes(month))
    return data<Result>({ error: t("monthly.monthRequired"), values }, { status: 400 });
  const result = await setMonthlyQuestion(
    actorOf(user, context),
    form.intent === "auto"
      ? { month, auto: true }
      : form.intent === "write"
        ? { month, written: form }
        : { month, questionId: form.questionId },
    day,
  );
  if (!result.ok) return data<Result>({ error: result.error, values }, { status: 400 });
  return data<Result>({
    done:
      result.questionId === null
        ? t("monthlyAdmin.savedWritten", { month, clause: result.clauseId })
        : t("monthlyAdmin.saved", { month, question: result.questionId, clause: result.clauseId }),
  });
}

/**
 * HR chooses the question of the month from the bank, lets Mamori pick the
 * clause most missed last month, or writes one for the month.
 */
export default function MonthlyQuestionAdmin() {
  const { months, questions, clauses, table } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  // A refused written question comes back as typed.
  const v = result?.values?.intent === "write" ? result.values : {};
  const text = (name: string) => (typeof v[name] === "string" ? (v[name] as string) : undefined);
  const typedChoices = Array.isArray(v.choices) ? (v.choices as string[]) : [];
  return (
    <>
      <p>
        <Link to="/admin/bulletins">{t("bulletinAdmin.title")}</Link>
      </p>
      <h1>{t("monthlyAdmin.title")}</h1>
      <p className="lead">{t("monthlyAdmin.lead")}</p>
      <FormOutcome error={result?.error} done={result?.done} />
      <Form method="post" className="card form" aria-labelledby="from-bank">
        <h2 id="from-bank">{t("monthlyAdmin.fromBank")}</h2>
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
      <Form method="post" className="card form" aria-labelledby="write" key={result?.done ?? "write"}>
        <h2 id="write">{t("monthlyAdmin.write")}</h2>
        <p className="field-hint">{t("monthlyAdmin.writeLead")}</p>
        <div className="field">
          <label htmlFor="write-month">{t("monthlyAdmin.month")}</label>
          <select id="write-month" name="month" defaultValue={text("month") ?? months[0]}>
            {months.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="prompt">{t("monthlyAdmin.prompt")}</label>
          <textarea id="prompt" name="prompt" rows={3} maxLength={400} required defaultValue={text("prompt")} />
        </div>
        {Array.from({ length: WRITTEN_CHOICES }, (_, i) => (
          <div className="field" key={i}>
            <label htmlFor={`choice${i + 1}`}>{t("monthlyAdmin.choice", { n: i + 1 })}</label>
            <input
              id={`choice${i + 1}`}
              name={`choice${i + 1}`}
              maxLength={100}
              required={i < 2}
              defaultValue={typedChoices[i]}
            />
          </div>
        ))}
        <div className="field">
          <label htmlFor="answer">{t("monthlyAdmin.answer")}</label>
          <select id="answer" name="answer" defaultValue={text("answer") ?? "1"}>
            {Array.from({ length: WRITTEN_CHOICES }, (_, i) => (
              <option key={i} value={i + 1}>
                {t("monthlyAdmin.choice", { n: i + 1 })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="explanation">{t("monthlyAdmin.explanation")}</label>
          <textarea
            id="explanation"
            name="explanation"
            rows={3}
            maxLength={1000}
            required
            defaultValue={text("explanation")}
          />
        </div>
        <div className="field">
          <label htmlFor="clause">{t("monthlyAdmin.clause")}</label>
          <select id="clause" name="clause" defaultValue={text("clause")}>
            {clauses.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <button type="submit" name="intent" value="write" className="button button-primary" disabled={busy}>
            {t("monthlyAdmin.saveWritten")}
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
