import { afterEach, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import type { DrawnQuestion } from "~/domain/quiz.ts";
import { answerField } from "~/domain/quiz-form.ts";
import { loader as quizLoader, action as quizAction } from "~/routes/learn.$assignmentId.quiz.tsx";
import { loader as resultLoader } from "~/routes/learn.$assignmentId.attempts.$attemptId.tsx";
import { action as moduleAction, loader as moduleLoader } from "~/routes/learn.$assignmentId.modules.$slug.tsx";
import { assignTrack, createStaff } from "./factories.ts";
import { call, requestAs } from "./remix.ts";

type Person = { id: number };

async function start(person: Person, assignmentId: number) {
  const params = { assignmentId: String(assignmentId) };
  return call(
    quizAction,
    await requestAs(person, `/learn/${assignmentId}/quiz`, { form: { intent: "start" } }),
    params,
  );
}

async function openDraw(assignmentId: number) {
  const attempt = await db.quizAttempt.findUniqueOrThrow({ where: { openFor: assignmentId } });
  return { attemptId: attempt.id, draw: attempt.draw as DrawnQuestion[] };
}

/** Submits the open attempt with the right answer to the first `right` questions and a wrong one to the rest. */
async function submitScoring(person: Person, assignmentId: number, right: number) {
  const { attemptId, draw } = await openDraw(assignmentId);
  const form = new FormData();
  form.set("intent", "submit");
  form.set("attemptId", String(attemptId));
  draw.forEach((q, i) => {
    const chosen = i < right ? q.answer : [q.choices.find((c) => !q.answer.includes(c.id))!.id];
    for (const id of chosen) form.append(answerField(q.questionId), id);
  });
  await call(quizAction, await requestAs(person, `/learn/${assignmentId}/quiz`, { form }), {
    assignmentId: String(assignmentId),
  });
  return { attemptId, draw, missed: draw.slice(right) };
}

async function readModule(person: Person, assignmentId: number, slug: string) {
  const params = { assignmentId: String(assignmentId), slug };
  const path = `/learn/${assignmentId}/modules/${slug}`;
  const page = await (await call(moduleLoader, await requestAs(person, path), params)).json();
  const done = await call(moduleAction, await requestAs(person, path, { form: {} }), params);
  expect(done.status).toBe(302);
  return page as { reread: boolean };
}

afterEach(() => {
  env.QUIZ_RETAKE_WAIT_MINUTES = 0;
});

describe("retakes that teach", () => {
  it("lists the missed clauses, asks for their modules to be read again, then draws from them", async () => {
    const person = await createStaff();
    const assignment = await assignTrack(person.id, "annual-refresher", "FY2026");
    expect((await start(person, assignment.id)).status).toBe(302);
    const failed = await submitScoring(person, assignment.id, 11); // 11/15: below 80%
    const missedClauses = [...new Set(failed.missed.map((q) => q.clause))];
    const missedModules = [...new Set(failed.missed.map((q) => q.moduleSlug))];

    const result = await call(
      resultLoader,
      await requestAs(person, `/learn/${assignment.id}/attempts/${failed.attemptId}`),
      { assignmentId: String(assignment.id), attemptId: String(failed.attemptId) },
    );
    const shown = await result.json();
    expect(shown.result.passed).toBe(false);
    expect(shown.missed.map((c: { id: string }) => c.id)).toEqual(missedClauses);
    for (const clause of shown.missed) expect(clause.heading).not.toBe("");
    expect(shown.retake.gate).toEqual({ kind: "reread", modules: missedModules });

    // Not yet: the modules have not been read again.
    const refused = await start(person, assignment.id);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error).toMatch(/読み直して/);
    expect(await db.quizAttempt.count({ where: { assignmentId: assignment.id } })).toBe(1);

    // Reading all but one is not enough.
    for (const slug of missedModules.slice(0, -1))
      expect((await readModule(person, assignment.id, slug)).reread).toBe(true);
    expect((await start(person, assignment.id)).status).toBe(409);
    expect((await readModule(person, assignment.id, missedModules.at(-1)!)).reread).toBe(true);

    expect((await start(person, assignment.id)).status).toBe(302);
    const retake = await openDraw(assignment.id);
    expect(retake.draw).toHaveLength(15);
    const fromMissedBanks = retake.draw.filter(
      (q) => missedClauses.includes(q.clause) || missedModules.includes(q.moduleSlug),
    );
    expect(fromMissedBanks.length).toBeGreaterThanOrEqual(8);
    expect(retake.draw.some((q) => missedClauses.includes(q.clause))).toBe(true);
    // The annual refresher's banks hold far more than 15: nothing of the last draw comes back.
    const previous = new Set(failed.draw.map((q) => q.questionId));
    expect(retake.draw.filter((q) => previous.has(q.questionId))).toEqual([]);
  });

  it("waits QUIZ_RETAKE_WAIT_MINUTES after a failure when a city sets it", async () => {
    const person = await createStaff();
    const assignment = await assignTrack(person.id, "annual-refresher", "FY2026");
    await start(person, assignment.id);
    const missed = (await submitScoring(person, assignment.id, 0)).missed;
    for (const slug of new Set(missed.map((q) => q.moduleSlug))) await readModule(person, assignment.id, slug);
    env.QUIZ_RETAKE_WAIT_MINUTES = 60;
    const refused = await start(person, assignment.id);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error).toMatch(/次の受験は.*からできます/);
    const page = await (
      await call(quizLoader, await requestAs(person, `/learn/${assignment.id}/quiz`), {
        assignmentId: String(assignment.id),
      })
    ).json();
    expect(page.retake.gate.kind).toBe("wait");

    env.QUIZ_RETAKE_WAIT_MINUTES = 0;
    expect((await start(person, assignment.id)).status).toBe(302);
  });
});
