import { Prisma } from "~/generated/prisma/client.ts";
import type { Actor } from "~/domain/audit.ts";
import type { WrittenQuestion } from "~/domain/bulletin-form.ts";
import type { Choice, Question } from "~/domain/content/types.ts";
import { fiscalYearOf } from "~/domain/fiscal-year.ts";
import {
  answersInOneClick,
  firstDayOf,
  monthOf,
  monthWindow,
  pickMonthlyQuestion,
  type MonthlyAnswerResult,
  previousMonth,
} from "~/domain/monthly-question.ts";
import { orderChoices, seededRandom } from "~/domain/quiz.ts";
import { db } from "~/lib/db.server.ts";
import { t } from "~/lib/i18n.ts";
import { sqlBoolean, sqlJson } from "~/lib/sql-dialect.server.ts";
import { reads } from "~/lib/sql-read.server.ts";
import { mayStillBeAsked } from "./answer-key.server.ts";
import { recordAudit } from "./audit.server.ts";
import { toQuestion } from "./catalogue.server.ts";
import { itemAnalysis } from "./reports.server.ts";
import type { Scope } from "./bulletins.server.ts";
import type { MonthlyQuestionReport } from "~/domain/bulletin-figures.ts";

/**
 * 今月の一問 (question of the month): one question on everyone's home page,
 * answered with one click, explained at once. Its answers are kept in
 * MonthlyAnswer only: no attempt, no answer tally, no course is touched.
 */

/** The question as asked: a copy, so a later content release never changes it. */
type AskedQuestion = Pick<Question, "prompt" | "type" | "choices" | "answer" | "explanation" | "clause">;

function asked(question: Question): AskedQuestion {
  const { prompt, type, choices, answer, explanation, clause } = question;
  return { prompt, type, choices, answer, explanation, clause };
}

export type SetMonthlyResult = { ok: true; questionId: string | null; clauseId: string } | { ok: false; error: string };

/**
 * Sets the question of `month`: HR's choice from the bank, ("auto")
 * Mamori's pick — the clause staff got wrong most in the month before, by
 * the report's item analysis over the attempts submitted that month — or
 * a single-choice question HR wrote for the month, citing a clause in
 * force. A month's question can be replaced until someone has answered it.
 * Audited.
 */
export async function setMonthlyQuestion(
  actor: Actor,
  choice:
    { month: string; questionId: string } | { month: string; auto: true } | { month: string; written: WrittenQuestion },
  today: string,
): Promise<SetMonthlyResult> {
  if ("written" in choice) {
    const clause = await db.clause.findFirst({ where: { id: choice.written.clause, retired: false } });
    if (!clause) return { ok: false, error: t("monthly.clauseRequired") };
    return saveMonthlyQuestion(actor, choice.month, null, writtenQuestion(choice.written), "written");
  }
  let questionId: string;
  if ("auto" in choice) {
    const before = previousMonth(choice.month);
    const [analysis, bank] = await Promise.all([
      itemAnalysis({ fiscalYear: fiscalYearOf(firstDayOf(before)) }, today, monthWindow(before)),
      db.question.findMany({ where: { retired: false }, select: { id: true, type: true, clauseId: true } }),
    ]);
    const pick = pickMonthlyQuestion(
      analysis,
      bank.map((q) => ({ id: q.id, type: q.type, clause: q.clauseId })),
    );
    if (!pick) return { ok: false, error: t("monthly.nothingToPick", { month: before }) };
    questionId = pick.questionId;
  } else {
    questionId = choice.questionId;
  }
  const row = await db.question.findFirst({ where: { id: questionId, retired: false } });
  if (!row) return { ok: false, error: t("monthly.unknownQuestion") };
  const question = toQuestion(row);
  if (!answersInOneClick(question)) return { ok: false, error: t("monthly.notOneClick") };
  return saveMonthlyQuestion(actor, choice.month, questionId, asked(question), "auto" in choice ? "auto" : "hr");
}

