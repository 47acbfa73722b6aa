/**
 * 今月の一問 (question of the month): pure rules. A month is "YYYY-MM" on
 * the Japan calendar.
 */
import { startOfJapanDay } from "./japan-time.ts";

/** The month of a Japan calendar day: 2026-11-25 → 2026-11. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** The month before: 2026-01 → 2025-12. */
export function previousMonth(month: string): string {
  const [year, m] = month.split("-").map(Number) as [number, number];
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, "0")}`;
}

/** The first day of a month, YYYY-MM-DD. */
export function firstDayOf(month: string): string {
  return `${month}-01`;
}

/** The month after: 2026-12 → 2027-01. */
function nextMonth(month: string): string {
  const [year, m] = month.split("-").map(Number) as [number, number];
  return m === 12
    ? `${String(year + 1).padStart(4, "0")}-01`
    : `${month.slice(0, 4)}-${String(m + 1).padStart(2, "0")}`;
}

/** The instants a month spans in Japan time: [00:00 on the 1st, 00:00 on the 1st of the next). */
export function monthWindow(month: string): { from: Date; to: Date } {
  return { from: startOfJapanDay(firstDayOf(month)), to: startOfJapanDay(firstDayOf(nextMonth(month))) };
}

/** A question that one click can answer: one right choice. */
export type OneClickQuestion = { id: string; type: string; clause: string };

export function answersInOneClick(question: { type: string }): boolean {
  return question.type === "single" || question.type === "truefalse";
}

/**
 * Mamori's pick: the clause staff got wrong most (lowest share of correct
 * answers, as item analysis orders them), and of its questions the one
 * most missed; a question of that clause nobody answered if none was. Only
 * one-click questions qualify; a clause without one gives way to the next.
 * Null when nobody answered anything.
 */
export function pickMonthlyQuestion(
  analysis: {
    clauses: { clauseId: string; answered: number }[];
    questions: { questionId: string; clauseId: string | null; answered: number }[];
  },
  bank: readonly OneClickQuestion[],
): { questionId: string; clauseId: string } | null {
  const eligible = new Map(bank.filter(answersInOneClick).map((q) => [q.id, q]));
  for (const clause of analysis.clauses) {
    if (clause.answered === 0) continue;
    const missed = analysis.questions.find(
      (q) => q.answered > 0 && q.clauseId === clause.clauseId && eligible.get(q.questionId)?.clause === clause.clauseId,
    );
    const fallback = [...eligible.values()]
      .filter((q) => q.clause === clause.clauseId)
      .sort((a, b) => (a.id < b.id ? -1 : 1))[0];
    const questionId = missed?.questionId ?? fallback?.id;
    if (questionId) return { questionId, clauseId: clause.clauseId };
  }
  return null;
}

/**
 * What the person sees of a question of the month they answered: their
 * choice and, unless the key is hidden from them (they may still be asked
 * it in their training), whether it was right, the right answer, why, and
 * the clause. Null before they answer.
 */
export type MonthlyAnswerResult =
  | { choiceId: string; keyHidden: true }
  | {
      choiceId: string;
      keyHidden: false;
      correct: boolean;
      answer: string[];
      explanation: string;
      clause: { id: string; heading: string; text: string; popoverId: string } | null;
    }
  | null;
