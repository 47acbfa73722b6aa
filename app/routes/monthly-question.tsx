import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { MonthlyQuestionCard } from "~/components/Bulletins.tsx";
import { MonthlyAnswerForm } from "~/domain/bulletin-form.ts";
import { today } from "~/lib/clock.server.ts";
import { t } from "~/lib/i18n.ts";
import { requireUser } from "~/lib/session.server.ts";
import { answerMonthlyQuestion, monthlyQuestionFor } from "~/services/monthly-question.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("monthly.title")} | ${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { question: await monthlyQuestionFor(user.id, today()) };
}

/** One click on a choice: the first answer is kept, and the home page shows the result. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = MonthlyAnswerForm.safeParse(Object.fromEntries(await request.formData()));
  const answered =
    parsed.success &&
    (await answerMonthlyQuestion(user.id, parsed.data.monthlyQuestionId, parsed.data.choiceId, today()));
  if (!answered) return data({ error: t("monthly.answerRefused") }, { status: 400 });
  return redirect("/#monthly-title");
}

/** The question of the month on a page of its own (the home page shows the same card). */
export default function MonthlyQuestionPage() {
  const { question } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  return (
    <>
      {refused?.error ? (
        <p role="alert" className="form-error">
          {refused.error}
        </p>
      ) : null}
      <p>
        <Link to="/">{t("error.backHome")}</Link>
      </p>
      {question ? <MonthlyQuestionCard question={question} /> : <p>{t("monthly.none")}</p>}
    </>
  );
}
