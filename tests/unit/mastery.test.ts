import { describe, expect, it } from "vitest";
import {
  answerWeight,
  clauseMastery,
  countByStatus,
  masteryByGroup,
  masteryMap,
  masteryMoves,
  type ClauseAnswer,
} from "~/domain/mastery.ts";

const now = new Date("2026-12-01T00:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const answer = (correct: boolean, days = 0, clauseId = "6(4)イ"): ClauseAnswer => ({
  clauseId,
  correct,
  at: daysAgo(days),
});

describe("mastery model", () => {
  it("weighs an answer by its age: whole today, half after a year, a quarter after two", () => {
    expect(answerWeight(now, now)).toBe(1);
    expect(answerWeight(daysAgo(365), now)).toBeCloseTo(0.5, 12);
    expect(answerWeight(daysAgo(730), now)).toBeCloseTo(0.25, 12);
    // An answer stamped after `now` (clock skew) counts as today's, never more.
    expect(answerWeight(new Date(now.getTime() + 86_400_000), now)).toBe(1);
  });

  it("leaves a clause never asked unseen, at the prior's one half", () => {
    expect(clauseMastery("4", [], now)).toMatchObject({ status: "unseen", estimate: 0.5, evidence: 0, answers: 0 });
  });

  it("turns known answer sequences into known estimates", () => {
    const recentRight = [40, 30, 20, 10].reduce((sum, days) => sum + 0.5 ** (days / 365), 0);
    const cases: { answers: ClauseAnswer[]; estimate: number; evidence: number; status: string }[] = [
      { answers: [answer(true)], estimate: 2 / 3, evidence: 1, status: "learning" },
      { answers: [answer(false)], estimate: 1 / 3, evidence: 1, status: "review" },
      { answers: [answer(true), answer(true)], estimate: 3 / 4, evidence: 2, status: "learning" },
      // Three right answers today reach the strong threshold exactly: (1+3)/(2+3) = 0.8.
      { answers: [answer(true), answer(true), answer(true)], estimate: 4 / 5, evidence: 3, status: "strong" },
      // The same three a year ago count half: (1+1.5)/(2+1.5); no longer strong.
      {
        answers: [answer(true, 365), answer(true, 365), answer(true, 365)],
        estimate: 2.5 / 3.5,
        evidence: 1.5,
        status: "learning",
      },
      // Four right a few weeks ago, then the latest wrong: a fair estimate, but the latest miss sends it to review.
      {
        answers: [answer(true, 40), answer(true, 30), answer(true, 20), answer(true, 10), answer(false)],
        estimate: (1 + recentRight) / (2 + recentRight + 1),
        evidence: recentRight + 1,
        status: "review",
      },
      // Two wrong then two right today: (1+2)/(2+4) = 0.5 < 0.6, still to review although the latest is right.
      {
        answers: [answer(false, 0), answer(false, 0), answer(true, 0), answer(true, 0)],
        estimate: 0.5,
        evidence: 4,
        status: "review",
      },
      // A miss two years ago weighs a quarter: (1+3)/(2+3.25).
      {
        answers: [answer(false, 730), answer(true), answer(true), answer(true)],
        estimate: 4 / 5.25,
        evidence: 3.25,
        status: "learning",
      },
    ];
    for (const c of cases) {
      const m = clauseMastery("6(4)イ", c.answers, now);
      expect(m.estimate).toBeCloseTo(c.estimate, 10);
      expect(m.evidence).toBeCloseTo(c.evidence, 10);
      expect(m.status).toBe(c.status);
      expect(m.answers).toBe(c.answers.length);
    }
  });

  it("takes the latest answer by time, not by the order given", () => {
    const m = clauseMastery("4", [answer(false, 0), answer(true, 5), answer(true, 3), answer(true, 1)], now);
    expect(m.lastCorrect).toBe(false);
    expect(m.status).toBe("review");
    expect(clauseMastery("4", [answer(true, 0), answer(false, 5)], now).lastCorrect).toBe(true);
  });

  it("maps the clauses asked for, in their order, ignoring answers on others", () => {
    const map = masteryMap(
      ["1", "4", "6(4)イ"],
      [answer(false, 1, "6(4)イ"), answer(true, 1, "4"), answer(true, 1, "99")],
      now,
    );
    expect(map.map((m) => [m.clauseId, m.status])).toEqual([
      ["1", "unseen"],
      ["4", "learning"],
      ["6(4)イ", "review"],
    ]);
    expect(countByStatus(map)).toEqual({ strong: 0, learning: 1, review: 1, unseen: 1 });
  });

  it("lists what moved between two maps", () => {
    const before = masteryMap(["1", "4", "8"], [answer(false, 30, "4"), answer(true, 30, "8")], now);
    const after = masteryMap(
      ["1", "4", "8"],
      [answer(false, 30, "4"), answer(true, 0, "4"), answer(true, 0, "4"), answer(true, 30, "8"), answer(true, 0, "1")],
      now,
    );
    expect(masteryMoves(before, after)).toEqual([
      { clauseId: "1", before: "unseen", after: "learning" },
      { clauseId: "4", before: "review", after: "learning" },
    ]);
  });
});

describe("mastery by group", () => {
  it("averages the people who answered, counts them, and hides a cell under five", () => {
    const person = (group: string, correct: boolean[]) => ({
      group,
      map: masteryMap(
        ["4", "8"],
        correct.map((c) => answer(c, 0, "4")),
        now,
      ),
    });
    const people = [
      ...Array.from({ length: 4 }, () => person("a", [true, true, true])),
      person("a", [false]),
      person("a", []),
      ...Array.from({ length: 4 }, () => person("b", [true])),
    ];
    const cells = masteryByGroup(["4", "8"], ["a", "b", "c"], people);
    // Five people of a answered on 4: four strong at 0.8, one at 1/3; the sixth never did and is not counted.
    const a4 = cells.get("4")!.get("a")!;
    expect(a4.people).toBe(5);
    expect(a4.estimate).toBeCloseTo((4 * 0.8 + 1 / 3) / 5, 10);
    expect(a4.strongShare).toBeCloseTo(0.8, 10);
    const hidden = { people: null, estimate: null, strongShare: null };
    expect(cells.get("4")!.get("b")).toEqual(hidden);
    expect(cells.get("4")!.get("c")).toEqual(hidden);
    expect(cells.get("8")!.get("a")).toEqual(hidden);
  });
});
