import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { t } from "~/lib/i18n.ts";
import { requireUser } from "~/lib/session.server.ts";
import { getQuestion } from "~/services/catalogue.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? t("report.questionTitle", { id: data.question.id }) : ""} | ${t("app.name")}` },
];

// The answer key is shown to HR and managers only: they read why staff miss it.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: ["MANAGER", "HR", "ADMIN"] });
  const question = await getQuestion(params.questionId ?? "");
  if (!question) throw new Response(t("error.notFound"), { status: 404 });
  return { question };
}

export default function QuestionPage() {
  const { question } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/reports#items">{t("report.back")}</Link>
      </p>
      <h1>{t("report.questionTitle", { id: question.id })}</h1>
      <section className="card">
        <p className="question-prompt">{question.prompt}</p>
        <ul>
          {question.choices.map((c) => (
            <li key={c.id}>
              {c.text}
              {question.answer.includes(c.id) ? <strong>（{t("report.rightAnswer")}）</strong> : null}
            </li>
          ))}
        </ul>
        <p>
          <strong>{t("quiz.explanation")}：</strong>
          {question.explanation}
        </p>
        <p>
          <a href={`/policy#${encodeURIComponent(`c-${question.clause}`)}`}>
            {t("quiz.clause", { clause: question.clause })}
          </a>
        </p>
      </section>
    </>
  );
}
