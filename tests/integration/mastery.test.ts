import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { myMastery, personAnswers } from "~/services/mastery.server.ts";
import { loader as masteryLoader } from "~/routes/mastery.tsx";
import { loader as reportMasteryLoader } from "~/routes/reports.mastery.tsx";
import { loader as exportLoader } from "~/routes/reports.export.$table.ts";
import type { Question } from "~/domain/content/types.ts";
import { normalShares, seededRandom } from "~/domain/quiz.ts";
import { getLesson, getTrack } from "~/services/catalogue.server.ts";
import { drawFor } from "~/services/quiz.server.ts";
import { assignTrack, createStaff, openQuizAttempt } from "./factories.ts";
import { call, requestAs } from "./remix.ts";

// The pages estimate at the real time, so the answers here are dated back from it.
const now = new Date();
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

/** A submitted attempt with the given answers, as the quiz engine stores them. */
async function submitted(
  staffId: number,
  submittedAt: Date,
  answers: { questionId: string; clauseId: string; correct: boolean }[],
) {
  const assignment = await db.assignment.create({
    data: {
      staffId,
      trackId: "annual-refresher",
      cycleKey: `FY-${submittedAt.toISOString()}`,
      fiscalYear: 2026,
      dueDate: "2026-12-31",
    },
  });
  return db.quizAttempt.create({
    data: {
      assignmentId: assignment.id,
      staffId,
      releaseId: 1,
      draw: [],
      responses: {},
      passPercent: 80,
      total: answers.length,
      submittedAt,
      correct: answers.filter((a) => a.correct).length,
      percent: 0,
      passed: false,
      answers: { create: answers.map((a) => ({ ...a, chosen: [] })) },
    },
  });
}

async function drillMessage(staffId: number, scenarioId: string, outcome: { clickedAt?: Date; reportedAt?: Date }) {
  const campaign = await db.drillCampaign.create({
    data: {
      name: `訓練 ${scenarioId}`,
      scenarioId,
      targets: { kind: "filter" },
      windowStart: daysAgo(60),
      windowEnd: daysAgo(59),
      followUpTrackId: "drill-follow-up",
      endDate: "2026-12-31",
      status: "done",
    },
  });
  await db.drillMessage.create({
    data: { campaignId: campaign.id, staffId, status: "sent", nextTryAt: daysAgo(60), sentAt: daysAgo(60), ...outcome },
  });
}

describe("a person's answers per clause", () => {
  it("gathers quiz answers, the question of the month and drill outcomes, oldest first", async () => {
    const person = await createStaff();
    const other = await createStaff();
    await submitted(person.id, daysAgo(300), [
      { questionId: "everyday-duties-02", clauseId: "6(4)イ", correct: false },
      { questionId: "everyday-duties-01", clauseId: "4", correct: true },
    ]);
    await submitted(other.id, daysAgo(10), [{ questionId: "everyday-duties-01", clauseId: "4", correct: false }]);
    const month = await db.monthlyQuestion.create({
      data: { month: "2026-09", question: { clause: "8", prompt: "…" }, chosenBy: "hr" },
    });
    await db.monthlyAnswer.create({
      data: { monthlyQuestionId: month.id, staffId: person.id, choiceId: "a", correct: true, answeredAt: daysAgo(80) },
    });
    // parcel-notice exercises 6(2)ア, training-thanks 6(4)イ (content/drills).
    await drillMessage(person.id, "parcel-notice", { clickedAt: daysAgo(59) });
    await drillMessage(person.id, "training-thanks", { reportedAt: daysAgo(20) });

    const answers = await personAnswers(person.id);
    expect(answers.map((a) => [a.clauseId, a.correct])).toEqual([
      ["6(4)イ", false],
      ["4", true],
      ["8", true],
      ["6(2)ア", false],
      ["6(4)イ", true],
    ]);
    expect(answers.every((a) => a.staffId === person.id)).toBe(true);
  });
});

