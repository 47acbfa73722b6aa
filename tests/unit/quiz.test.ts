import { describe, expect, it } from "vitest";
import type { Question, QuestionType } from "~/domain/content/types.ts";
import {
  drawQuestions,
  normalShares,
  scoreAttempt,
  seededRandom,
  toQuizQuestion,
  type DrawnQuestion,
} from "~/domain/quiz.ts";

function question(moduleSlug: string, n: number, type: QuestionType = "single"): Question {
  const id = `${moduleSlug}-${String(n).padStart(2, "0")}`;
  if (type === "truefalse") {
    return {
      id,
      moduleSlug,
      type,
      prompt: `${id} は正しいか`,
      choices: [
        { id: "t", text: "正しい" },
        { id: "f", text: "誤り" },
      ],
      answer: ["t"],
      explanation: `${id} の解説`,
      clause: "5",
    };
  }
  return {
    id,
    moduleSlug,
    type,
    prompt: `${id} の設問`,
    choices: [
      { id: "a", text: `${id} 選択肢ア` },
      { id: "b", text: `${id} 選択肢イ` },
      { id: "c", text: `${id} 選択肢ウ` },
      { id: "d", text: `${id} 選択肢エ` },
    ],
    answer: type === "multiple" ? ["a", "c"] : ["b"],
    explanation: `${id} の解説`,
    clause: "6(4)イ",
  };
}

const TYPES: QuestionType[] = ["single", "multiple", "truefalse"];

function bank(moduleSlug: string, size: number) {
  return {
    moduleSlug,
    questions: Array.from({ length: size }, (_, i) => question(moduleSlug, i + 1, TYPES[i % 3])),
  };
}

/** 16 modules of 10, 11 or 12 questions, like the real content. */
const sixteen = Array.from({ length: 16 }, (_, i) => bank(`module-${i + 1}`, 10 + (i % 3)));

function perModule(draw: readonly DrawnQuestion[]) {
  const counts = new Map<string, number>();
  for (const q of draw) counts.set(q.moduleSlug, (counts.get(q.moduleSlug) ?? 0) + 1);
  return counts;
}

const seeds = Array.from({ length: 200 }, (_, i) => `attempt-${i}`);

describe("seededRandom", () => {
  it("gives the same sequence for the same seed", () => {
    const a = seededRandom("attempt-42");
    const b = seededRandom("attempt-42");
    const first = Array.from({ length: 50 }, a);
    expect(Array.from({ length: 50 }, b)).toEqual(first);
  });

  it("gives different sequences for different seeds, including Japanese ones", () => {
    const take = (seed: string) => Array.from({ length: 10 }, seededRandom(seed));
    expect(take("attempt-1")).not.toEqual(take("attempt-2"));
    expect(take("職員-1")).not.toEqual(take("職員-2"));
    expect(take("")).not.toEqual(take("a"));
  });

  it("stays in [0, 1) and spreads over the range", () => {
    const random = seededRandom("range");
    const values = Array.from({ length: 10_000 }, random);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const buckets = new Array<number>(10).fill(0);
    for (const v of values) buckets[Math.floor(v * 10)]! += 1;
    for (const n of buckets) expect(n).toBeGreaterThan(800);
  });
});

