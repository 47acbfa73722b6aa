/**
 * A track's quiz whose own module must weigh more than an even share (the
 * executive course and its executive module): the modules `fixed` names give
 * exactly that many questions, and the rest of the draw is spread evenly
 * over the other modules, as drawQuestions spreads any draw. Pure.
 */
import type { Question } from "~/domain/content/types.ts";
import { drawQuestions } from "~/domain/quiz.ts";

/** The questions of such a draw; order and choice order are left to the caller's drawQuestions. */
export function pickWithFixedModules(
  banks: readonly { moduleSlug: string; questions: readonly Question[] }[],
  count: number,
  fixed: Readonly<Record<string, number>>,
  random: () => number,
): Question[] {
  const byId = new Map(banks.flatMap((bank) => bank.questions.map((q) => [q.id, q] as const)));
  const take = (from: typeof banks, n: number) =>
    n < 1 ? [] : drawQuestions(from, n, random).map((drawn) => byId.get(drawn.questionId)!);
  const own = banks.filter((bank) => bank.moduleSlug in fixed);
  const picked = own.flatMap((bank) => take([bank], Math.min(fixed[bank.moduleSlug]!, bank.questions.length)));
  const taken = new Set(picked.map((q) => q.id));
  const others = banks
    .filter((bank) => !(bank.moduleSlug in fixed))
    .map((bank) => ({ moduleSlug: bank.moduleSlug, questions: bank.questions.filter((q) => !taken.has(q.id)) }));
  return [...picked, ...take(others, count - picked.length)];
}