describe("「あなたの理解度」", () => {
  it("maps every askable clause, links it to the person's lesson, and says what the latest quiz moved", async () => {
    const person = await createStaff();
    await submitted(person.id, daysAgo(10), [
      { questionId: "everyday-duties-02", clauseId: "6(4)イ", correct: false },
      { questionId: "everyday-duties-01", clauseId: "4", correct: true },
      { questionId: "everyday-duties-06", clauseId: "4", correct: true },
    ]);
    await submitted(person.id, daysAgo(1), [
      { questionId: "everyday-duties-03", clauseId: "6(4)イ", correct: true },
      { questionId: "everyday-duties-07", clauseId: "4", correct: true },
      { questionId: "everyday-duties-01", clauseId: "4", correct: true },
      { questionId: "everyday-duties-04", clauseId: "6(2)イ", correct: false },
    ]);

    // The newest assignment is the one linked to; its first module citing 6(4)イ is the one read first.
    const assignment = await assignTrack(person.id, "annual-refresher", "FY2027");
    const mastery = await myMastery(person.id, now);
    const byId = new Map(mastery.clauses.map((c) => [c.clauseId, c]));
    // Clause 6 only heads its items and no question cites it: it is never on the map.
    expect(byId.has("6")).toBe(false);
    expect(byId.get("1")).toMatchObject({ status: "unseen", answers: 0 });
    expect(byId.get("4")).toMatchObject({ status: "strong", answers: 4 });
    // Wrong then right: about (1+1)/(2+2) = 0.5, still below 0.6.
    expect(byId.get("6(4)イ")).toMatchObject({ status: "review", answers: 2 });
    expect(byId.get("6(2)イ")).toMatchObject({ status: "review", answers: 1 });
    expect(mastery.counts.strong).toBe(1);
    expect(mastery.counts.review).toBe(2);
    expect(byId.get("6(4)イ")!.href).toBe(
      `/learn/${assignment.id}/modules/scope#${encodeURIComponent("clause-at-6(4)イ")}`,
    );
    expect(mastery.moves).toEqual([
      { clauseId: "4", before: "learning", after: "strong" },
      { clauseId: "6(2)イ", before: "unseen", after: "review" },
    ]);
    expect(mastery.lastQuizAt).toEqual(daysAgo(1));
  });

  it("lands the link on the lesson's first citation of the clause", async () => {
    const lesson = await getLesson("scope");
    expect(lesson!.html.split('id="clause-at-6(4)イ"')).toHaveLength(2);
  });

  it("links a clause to the policy's text when none of the person's lessons cites it", async () => {
    const person = await createStaff();
    const mastery = await myMastery(person.id, now);
    expect(mastery.clauses.find((c) => c.clauseId === "6(4)イ")!.href).toBe(
      `/policy#${encodeURIComponent("c-6(4)イ")}`,
    );
    expect(mastery.moves).toEqual([]);
    expect(mastery.counts.unseen).toBe(mastery.clauses.length);
  });
});

describe("the /mastery page", () => {
  it("shows the signed-in person their own map only, with numbers as text", async () => {
    const person = await createStaff();
    const other = await createStaff();
    await submitted(other.id, daysAgo(3), [{ questionId: "everyday-duties-02", clauseId: "6(4)イ", correct: false }]);
    await submitted(person.id, daysAgo(3), [{ questionId: "everyday-duties-02", clauseId: "6(4)イ", correct: true }]);
    const data = await (await call(masteryLoader, await requestAs(person, "/mastery"))).json();
    const clause = data.clauses.find((c: { clauseId: string }) => c.clauseId === "6(4)イ");
    expect(clause).toMatchObject({ status: "learning", percent: 67, answers: 1 });
    expect(data.moves).toEqual([{ clauseId: "6(4)イ", before: "unseen", after: "learning" }]);
  });
});