describe("drawQuestions", () => {
  it("draws 20 from 16 modules with each giving 1 or 2 and no question twice", () => {
    for (const seed of seeds.slice(0, 50)) {
      const draw = drawQuestions(sixteen, 20, seededRandom(seed));
      expect(draw).toHaveLength(20);
      expect(new Set(draw.map((q) => q.questionId)).size).toBe(20);
      const counts = perModule(draw);
      expect(counts.size).toBe(16);
      const values = [...counts.values()];
      expect(values.every((n) => n === 1 || n === 2)).toBe(true);
      expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
      expect(values.filter((n) => n === 2)).toHaveLength(4);
    }
  });

  it("gives the remainder to different modules on different draws, not always the first ones", () => {
    const gotTwo = new Set<string>();
    for (const seed of seeds.slice(0, 50)) {
      for (const [slug, n] of perModule(drawQuestions(sixteen, 20, seededRandom(seed)))) {
        if (n === 2) gotTwo.add(slug);
      }
    }
    expect(gotTwo.size).toBe(16);
  });

  it("draws the same attempt from the same seed and a different one from another seed", () => {
    const once = drawQuestions(sixteen, 20, seededRandom("attempt-7"));
    const again = drawQuestions(sixteen, 20, seededRandom("attempt-7"));
    const other = drawQuestions(sixteen, 20, seededRandom("attempt-8"));
    expect(again).toEqual(once);
    expect(other.map((q) => q.questionId)).not.toEqual(once.map((q) => q.questionId));
  });

  it("shuffles the question order rather than grouping by module", () => {
    const firstModules = new Set(
      seeds.slice(0, 50).map((seed) => drawQuestions(sixteen, 20, seededRandom(seed))[0]!.moduleSlug),
    );
    expect(firstModules.size).toBeGreaterThan(8);
    const draw = drawQuestions(sixteen, 20, seededRandom("attempt-3"));
    const inModuleOrder = [...draw].sort((x, y) => x.questionId.localeCompare(y.questionId, "en", { numeric: true }));
    expect(draw.map((q) => q.questionId)).not.toEqual(inModuleOrder.map((q) => q.questionId));
  });

  it("makes up a small module's shortfall from the others", () => {
    const banks = [bank("small", 1), bank("large-a", 10), bank("large-b", 10)];
    for (const seed of seeds.slice(0, 20)) {
      const counts = perModule(drawQuestions(banks, 9, seededRandom(seed)));
      expect(Object.fromEntries(counts)).toEqual({ small: 1, "large-a": 4, "large-b": 4 });
    }
    const fiveTo = new Set<string>();
    for (const seed of seeds.slice(0, 50)) {
      const counts = perModule(drawQuestions(banks, 10, seededRandom(seed)));
      expect(counts.get("small")).toBe(1);
      expect([counts.get("large-a"), counts.get("large-b")].sort()).toEqual([4, 5]);
      for (const [slug, n] of counts) if (n === 5) fiveTo.add(slug);
    }
    // The odd question after the shortfall also goes to a module chosen at random.
    expect(fiveTo).toEqual(new Set(["large-a", "large-b"]));
  });

  it("skips an empty module and takes every question of a module that has exactly its share", () => {
    const banks = [bank("empty", 0), bank("two", 2), bank("many", 10)];
    const counts = perModule(drawQuestions(banks, 6, seededRandom("x")));
    expect(Object.fromEntries(counts)).toEqual({ two: 2, many: 4 });
  });

  it("draws every question when the count equals the total", () => {
    const banks = [bank("a", 3), bank("b", 5), bank("c", 1)];
    const draw = drawQuestions(banks, 9, seededRandom("all"));
    const all = banks.flatMap((b) => b.questions.map((q) => q.id));
    expect(draw.map((q) => q.questionId).sort()).toEqual(all.sort());
  });

  it("throws when the banks hold too few questions", () => {
    const banks = [bank("a", 3), bank("b", 5)];
    expect(() => drawQuestions(banks, 9, seededRandom("few"))).toThrow(/only 8/);
    expect(() => drawQuestions([], 1, seededRandom("none"))).toThrow(/only 0/);
  });

  it("counts a question listed twice only once", () => {
    const a = bank("a", 2);
    const repeated = { moduleSlug: "a", questions: [...a.questions, a.questions[0]!] };
    expect(() => drawQuestions([repeated], 3, seededRandom("dup"))).toThrow(/only 2/);
    for (const seed of seeds.slice(0, 50)) {
      const draw = drawQuestions([repeated, a], 2, seededRandom(seed));
      expect(new Set(draw.map((q) => q.questionId)).size).toBe(2);
    }
  });

  it("refuses a count that is not a positive whole number", () => {
    expect(() => drawQuestions(sixteen, 0, seededRandom("z"))).toThrow(RangeError);
    expect(() => drawQuestions(sixteen, 2.5, seededRandom("z"))).toThrow(RangeError);
  });

  it("refuses a random source that leaves [0, 1)", () => {
    expect(() => drawQuestions(sixteen, 20, () => 1)).toThrow(/random/);
  });

  it("shuffles choices, keeps truefalse as 正しい then 誤り, and keeps each choice's text with its id", () => {
    const banks = [{ moduleSlug: "m", questions: [question("m", 1, "single"), question("m", 2, "truefalse")] }];
    const seenAt = [new Set<string>(), new Set<string>(), new Set<string>(), new Set<string>()];
    for (const seed of seeds) {
      const draw = drawQuestions(banks, 2, seededRandom(seed));
      const single = draw.find((q) => q.type === "single")!;
      const truefalse = draw.find((q) => q.type === "truefalse")!;
      single.choices.forEach((choice, position) => seenAt[position]!.add(choice.id));
      expect([...single.choices].sort((x, y) => x.id.localeCompare(y.id))).toEqual(banks[0]!.questions[0]!.choices);
      expect(truefalse.choices).toEqual([
        { id: "t", text: "正しい" },
        { id: "f", text: "誤り" },
      ]);
    }
    for (const ids of seenAt) expect(ids).toEqual(new Set(["a", "b", "c", "d"]));
  });

  it("snapshots the question so later content edits do not change the attempt", () => {
    const source = question("m", 1, "multiple");
    const draw = drawQuestions([{ moduleSlug: "m", questions: [source] }], 1, seededRandom("snap"));
    const before = structuredClone(draw);
    source.choices[0]!.text = "書き換え";
    source.answer.push("d");
    source.choices.push({ id: "e", text: "追加" });
    expect(draw).toEqual(before);
    expect(draw[0]).toMatchObject({
      questionId: "m-01",
      moduleSlug: "m",
      type: "multiple",
      prompt: "m-01 の設問",
      answer: ["a", "c"],
      explanation: "m-01 の解説",
      clause: "6(4)イ",
    });
  });
});

