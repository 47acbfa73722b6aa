import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { action as quizAction } from "~/routes/learn.$assignmentId.quiz.tsx";
import { createStaff } from "./factories.ts";
import { call, requestAs } from "./remix.ts";

async function learnerWithOpenAttempt() {
  const learner = await createStaff();
  const [refresher, other] = await Promise.all(
    ["annual-refresher", "appointment-refresher"].map((trackId) =>
      db.assignment.create({
        data: { staffId: learner.id, trackId, cycleKey: "FY2026", fiscalYear: 2026, dueDate: "2026-12-31" },
      }),
    ),
  );
  const start = await call(
    quizAction,
    await requestAs(learner, `/learn/${refresher!.id}/quiz`, { form: { intent: "start" } }),
    {
      assignmentId: String(refresher!.id),
    },
  );
  expect(start.status).toBe(302);
  const attempt = await db.quizAttempt.findFirstOrThrow({ where: { assignmentId: refresher!.id } });
  return { learner, refresher: refresher!, other: other!, attempt };
}

const stateOf = async (attemptId: number) => {
  const attempt = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
  const answers = await db.attemptAnswer.count({ where: { attemptId } });
  const tallies = await db.answerTally.count();
  return JSON.stringify({ attempt, answers, tallies });
};

describe("an attempt is submitted only under its own assignment's URL", () => {
  for (const intent of ["submit", "save"] as const) {
    it(`${intent} under the person's other assignment answers 404 and writes nothing`, async () => {
      const { learner, other, attempt } = await learnerWithOpenAttempt();
      const before = await stateOf(attempt.id);
      const response = await call(
        quizAction,
        await requestAs(learner, `/learn/${other.id}/quiz`, {
          form: { intent, attemptId: String(attempt.id), "q:threats-01": "a" },
        }),
        { assignmentId: String(other.id) },
      );
      expect(response.status).toBe(404);
      expect(await stateOf(attempt.id)).toBe(before);
    });

    it(`${intent} under someone else's assignment answers 404 and writes nothing`, async () => {
      const { learner, attempt } = await learnerWithOpenAttempt();
      const stranger = await learnerWithOpenAttempt();
      const before = await stateOf(attempt.id);
      const response = await call(
        quizAction,
        await requestAs(learner, `/learn/${stranger.refresher.id}/quiz`, {
          form: { intent, attemptId: String(attempt.id) },
        }),
        { assignmentId: String(stranger.refresher.id) },
      );
      expect(response.status).toBe(404);
      expect(await stateOf(attempt.id)).toBe(before);
    });
  }

  it("submits under its own assignment", async () => {
    const { learner, refresher, attempt } = await learnerWithOpenAttempt();
    const response = await call(
      quizAction,
      await requestAs(learner, `/learn/${refresher.id}/quiz`, {
        form: { intent: "submit", attemptId: String(attempt.id) },
      }),
      { assignmentId: String(refresher.id) },
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/learn/${refresher.id}/attempts/${attempt.id}`);
    expect((await db.quizAttempt.findUniqueOrThrow({ where: { id: attempt.id } })).submittedAt).not.toBeNull();
  });
});
