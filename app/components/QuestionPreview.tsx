import { t } from "~/lib/i18n.ts";

type Previewed = {
  prompt: string;
  choices: { id: string; text: string }[];
  answer: string[];
  explanation: string;
  clause: string;
};

/** A question as a learner sees it in the result of an attempt (the same markup), for the editor's preview. */
export function QuestionPreview({ question: q }: { question: Previewed }) {
  const right = q.choices.filter((c) => q.answer.includes(c.id)).map((c) => c.text);
  return (
    <div className="card result question-preview">
      <p className="question-prompt">{q.prompt}</p>
      <ul>
        {q.choices.map((c) => (
          <li key={c.id}>
            {c.text}
            {q.answer.includes(c.id) ? <span className="badge badge-ok">{t("questionEdit.correct")}</span> : null}
          </li>
        ))}
      </ul>
      <dl className="result-answers">
        <dt>{t("quiz.rightAnswer")}</dt>
        <dd>{right.join("／")}</dd>
        <dt>{t("quiz.explanation")}</dt>
        <dd data-testid="preview-explanation">{q.explanation}</dd>
      </dl>
      <p>{t("quiz.clause", { clause: q.clause })}</p>
    </div>
  );
}
