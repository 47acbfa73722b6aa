import { describe, expect, it } from "vitest";
import { monthWindow, pickMonthlyQuestion, previousMonth } from "~/domain/monthly-question.ts";

describe("question of the month", () => {
  it("knows the month before, across a new year", () => {
    expect(previousMonth("2026-11")).toBe("2026-10");
    expect(previousMonth("2027-01")).toBe("2026-12");
  });

  it("spans a month in Japan time", () => {
    const { from, to } = monthWindow("2026-10");
    expect(from.toISOString()).toBe("2026-09-30T15:00:00.000Z");
    expect(to.toISOString()).toBe("2026-10-31T15:00:00.000Z");
  });

  const bank = [
    { id: "a-01", type: "single", clause: "4" },
    { id: "a-02", type: "multiple", clause: "4" },
    { id: "b-01", type: "truefalse", clause: "6(4)イ" },
    { id: "b-02", type: "single", clause: "6(4)イ" },
    { id: "c-01", type: "multiple", clause: "8" },
  ];

  it("picks the most missed one-click question of the most missed clause", () => {
    const pick = pickMonthlyQuestion(
      {
        clauses: [
          { clauseId: "6(4)イ", answered: 10 },
          { clauseId: "4", answered: 20 },
        ],
        questions: [
          { questionId: "b-02", clauseId: "6(4)イ", answered: 5 },
          { questionId: "b-01", clauseId: "6(4)イ", answered: 5 },
          { questionId: "a-01", clauseId: "4", answered: 20 },
        ],
      },
      bank,
    );
    expect(pick).toEqual({ questionId: "b-02", clauseId: "6(4)イ" });
  });

  it("passes over a clause with only multiple-choice questions, and falls back to the clause's bank", () => {
    const pick = pickMonthlyQuestion(
      {
        clauses: [
          { clauseId: "8", answered: 3 },
          { clauseId: "4", answered: 9 },
        ],
        questions: [
          { questionId: "c-01", clauseId: "8", answered: 3 },
          { questionId: "a-02", clauseId: "4", answered: 9 },
        ],
      },
      bank,
    );
    expect(pick).toEqual({ questionId: "a-01", clauseId: "4" });
  });

  it("picks nothing when nobody answered last month", () => {
    expect(pickMonthlyQuestion({ clauses: [], questions: [] }, bank)).toBeNull();
  });
});