describe("toQuizQuestion", () => {
  it("leaves out the answer and the explanation", () => {
    const [drawn] = drawQuestions([bank("m", 3)], 1, seededRandom("leak"));
    const shown = toQuizQuestion(drawn!);
    expect(Object.keys(shown).sort()).toEqual(["choices", "prompt", "questionId", "type"]);
    const json = JSON.stringify(shown);
    expect(json).not.toContain('"answer"');
    expect(json).not.toContain('"explanation"');
    expect(json).not.toContain("解説");
    expect(shown.choices).toEqual(drawn!.choices);
    expect(shown).not.toBe(drawn);
  });

  it("does not pass on fields that were never meant for the browser", () => {
    const drawn = { ...drawQuestions([bank("m", 1)], 1, seededRandom("extra"))[0]!, secret: "x" } as DrawnQuestion;
    expect(JSON.stringify(toQuizQuestion(drawn))).not.toContain("secret");
  });
});

function drawn(questionId: string, type: QuestionType, answer: string[]): DrawnQuestion {
  const ids = type === "truefalse" ? ["t", "f"] : ["a", "b", "c", "d"];
  return {
    questionId,
    moduleSlug: "m",
    type,
    prompt: questionId,
    choices: ids.map((id) => ({ id, text: id })),
    answer,
    explanation: "",
    clause: "5",
  };
}

