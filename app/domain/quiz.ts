/** The quiz engine: drawing an attempt's questions and scoring it. Pure: randomness is passed in. */
import type { Choice, Question, QuestionType } from "~/domain/content/types.ts";

/** A seeded pseudo-random generator returning floats in [0, 1); the same seed gives the same sequence. */
export function seededRandom(seed: string): () => number {
  // cyrb128 spreads the seed over 128 bits of state; sfc32 then passes PractRand for far longer than a quiz needs.
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;

  let a = h1 | 0;
  let b = h2 | 0;
  let c = h3 | 0;
  let d = h4 | 0;
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** A question as drawn into an attempt: a snapshot, so later content edits never change a past attempt. */
export type DrawnQuestion = {
  questionId: string;
  moduleSlug: string;
  type: QuestionType;
  prompt: string;
  /** In the order shown to this person. */
  choices: Choice[];
  /** Correct choice ids. Server only. */
  answer: string[];
  /** Server only. */
  explanation: string;
  clause: string;
};

/** What the browser may see before submission: no answer, no explanation. */
export type QuizQuestion = Pick<DrawnQuestion, "questionId" | "type" | "prompt" | "choices">;

/** The part of a drawn question that is safe to send to the browser before submission. */
export function toQuizQuestion(question: DrawnQuestion): QuizQuestion {
  // Built key by key, never by spreading, so a field added to DrawnQuestion later cannot leak.
  return {
    questionId: question.questionId,
    type: question.type,
    prompt: question.prompt,
    choices: question.choices.map(copyChoice),
  };
}

/**
 * Draws `count` questions spread as evenly as possible across the modules: each gets an equal share, the
 * remainder goes to modules chosen at random, and a module too small for its share gives all it has while
 * the others make up the shortfall. Question order and (except truefalse) choice order are shuffled.
 * Throws if the banks together hold fewer than `count` questions.
 */
export function drawQuestions(
  banks: readonly { moduleSlug: string; questions: readonly Question[] }[],
  count: number,
  random: () => number,
): DrawnQuestion[] {
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`A quiz draws a whole number of questions, at least 1; got ${count}`);
  }
  // A question listed twice (in one bank or two) is one question: it must never be drawn twice.
  const seen = new Set<string>();
  const slots = banks.map((bank) => {
    const questions: Question[] = [];
    for (const question of bank.questions) {
      if (seen.has(question.id)) continue;
      seen.add(question.id);
      questions.push(question);
    }
    return { questions, quota: 0 };
  });
  if (seen.size < count) {
    throw new RangeError(`Cannot draw ${count} questions: the modules hold only ${seen.size}`);
  }

  // Water-filling: a module that cannot fill the even share gives everything and leaves the rest to share again.
  let open = slots;
  let remaining = count;
  while (open.length > 0) {
    const share = Math.floor(remaining / open.length);
    const small = open.filter((slot) => slot.questions.length <= share);
    if (small.length === 0) {
      for (const slot of open) slot.quota = share;
      const extra = remaining - share * open.length;
      for (const slot of shuffle(open, random).slice(0, extra)) slot.quota += 1;
      break;
    }
    for (const slot of small) {
      slot.quota = slot.questions.length;
      remaining -= slot.quota;
    }
    open = open.filter((slot) => slot.questions.length > share);
  }

  const drawn = slots.flatMap((slot) => shuffle(slot.questions, random).slice(0, slot.quota));
  return shuffle(drawn, random).map((question) => ({
    questionId: question.id,
    moduleSlug: question.moduleSlug,
    type: question.type,
    prompt: question.prompt,
    choices: orderChoices(question, random),
    answer: [...question.answer],
    explanation: question.explanation,
    clause: question.clause,
  }));
}

/**
 * A question's choices in the order one person sees them: shuffled, so the key's place as written tells
 * nothing, except true/false: people expect 正しい before 誤り, and flipping them at random invites a wrong click.
 */
export function orderChoices(question: Pick<Question, "type" | "choices">, random: () => number): Choice[] {
  return (question.type === "truefalse" ? question.choices : shuffle(question.choices, random)).map(copyChoice);
}

/** questionId → the choice ids the person chose. */
export type Responses = Record<string, readonly string[]>;

export type QuestionResult = { questionId: string; chosen: string[]; correct: boolean };

export type Score = { correct: number; total: number; percent: number; passed: boolean; results: QuestionResult[] };

/**
 * Scores responses against the stored draw, all-or-nothing per question: right iff the chosen set equals the
 * answer set. Unknown choice ids and questions outside the draw are ignored; results are in draw order.
 */
export function scoreAttempt(draw: readonly DrawnQuestion[], responses: Responses, passPercent: number): Score {
  if (draw.length === 0) {
    // The pass rule would pass an empty attempt (0 >= 0); an attempt without questions is a bug, not a pass.
    throw new RangeError("Cannot score an attempt with no questions");
  }
  const results = draw.map((question): QuestionResult => {
    const offered = new Set(question.choices.map((c) => c.id));
    const given = Object.hasOwn(responses, question.questionId) ? responses[question.questionId] : undefined;
    const chosen = [...new Set(Array.isArray(given) ? given : [])].filter((id) => offered.has(id));
    const answer = new Set(question.answer);
    const correct = chosen.length === answer.size && chosen.every((id) => answer.has(id));
    return { questionId: question.questionId, chosen, correct };
  });
  const correct = results.filter((r) => r.correct).length;
  const total = results.length;
  return {
    correct,
    total,
    percent: Math.floor((100 * correct) / total),
    // Cross-multiplied so no rounded percentage decides a pass: 12/15 at 80% passes.
    passed: correct * 100 >= passPercent * total,
    results,
  };
}

/** Fisher–Yates on a copy. */
function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const r = random();
    if (!(r >= 0 && r < 1)) throw new RangeError(`random() must return a number in [0, 1); got ${r}`);
    const j = Math.floor(r * (i + 1));
    const held = out[i]!;
    out[i] = out[j]!;
    out[j] = held;
  }
  return out;
}

function copyChoice(choice: Choice): Choice {
  return { id: choice.id, text: choice.text };
}