describe("the mastery heat maps", () => {
  it("shows HR each clause by organisation and employee type, hides cells under five, and a manager only their own", async () => {
    const hr = await createStaff({ role: "HR" });
    const manager = await createStaff({ role: "MANAGER", organisationId: "agriculture-committee" });
    // Five in the agriculture committee miss 6(4)イ; three in the election committee get it right.
    for (let i = 0; i < 5; i++) {
      const person = await createStaff({ organisationId: "agriculture-committee", employeeTypeCode: "fiscal-year" });
      await submitted(person.id, daysAgo(5), [
        { questionId: "everyday-duties-02", clauseId: "6(4)イ", correct: false },
      ]);
    }
    for (let i = 0; i < 3; i++) {
      const person = await createStaff({ organisationId: "election-committee", employeeTypeCode: "fiscal-year" });
      await submitted(person.id, daysAgo(5), [{ questionId: "everyday-duties-02", clauseId: "6(4)イ", correct: true }]);
    }
    type HeatMap = {
      groups: { id: string }[];
      rows: { clauseId: string; cells: { people: number | null; estimate: number | null }[] }[];
    };
    const cell = (map: HeatMap, clauseId: string, group: string) =>
      map.rows.find((r) => r.clauseId === clauseId)!.cells[map.groups.findIndex((g) => g.id === group)];

    const seen = await (await call(reportMasteryLoader, await requestAs(hr, "/reports/mastery"))).json();
    const agriculture = cell(seen.mastery.byOrganisation, "6(4)イ", "agriculture-committee")!;
    expect(agriculture.people).toBe(5);
    expect(agriculture.estimate).toBeCloseTo(1 / 3, 2);
    expect(cell(seen.mastery.byOrganisation, "6(4)イ", "election-committee")).toEqual({
      people: null,
      estimate: null,
      strongShare: null,
    });
    // By employee type the eight fiscal-year staff make one cell: 5 × 1/3 and 3 × 2/3.
    const fiscal = cell(seen.mastery.byEmployeeType, "6(4)イ", "fiscal-year")!;
    expect(fiscal.people).toBe(8);
    expect(fiscal.estimate).toBeCloseTo((5 / 3 + 3 * (2 / 3)) / 8, 2);

    const own = await (
      await call(reportMasteryLoader, await requestAs(manager, "/reports/mastery?organisationId=election-committee"))
    ).json();
    expect(own.mastery.byOrganisation.groups.map((g: { id: string }) => g.id)).toEqual(["agriculture-committee"]);
    expect(cell(own.mastery.byEmployeeType, "6(4)イ", "fiscal-year")!.people).toBe(5);

    const csv = await (
      await call(exportLoader, await requestAs(hr, "/reports/export/mastery-organisations"), {
        table: "mastery-organisations",
      })
    ).text();
    const line = csv.split("\r\n").find((l) => l.startsWith("6(4)イ,"))!;
    expect(csv.split("\r\n")[0]).toContain("農業委員会事務局 見込み(%)");
    // The agriculture committee's three columns hold 33.3, 0 and 5; the election committee's are blank.
    expect(line).toMatch(/,33\.[3-4],0,5,/);
    expect(await db.auditLog.count({ where: { action: "report.export", targetId: "mastery-organisations" } })).toBe(1);
  });
});

describe("the annual refresher's draw", () => {
  it("gives a person who missed 6(4)イ last year at least twice its normal share, over many draws and in the stored one", async () => {
    const missed = await createStaff();
    const fresh = await createStaff();
    await submitted(missed.id, daysAgo(250), [
      { questionId: "everyday-duties-02", clauseId: "6(4)イ", correct: false },
      { questionId: "everyday-duties-01", clauseId: "4", correct: true },
    ]);
    const track = (await getTrack("annual-refresher"))!;
    const count = async (staffId: number) => {
      let total = 0;
      for (let i = 0; i < 300; i++) {
        const draw = await drawFor(staffId, track, seededRandom(`refresher-${i}`));
        expect(draw).toHaveLength(track.quiz.questions);
        total += draw.filter((q) => q.clause === "6(4)イ").length;
      }
      return total / 300;
    };
    const normal = await count(fresh.id);
    const weak = await count(missed.id);
    expect(normal).toBeGreaterThan(0);
    expect(weak).toBeGreaterThanOrEqual(2 * normal);

    // The normal share as the draw computes it, from the track's banks.
    const questions = await db.question.findMany({
      where: { moduleSlug: { in: track.modules }, retired: false },
      select: { id: true, moduleSlug: true, clauseId: true },
    });
    const modules = track.modules.map((slug) =>
      questions.filter((q) => q.moduleSlug === slug).map((q) => ({ clause: q.clauseId }) as Question),
    );
    const share = normalShares(modules, track.quiz.questions).get("6(4)イ")!;
    const { draw } = await openQuizAttempt(missed.id, "annual-refresher", "FY2026-draw");
    expect(draw.filter((q) => q.clause === "6(4)イ").length).toBeGreaterThanOrEqual(Math.ceil(2 * share));
  });
});