describe("scoreAttempt", () => {
  const single = drawn("q-single", "single", ["b"]);
  const multiple = drawn("q-multiple", "multiple", ["a", "c"]);
  const truefalse = drawn("q-tf", "truefalse", ["f"]);
  const draw = [single, multiple, truefalse];

  const resultFor = (responses: Record<string, string[]>, q: DrawnQuestion) =>
    scoreAttempt(draw, responses, 80).results.find((r) => r.questionId === q.questionId)!;

  it("marks a single-answer question right only for exactly its answer", () => {
    expect(resultFor({ "q-single": ["b"] }, single).correct).toBe(true);
    expect(resultFor({ "q-single": ["a"] }, single).correct).toBe(false);
    expect(resultFor({ "q-single": ["a", "b"] }, single).correct).toBe(false);
  });

  it("marks a multiple-answer question all-or-nothing", () => {
    expect(resultFor({ "q-multiple": ["c", "a"] }, multiple).correct).toBe(true);
    expect(resultFor({ "q-multiple": ["a"] }, multiple).correct).toBe(false);
    expect(resultFor({ "q-multiple": ["a", "b", "c"] }, multiple).correct).toBe(false);
    expect(resultFor({ "q-multiple": ["b", "d"] }, multiple).correct).toBe(false);
  });

  it("marks a truefalse question", () => {
    expect(resultFor({ "q-tf": ["f"] }, truefalse).correct).toBe(true);
    expect(resultFor({ "q-tf": ["t"] }, truefalse).correct).toBe(false);
    expect(resultFor({ "q-tf": ["t", "f"] }, truefalse).correct).toBe(false);
  });

  it("counts an unanswered question as wrong", () => {
    const score = scoreAttempt(draw, { "q-single": ["b"], "q-multiple": [] }, 80);
    expect(score.results).toEqual([
      { questionId: "q-single", chosen: ["b"], correct: true },
      { questionId: "q-multiple", chosen: [], correct: false },
      { questionId: "q-tf", chosen: [], correct: false },
    ]);
    expect(score).toMatchObject({ correct: 1, total: 3, percent: 33, passed: false });
  });

  it("ignores choice ids the question does not have and questions outside the draw", () => {
    const score = scoreAttempt(
      draw,
      { "q-single": ["b", "zzz"], "q-multiple": ["a", "c", "t"], "q-elsewhere": ["a"], constructor: ["a"] },
      80,
    );
    expect(score.results.map((r) => r.questionId)).toEqual(["q-single", "q-multiple", "q-tf"]);
    expect(score.results[0]).toEqual({ questionId: "q-single", chosen: ["b"], correct: true });
    expect(score.results[1]).toEqual({ questionId: "q-multiple", chosen: ["a", "c"], correct: true });
    expect(score.total).toBe(3);
  });

  it("counts a choice sent twice once", () => {
    expect(resultFor({ "q-single": ["b", "b"] }, single)).toEqual({
      questionId: "q-single",
      chosen: ["b"],
      correct: true,
    });
    expect(resultFor({ "q-multiple": ["a", "a", "c"] }, multiple).correct).toBe(true);
    expect(resultFor({ "q-multiple": ["a", "a"] }, multiple).correct).toBe(false);
  });

  it("does not take a question id shaped like an object property for an answer", () => {
    const odd = drawn("constructor", "single", ["a"]);
    expect(scoreAttempt([odd], {}, 80).results[0]).toEqual({ questionId: "constructor", chosen: [], correct: false });
  });

  it("keeps the results in draw order", () => {
    const reversed = [...draw].reverse();
    const score = scoreAttempt(reversed, { "q-tf": ["f"], "q-single": ["b"] }, 80);
    expect(score.results.map((r) => r.questionId)).toEqual(["q-tf", "q-multiple", "q-single"]);
  });

  /** A draw of `total` single questions of which the first `right` are answered correctly. */
  function attempt(right: number, total: number) {
    const questions = Array.from({ length: total }, (_, i) => drawn(`q${i}`, "single", ["a"]));
    const responses = Object.fromEntries(questions.map((q, i) => [q.questionId, i < right ? ["a"] : ["b"]]));
    return { questions, responses };
  }

  it.each([
    [16, 20, 80, 80, true],
    [15, 20, 80, 75, false],
    [8, 10, 80, 80, true],
    [7, 10, 80, 70, false],
    [12, 15, 80, 80, true],
    [11, 15, 80, 73, false],
    [2, 3, 67, 66, false],
    [20, 20, 100, 100, true],
    [0, 20, 0, 0, true],
  ])("%i of %i at a %i%% pass mark scores %i%%, passed: %s", (right, total, passPercent, percent, passed) => {
    const { questions, responses } = attempt(right, total);
    const score = scoreAttempt(questions, responses, passPercent);
    expect(score).toMatchObject({ correct: right, total, percent, passed });
  });

  it("refuses to score an attempt without questions rather than pass it", () => {
    expect(() => scoreAttempt([], {}, 80)).toThrow(RangeError);
  });
});

