import { Form, Link } from "@remix-run/react";
import { formatDateTime } from "~/domain/japan-time.ts";
import type { MonthlyAnswerResult } from "~/domain/monthly-question.ts";
import { t } from "~/lib/i18n.ts";
import { ClausePopover } from "./ClausePopover.tsx";

export type BulletinCardData = {
  id: number;
  title: string;
  publishOn: string;
  mustConfirm: boolean;
  readAt: string | Date | null;
  confirmedAt: string | Date | null;
  done: boolean;
  html: string;
  cited: { id: string; heading: string; text: string; popoverId: string }[];
};

/** Whether the person read and confirmed a bulletin, in words with the time. */
export function receiptLabel(b: Pick<BulletinCardData, "mustConfirm" | "readAt" | "confirmedAt">): string {
  const at = (value: string | Date) => formatDateTime(new Date(value));
  if (b.confirmedAt) return t("bulletin.confirmedOn", { date: at(b.confirmedAt) });
  if (!b.readAt) return t("bulletin.unread");
  const read = t("bulletin.readOn", { date: at(b.readAt) });
  return b.mustConfirm ? `${read}・${t("bulletin.notConfirmed")}` : read;
}

/**
 * One bulletin with its body and the one button that takes it off the home
 * page: 「読みました」, or 「確認しました」 when it must be confirmed.
 * `redirectTo` is where the button returns to.
 */
export function BulletinCard({
  bulletin,
  redirectTo,
  headingLevel = 3,
}: {
  bulletin: BulletinCardData;
  redirectTo: string;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const headingId = `bulletin-${bulletin.id}`;
  return (
    <article className="card bulletin" aria-labelledby={headingId}>
      <div className="assignment-head">
        <Heading id={headingId}>{bulletin.title}</Heading>
        {bulletin.mustConfirm ? <span className="badge badge-warn">{t("bulletin.mustConfirm")}</span> : null}
      </div>
      <p className="assignment-meta">{t("bulletin.publishedOn", { date: bulletin.publishOn })}</p>
      <div className="lesson-body" dangerouslySetInnerHTML={{ __html: bulletin.html }} />
      {bulletin.cited.map((clause) => (
        <ClausePopover key={clause.id} clause={clause} />
      ))}
      {bulletin.done ? (
        <p className="badge badge-ok">{receiptLabel(bulletin)}</p>
      ) : (
        <Form method="post" action={`/bulletins/${bulletin.id}`}>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <button
            type="submit"
            name="intent"
            value={bulletin.mustConfirm ? "confirm" : "read"}
            className="button button-primary"
          >
            {bulletin.mustConfirm ? t("bulletin.confirm") : t("bulletin.read")}
          </button>
        </Form>
      )}
    </article>
  );
}

/** The home page's bulletins not yet read (or confirmed), and the way to the archive. */
export function PendingBulletins({ bulletins }: { bulletins: BulletinCardData[] }) {
  if (bulletins.length === 0) return null;
  return (
    <section aria-labelledby="bulletins-title">
      <h2 id="bulletins-title">{t("bulletin.homeTitle")}</h2>
      {bulletins.map((bulletin) => (
        <BulletinCard key={bulletin.id} bulletin={bulletin} redirectTo="/" />
      ))}
      <p>
        <Link to="/bulletins">{t("bulletin.archiveLink")}</Link>
      </p>
    </section>
  );
}

export type MonthlyQuestionData = {
  id: number;
  prompt: string;
  choices: { id: string; text: string }[];
  result: MonthlyAnswerResult;
};

/**
 * 今月の一問: each choice is a button, so one click answers; the result,
 * explanation and clause appear at once. Counts towards no course.
 */
export function MonthlyQuestionCard({ question }: { question: MonthlyQuestionData }) {
  const { result } = question;
  const text = (id: string) => question.choices.find((c) => c.id === id)?.text ?? id;
  return (
    <section className="card monthly-question" aria-labelledby="monthly-title">
      <h2 id="monthly-title">{t("monthly.title")}</h2>
      <p className="field-hint">{t("monthly.lead")}</p>
      <p className="question-prompt">{question.prompt}</p>
      {result?.keyHidden ? (
        <div role="status" className="notice">
          <p>{t("monthly.yourAnswer", { choice: text(result.choiceId) })}</p>
          <p>{t("monthly.keyHidden")}</p>
        </div>
      ) : result ? (
        <div role="status" className={result.correct ? "notice result-pass" : "notice notice-error"}>
          <p>
            <strong>
              {result.correct
                ? t("monthly.correct")
                : t("monthly.wrong", { answer: result.answer.map(text).join("／") })}
            </strong>
          </p>
          <p>{t("monthly.yourAnswer", { choice: text(result.choiceId) })}</p>
          <p>
            <strong>{t("monthly.explanation")}：</strong>
            {result.explanation}
          </p>
          {result.clause ? (
            <>
              <p>
                <button type="button" className="citation" {...({ popovertarget: result.clause.popoverId } as object)}>
                  基本方針 {result.clause.id}
                </button>{" "}
                {result.clause.heading}
              </p>
              <ClausePopover clause={result.clause} />
            </>
          ) : null}
        </div>
      ) : (
        <Form method="post" action="/monthly-question" className="monthly-choices">
          <input type="hidden" name="monthlyQuestionId" value={question.id} />
          {question.choices.map((choice) => (
            <button key={choice.id} type="submit" name="choiceId" value={choice.id} className="button choice-button">
              {choice.text}
            </button>
          ))}
        </Form>
      )}
    </section>
  );
}