/** A written question as asked: its non-blank choices lettered a, b, c… in the order typed. */
function writtenQuestion(written: WrittenQuestion): AskedQuestion {
  const typed = written.choices.map((text, i) => ({ text, position: i + 1 })).filter((c) => c.text !== "");
  const choices = typed.map((c, i) => ({ id: String.fromCharCode(97 + i), text: c.text }));
  const answer = choices[typed.findIndex((c) => c.position === written.answer)]!.id;
  return {
    prompt: written.prompt,
    type: "single",
    choices,
    answer: [answer],
    explanation: written.explanation,
    clause: written.clause,
  };
}

/** Sets or replaces the month's question, unless someone has answered it already; audited. */
async function saveMonthlyQuestion(
  actor: Actor,
  month: string,
  questionId: string | null,
  question: AskedQuestion,
  chosenBy: "hr" | "auto" | "written",
): Promise<SetMonthlyResult> {
  return db.$transaction(async (tx) => {
    const existing = await tx.monthlyQuestion.findUnique({
      where: { month },
      select: { id: true, _count: { select: { answers: true } } },
    });
    if (existing && existing._count.answers > 0) return { ok: false as const, error: t("monthly.alreadyAnswered") };
    const data = { questionId, question, chosenBy, createdBy: actor.staffId };
    const saved = await tx.monthlyQuestion.upsert({ where: { month }, create: { month, ...data }, update: data });
    await recordAudit(tx, actor, {
      action: "monthly-question.set",
      targetType: "monthly-question",
      targetId: saved.id,
      detail: { month, questionId, chosenBy, ...(questionId === null ? { question } : {}) },
    });
    return { ok: true as const, questionId, clauseId: question.clause };
  });
}

export type MonthlyQuestionView = {
  id: number;
  month: string;
  prompt: string;
  choices: Choice[];
  /**
   * Set once the person has answered: what they chose and, unless the key is
   * hidden from them, whether it was right, the right answer, why, and the clause.
   */
  result: MonthlyAnswerResult;
};

function readAsked(value: unknown): AskedQuestion {
  return value as AskedQuestion;
}

type MonthlyRow = {
  id: number;
  month: string;
  question: unknown;
  moduleSlug: string | null;
  choiceId: string | null;
  correct: unknown;
};

/**
 * This month's question for a person, with their result once they answered;
 * null when HR set none. Every home page asks, so the question with the
 * person's answer is one plain statement on the read connection
 * (sql-read.server.ts); the clause is read only once they answered.
 *
 * A question copied from the bank keeps its key and explanation (and whether
 * the answer was right) from anyone whose unfinished training can still ask
 * it — the rule of the report's question page (answer-key.server.ts).
 */
export async function monthlyQuestionFor(staffId: number, today: string): Promise<MonthlyQuestionView | null> {
  const [row] = await reads.rows<MonthlyRow>(Prisma.sql`
    SELECT "q"."id", "q"."month", "q"."question", "b"."moduleSlug", "a"."choiceId", "a"."correct"
    FROM "MonthlyQuestion" AS "q"
    LEFT JOIN "Question" AS "b" ON "b"."id" = "q"."questionId"
    LEFT JOIN "MonthlyAnswer" AS "a" ON "a"."monthlyQuestionId" = "q"."id" AND "a"."staffId" = ${staffId}
    WHERE "q"."month" = ${monthOf(today)}`);
  if (!row) return null;
  const question = readAsked(sqlJson(row.question));
  const asked = {
    id: Number(row.id),
    month: row.month,
    prompt: question.prompt,
    // Shuffled as a quiz is, seeded by question and person so a reload shows the same order.
    choices: orderChoices(question, seededRandom(`monthly:${row.id}:${staffId}`)),
  };
  const choiceId = row.choiceId;
  if (choiceId === null) return { ...asked, result: null };
  if (row.moduleSlug !== null && (await mayStillBeAsked(staffId, row.moduleSlug)))
    return { ...asked, result: { choiceId, keyHidden: true } };
  const [clause] = await reads.rows<{ id: string; heading: string; text: string }>(
    Prisma.sql`SELECT "id", "heading", "text" FROM "Clause" WHERE "id" = ${question.clause}`,
  );
  return {
    ...asked,
    result: {
      choiceId,
      keyHidden: false,
      correct: sqlBoolean(row.correct),
      answer: question.answer,
      explanation: question.explanation,
      clause: clause ? { ...clause, popoverId: "monthly-clause" } : null,
    },
  };
}