describe("drawQuestions with a person's emphasis", () => {
  // Six modules of six questions, two clauses each (m0: A0 ×3, B0 ×3, …), drawn 8 at a time.
  const clauseBanks = Array.from({ length: 6 }, (_, m) => ({
    moduleSlug: `m${m}`,
    questions: Array.from({ length: 6 }, (_, n) => ({ ...question(`m${m}`, n), clause: `${n < 3 ? "A" : "B"}${m}` })),
  }));
  const modules = clauseBanks.map((b) => b.questions);
  const none = { weak: new Set<string>(), strong: new Set<string>(), recent: new Set<string>() };
  const meanCount = (emphasis: typeof none | undefined, clause: string, count = 8) => {
    let total = 0;
    for (let i = 0; i < 600; i++) {
      const draw = drawQuestions(clauseBanks, count, seededRandom(`emphasis-${i}`), emphasis);
      expect(new Set(draw.map((q) => q.questionId)).size).toBe(count);
      total += draw.filter((q) => q.clause === clause).length;
    }
    return total / 600;
  };

  it("knows each clause's normal share of an even draw", () => {
    const shares = normalShares(modules, 8);
    expect(shares.get("A0")).toBeCloseTo(8 / 6 / 2, 10);
    expect([...shares.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(8, 10);
    // A module too small for the level gives everything: 1 + 1 + level·2 = 5 → level 1.5.
    const uneven = normalShares([[question("s", 1)], [question("t", 1)], modules[1]!, modules[2]!], 5);
    expect(uneven.get("6(4)イ")).toBeCloseTo(2, 10);
    expect(uneven.get("A1")).toBeCloseTo(0.75, 10);
  });

  it("draws a missed clause at least twice as often as normally, and a strong one less", () => {
    const normalA0 = meanCount(undefined, "A0");
    const normalB3 = meanCount(undefined, "B3");
    const emphasis = { ...none, weak: new Set(["A0"]), strong: new Set(["B3"]) };
    expect(normalA0).toBeCloseTo(8 / 12, 1);
    expect(meanCount(emphasis, "A0")).toBeGreaterThanOrEqual(2 * normalA0);
    expect(meanCount(emphasis, "B3")).toBeLessThan(normalB3);
  });

  it("holds a missed clause's doubled share in every single draw, not only on average", () => {
    const emphasis = { ...none, weak: new Set(["A0"]) };
    for (let i = 0; i < 100; i++) {
      const draw = drawQuestions(clauseBanks, 8, seededRandom(`each-${i}`), emphasis);
      expect(draw.filter((q) => q.clause === "A0").length).toBeGreaterThanOrEqual(Math.ceil((2 * 8) / 12));
    }
  });

  it("covers every clause not answered within the year whenever the draw has room for them all", () => {
    const recent = new Set(["A0", "B0", "A1", "B1", "A2", "B2", "A3", "B3"]);
    for (let i = 0; i < 100; i++) {
      const draw = drawQuestions(clauseBanks, 6, seededRandom(`cover-${i}`), { ...none, recent });
      const clauses = new Set(draw.map((q) => q.clause));
      for (const clause of ["A4", "B4", "A5", "B5"]) expect(clauses.has(clause)).toBe(true);
    }
  });
});
