import { describe, expect, it } from "vitest";
import type { Question } from "~/domain/content/types.ts";
import { seededRandom } from "~/domain/quiz.ts";
import { missedIn, pickRetakeQuestions, retakeGate } from "~/domain/retake.ts";

/** A module's bank: `n` questions, the clause of each given by `clauseOf(i)`. */
function bank(moduleSlug: string, n: number, clauseOf: (i: number) => string) {
  const questions: Question[] = Array.from({ length: n }, (_, i) => ({
    id: `${moduleSlug}-${i}`,
    moduleSlug,
    type: "single",
    prompt: `${moduleSlug} ${i}`,
    choices: [
      { id: "a", text: "ア" },
      { id: "b", text: "イ" },
    ],
    answer: ["a"],
    explanation: "",
    clause: clauseOf(i),
  }));
  return { moduleSlug, questions };
}

// Ten modules of six questions; module m's questions cite clause "m.0" (first three) or "m.1".
const BANKS = Array.from({ length: 10 }, (_, m) => bank(`m${m}`, 6, (i) => `${m}.${i < 3 ? 0 : 1}`));
const ALL = BANKS.flatMap((b) => b.questions);

describe("missedIn", () => {
  it("lists the clauses and modules of the wrong answers once each, in order", () => {
    expect(
      missedIn([
        { clause: "4", moduleSlug: "duties", correct: false },
        { clause: "5", moduleSlug: "scope", correct: true },
        { clause: "6(2)ア", moduleSlug: "mail", correct: false },
        { clause: "4", moduleSlug: "mail", correct: false },
      ]),
    ).toEqual({ clauses: ["4", "6(2)ア"], modules: ["duties", "mail"] });
  });
});

describe("retakeGate", () => {
  const failedAt = new Date("2026-12-01T10:00:00Z");
  const later = new Date("2026-12-01T10:05:00Z");
  const earlier = new Date("2026-12-01T09:00:00Z");

  it("asks for every missed module not marked read after the failure", () => {
    const gate = retakeGate({
      failedAt,
      missedModules: ["a", "b", "c"],
      readAt: new Map([
        ["a", later],
        ["b", earlier],
      ]),
      waitMinutes: 0,
      now: later,
    });
    expect(gate).toEqual({ kind: "reread", modules: ["b", "c"] });
  });

  it("opens once they are read again, at once without a wait", () => {
    const readAt = new Map([["a", later]]);
    expect(retakeGate({ failedAt, missedModules: ["a"], readAt, waitMinutes: 0, now: later })).toEqual({
      kind: "open",
    });
  });

  it("keeps a set wait after reading, then opens", () => {
    const readAt = new Map([["a", later]]);
    const input = { failedAt, missedModules: ["a"], readAt, waitMinutes: 30 };
    expect(retakeGate({ ...input, now: new Date("2026-12-01T10:29:59Z") })).toEqual({
      kind: "wait",
      until: new Date("2026-12-01T10:30:00Z"),
    });
    expect(retakeGate({ ...input, now: new Date("2026-12-01T10:30:00Z") })).toEqual({ kind: "open" });
  });
});

describe("pickRetakeQuestions", () => {
  const missed = { clauses: ["3.0", "7.1"], modules: ["m3", "m7"] };

  it("draws at least half from the missed clauses, new questions first, and the rest across the modules", () => {
    const previous = ["m3-0", "m7-3", "m1-0"];
    for (let seed = 0; seed < 50; seed++) {
      const picked = pickRetakeQuestions(BANKS, 15, missed, previous, seededRandom(`s${seed}`));
      expect(new Set(picked.map((q) => q.id)).size).toBe(15);
      // Six questions cite the missed clauses; the four the last attempt did not ask are all taken.
      expect(picked.filter((q) => missed.clauses.includes(q.clause))).toHaveLength(4);
      // The other four of the eight come from the same modules' banks, again new ones.
      expect(picked.filter((q) => missed.modules.includes(q.moduleSlug)).length).toBeGreaterThanOrEqual(8);
      // Nothing is repeated: the banks hold plenty the last attempt did not ask.
      for (const id of previous) expect(picked.map((q) => q.id)).not.toContain(id);
    }
  });

  it("asks a missed clause's questions again when its module has no new ones left", () => {
    const previous = BANKS[3]!.questions.map((q) => q.id);
    const picked = pickRetakeQuestions(BANKS, 4, { clauses: ["3.0"], modules: ["m3"] }, previous, seededRandom("z"));
    expect(picked.filter((q) => q.clause === "3.0")).toHaveLength(2);
  });

  it("takes only new questions from the missed clauses when they suffice", () => {
    const small = { clauses: ["3.0", "3.1", "7.0", "7.1", "5.0"], modules: ["m3", "m5", "m7"] };
    const previous = ["m3-0", "m3-4", "m7-0"];
    const picked = pickRetakeQuestions(BANKS, 10, small, previous, seededRandom("x"));
    const focus = picked.filter((q) => small.clauses.includes(q.clause));
    expect(focus.length).toBeGreaterThanOrEqual(5);
    for (const id of previous) expect(picked.map((q) => q.id)).not.toContain(id);
  });

  it("never repeats the previous draw when the banks hold even one other question", () => {
    const two = [bank("a", 3, () => "1"), bank("b", 3, () => "2")];
    const previous = ["a-0", "a-1", "a-2", "b-0", "b-1"];
    for (let seed = 0; seed < 50; seed++) {
      const picked = pickRetakeQuestions(two, 5, { clauses: ["1"], modules: ["a"] }, previous, seededRandom(`${seed}`));
      expect(picked.map((q) => q.id)).toContain("b-2");
      expect(picked.filter((q) => q.clause === "1")).toHaveLength(3);
    }
  });

  it("gives an ordinary spread when nothing was missed in the track", () => {
    const picked = pickRetakeQuestions(BANKS, 10, { clauses: [], modules: [] }, [], seededRandom("y"));
    expect(new Set(picked.map((q) => q.moduleSlug)).size).toBe(10);
    expect(picked.every((q) => ALL.includes(q))).toBe(true);
  });
});