/**
 * Records a person's answer to this month's question: once — the first
 * answer stands, by the key. Refused (false) for another month's question
 * or a choice it does not have.
 */
export async function answerMonthlyQuestion(
  staffId: number,
  monthlyQuestionId: number,
  choiceId: string,
  today: string,
): Promise<boolean> {
  const row = await db.monthlyQuestion.findFirst({
    where: { id: monthlyQuestionId, month: monthOf(today) },
    select: { question: true },
  });
  if (!row) return false;
  const question = readAsked(row.question);
  if (!question.choices.some((c) => c.id === choiceId)) return false;
  await db.monthlyAnswer.upsert({
    where: { monthlyQuestionId_staffId: { monthlyQuestionId, staffId } },
    create: {
      monthlyQuestionId,
      staffId,
      choiceId,
      correct: question.answer.length === 1 && question.answer[0] === choiceId,
    },
    update: {},
  });
  return true;
}

const count = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/**
 * Every question of the month, newest first, with the share of correct
 * answers by employee type among active staff (a manager: their own
 * organisation's). Three statements whatever the number of staff.
 */
export async function monthlyQuestionReports(
  scope: Scope,
): Promise<{ employeeTypes: { code: string; name: string }[]; questions: MonthlyQuestionReport[] }> {
  const inScope = scope ? Prisma.sql` AND "Staff"."organisationId" = ${scope.organisationId}` : Prisma.empty;
  const [questions, types, groups] = await Promise.all([
    db.monthlyQuestion.findMany({
      orderBy: { month: "desc" },
      select: { id: true, month: true, questionId: true, question: true, chosenBy: true },
    }),
    db.employeeType.findMany({ orderBy: { sortOrder: "asc" }, select: { code: true, name: true } }),
    db.$queryRaw<{ monthlyQuestionId: unknown; employeeTypeCode: string; answered: unknown; correct: unknown }[]>`
      SELECT "a"."monthlyQuestionId" AS "monthlyQuestionId", "Staff"."employeeTypeCode" AS "employeeTypeCode",
        COUNT(*) AS "answered", SUM(CASE WHEN "a"."correct" = TRUE THEN 1 ELSE 0 END) AS "correct"
      FROM "MonthlyAnswer" AS "a"
      JOIN "Staff" ON "Staff"."id" = "a"."staffId"
      WHERE "Staff"."active" = TRUE${inScope}
      GROUP BY "a"."monthlyQuestionId", "Staff"."employeeTypeCode"`,
  ]);
  const reports = questions.map((q) => {
    const question = readAsked(q.question);
    const own = groups.filter((g) => count(g.monthlyQuestionId) === q.id);
    const byEmployeeType = types.map((type) => {
      const group = own.find((g) => g.employeeTypeCode === type.code);
      return { ...type, answered: count(group?.answered), correct: count(group?.correct) };
    });
    return {
      id: q.id,
      month: q.month,
      questionId: q.questionId,
      prompt: question.prompt,
      clause: question.clause,
      chosenBy: q.chosenBy,
      total: {
        answered: byEmployeeType.reduce((sum, g) => sum + g.answered, 0),
        correct: byEmployeeType.reduce((sum, g) => sum + g.correct, 0),
      },
      byEmployeeType,
    };
  });
  return { employeeTypes: types, questions: reports };
}

/** The bank's questions that one click answers, for HR's choice. */
export function oneClickQuestions() {
  return db.question.findMany({
    where: { retired: false, type: { in: ["single", "truefalse"] } },
    orderBy: [{ clauseId: "asc" }, { id: "asc" }],
    select: { id: true, clauseId: true, prompt: true },
  });
}
