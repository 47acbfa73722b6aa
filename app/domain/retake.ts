/**
 * Retakes that teach: what a failed attempt asks of the next one. A retake
 * opens once the person has read again the modules where they went wrong
 * (and, if the city sets one, a minimum wait has passed), and at least half
 * of its questions come from the clauses they missed. Pure: randomness and
 * the time are passed in.
 */
import type { Question } from "~/domain/content/types.ts";
import { drawQuestions } from "~/domain/quiz.ts";

/** What a failed attempt got wrong: the clauses, and the modules that teach them. */
export type Missed = { clauses: string[]; modules: string[] };

/** The clauses and modules of the wrong answers, each once, in the order they came. */
export function missedIn(answers: readonly { clause: string; moduleSlug: string; correct: boolean }[]): Missed {
  const wrong = answers.filter((a) => !a.correct);
  return { clauses: [...new Set(wrong.map((a) => a.clause))], modules: [...new Set(wrong.map((a) => a.moduleSlug))] };
}

export type RetakeGate = { kind: "open" } | { kind: "reread"; modules: string[] } | { kind: "wait"; until: Date };

/**
 * Whether the next attempt may start after a failed one submitted at `failedAt`: every missed module must have
 * been marked read after the failure (`readAt`: when each module was last marked read), then the wait must be
 * over. Reading comes first: it is the part the person can act on now.
 */
export function retakeGate(input: {
  failedAt: Date;
  missedModules: readonly string[];
  readAt: ReadonlyMap<string, Date>;
  waitMinutes: number;
  now: Date;
}): RetakeGate {
  const unread = input.missedModules.filter((slug) => !(input.readAt.get(slug)! > input.failedAt));
  if (unread.length > 0) return { kind: "reread", modules: unread };
  const until = new Date(input.failedAt.getTime() + input.waitMinutes * 60_000);
  return input.now < until ? { kind: "wait", until } : { kind: "open" };
}

/**
 * The questions of a retake, `count` of them: at least half (rounded up) from the missed clauses — then, if those
 * clauses' questions run out, from the rest of the missed modules' banks — and the others drawn evenly over every
 * module as a first attempt is. Questions the previous attempt did not ask come first throughout, so the draw
 * repeats the last one only when the banks hold nothing else. Order is left to the caller's draw.
 */
export function pickRetakeQuestions(
  banks: readonly { moduleSlug: string; questions: readonly Question[] }[],
  count: number,
  missed: Missed,
  previous: readonly string[],
  random: () => number,
): Question[] {
  const byId = new Map<string, Question>();
  for (const bank of banks)
    for (const question of bank.questions) if (!byId.has(question.id)) byId.set(question.id, question);
  const asked = new Set(previous);
  const clauses = new Set(missed.clauses);
  const modules = new Set(missed.modules);
  const all = [...byId.values()];
  const onClause = all.filter((q) => clauses.has(q.clause));
  const inModule = all.filter((q) => !clauses.has(q.clause) && modules.has(q.moduleSlug));
  const isNew = (q: Question) => !asked.has(q.id);
  const focusPool = [
    onClause.filter(isNew),
    inModule.filter(isNew),
    onClause.filter((q) => !isNew(q)),
    inModule.filter((q) => !isNew(q)),
  ].flatMap((group) => shuffled(group, random));
  const focus = focusPool.slice(0, Math.ceil(count / 2));

  const taken = new Set(focus.map((q) => q.id));
  const rest = (keep: (q: Question) => boolean) =>
    banks.map((bank) => ({
      moduleSlug: bank.moduleSlug,
      questions: bank.questions.filter((q) => !taken.has(q.id) && keep(q)),
    }));
  const need = count - focus.length;
  const fresh = spread(rest(isNew), need, random, byId);
  const repeated = spread(
    rest((q) => !isNew(q)),
    need - fresh.length,
    random,
    byId,
  );
  return [...focus, ...fresh, ...repeated];
}

/** Up to `count` questions drawn evenly over the banks (all of them when they hold fewer). */
function spread(
  banks: { moduleSlug: string; questions: Question[] }[],
  count: number,
  random: () => number,
  byId: ReadonlyMap<string, Question>,
): Question[] {
  const available = new Set(banks.flatMap((bank) => bank.questions.map((q) => q.id))).size;
  const n = Math.min(count, available);
  if (n < 1) return [];
  return drawQuestions(banks, n, random).map((drawn) => byId.get(drawn.questionId)!);
}

/** Fisher–Yates on a copy. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
