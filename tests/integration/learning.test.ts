import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import type { DrawnQuestion } from "~/domain/quiz.ts";
import { answerField } from "~/domain/quiz-form.ts";
import { loader as quizLoader, action as quizAction } from "~/routes/learn.$assignmentId.quiz.tsx";
import { loader as trackLoader } from "~/routes/learn.$assignmentId._index.tsx";
import { action as moduleAction, loader as moduleLoader } from "~/routes/learn.$assignmentId.modules.$slug.tsx";
import { action as pledgeAction } from "~/routes/learn.$assignmentId.pledge.tsx";
import { loader as certificateLoader } from "~/routes/learn.$assignmentId.certificate.tsx";
import { loader as verifyLoader } from "~/routes/certificates.tsx";
import { loader as homeLoader } from "~/routes/_index.tsx";
import { assignTrack, createStaff, openQuizAttempt } from "./factories.ts";
import { call, requestAs } from "./remix.ts";

type Person = { id: number };

async function startQuiz(person: Person, assignmentId: number) {
  const params = { assignmentId: String(assignmentId) };
  await call(quizAction, await requestAs(person, `/learn/${assignmentId}/quiz`, { form: { intent: "start" } }), params);
  const page = await call(quizLoader, await requestAs(person, `/learn/${assignmentId}/quiz`), params);
  return { page, data: await page.clone().json() };
}

async function storedDraw(attemptId: number) {
  return (await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).draw as DrawnQuestion[];
}

function answersForm(attemptId: number, answers: Record<string, string[]>) {
  const form = new FormData();
  form.set("intent", "submit");
  form.set("attemptId", String(attemptId));
  for (const [questionId, chosen] of Object.entries(answers))
    for (const id of chosen) form.append(answerField(questionId), id);
  return form;
}

async function submit(person: Person, assignmentId: number, attemptId: number, answers: Record<string, string[]>) {
  return call(
    quizAction,
    await requestAs(person, `/learn/${assignmentId}/quiz`, { form: answersForm(attemptId, answers) }),
    {
      assignmentId: String(assignmentId),
    },
  );
}

const rightAnswers = (draw: DrawnQuestion[]) => Object.fromEntries(draw.map((q) => [q.questionId, q.answer]));

describe("quiz engine", () => {
  it("sends no answer key or explanation before submission, in the loader data", async () => {
    const person = await createStaff();
    const assignment = await assignTrack(person.id, "annual-refresher", "FY2026");
    const { data } = await startQuiz(person, assignment.id);
    expect(data.attempt.questions).toHaveLength(15);
    const draw = await storedDraw(data.attempt.attemptId);
    const sent = JSON.stringify(data);
    expect(sent).not.toMatch(/"answer"|"explanation"/);
    for (const question of draw) expect(sent).not.toContain(question.explanation);
    // The questions are the stored draw, in the stored choice order.
    expect(data.attempt.questions.map((q: { questionId: string }) => q.questionId)).toEqual(
      draw.map((q) => q.questionId),
    );
  });

  it("draws evenly across the track's modules", async () => {
    const person = await createStaff();
    const assignment = await assignTrack(person.id, "annual-refresher", "FY2026");
    const { data } = await startQuiz(person, assignment.id);
    const draw = await storedDraw(data.attempt.attemptId);
    const perModule = new Map<string, number>();
    for (const q of draw) perModule.set(q.moduleSlug, (perModule.get(q.moduleSlug) ?? 0) + 1);
    expect(Math.max(...perModule.values())).toBe(1); // 15 questions over 17 modules
    expect(new Set(draw.map((q) => q.questionId)).size).toBe(15);
  });

  it("gives a module the track fixes exactly its number: four of the executive course's ten", async () => {
    const person = await createStaff();
    const { draw } = await openQuizAttempt(person.id, "executive-course", "FY2026");
    expect(draw).toHaveLength(10);
    expect(draw.filter((q) => q.moduleSlug === "executive-role")).toHaveLength(4);
    expect(new Set(draw.map((q) => q.questionId)).size).toBe(10);
  });

  it("resumes the open attempt, with saved answers, instead of drawing again", async () => {
    const person = await createStaff();
    const assignment = await assignTrack(person.id, "annual-refresher", "FY2026");
    const first = await startQuiz(person, assignment.id);
    const draw = await storedDraw(first.data.attempt.attemptId);
    const save = new FormData();
    save.set("intent", "save");
    save.set("attemptId", String(first.data.attempt.attemptId));
    save.append(answerField(draw[0]!.questionId), draw[0]!.choices[1]!.id);
    await call(quizAction, await requestAs(person, `/learn/${assignment.id}/quiz`, { form: save }), {
      assignmentId: String(assignment.id),
    });

    const again = await startQuiz(person, assignment.id);
    expect(again.data.attempt.attemptId).toBe(first.data.attempt.attemptId);
    expect(again.data.attempt.responses).toEqual({ [draw[0]!.questionId]: [draw[0]!.choices[1]!.id] });
    expect(await db.quizAttempt.count({ where: { assignmentId: assignment.id } })).toBe(1);
  });

  it("records one result when the same attempt is submitted twice", async () => {
    const person = await createStaff();
    const assignment = await assignTrack(person.id, "annual-refresher", "FY2026");
    const { data } = await startQuiz(person, assignment.id);
    const attemptId = data.attempt.attemptId;
    const draw = await storedDraw(attemptId);

    const [first, second] = await Promise.all([
      submit(person, assignment.id, attemptId, rightAnswers(draw)),
      submit(person, assignment.id, attemptId, {}), // a different, late retry must not overwrite
    ]);
    expect(first.headers.get("Location")).toBe(`/learn/${assignment.id}/attempts/${attemptId}`);
    expect(second.headers.get("Location")).toBe(first.headers.get("Location"));
    const third = await submit(person, assignment.id, attemptId, {});
    expect(third.headers.get("Location")).toBe(first.headers.get("Location"));

    const attempts = await db.quizAttempt.findMany({ where: { assignmentId: assignment.id } });
    expect(attempts).toHaveLength(1);
    expect(await db.attemptAnswer.count({ where: { attemptId } })).toBe(15);
    expect(attempts[0]).toMatchObject({ correct: expect.any(Number), passed: expect.any(Boolean) });
  });

  it("scores on the server against the stored draw, and keeps every attempt of a retake", async () => {
    const person = await createStaff();
    const assignment = await assignTrack(person.id, "annual-refresher", "FY2026");
    const failed = await startQuiz(person, assignment.id);
    await submit(person, assignment.id, failed.data.attempt.attemptId, {});
    expect(await db.quizAttempt.findUniqueOrThrow({ where: { id: failed.data.attempt.attemptId } })).toMatchObject({
      correct: 0,
      percent: 0,
      passed: false,
    });

    // A retake waits for the modules of the missed questions to be read again.
    for (const slug of new Set((await storedDraw(failed.data.attempt.attemptId)).map((q) => q.moduleSlug))) {
      const params = { assignmentId: String(assignment.id), slug };
      await call(
        moduleAction,
        await requestAs(person, `/learn/${assignment.id}/modules/${slug}`, { form: {} }),
        params,
      );
    }
    const retake = await startQuiz(person, assignment.id);
    expect(retake.data.attempt.attemptId).not.toBe(failed.data.attempt.attemptId);
    const draw = await storedDraw(retake.data.attempt.attemptId);
    await submit(person, assignment.id, retake.data.attempt.attemptId, rightAnswers(draw));
    expect(await db.quizAttempt.findUniqueOrThrow({ where: { id: retake.data.attempt.attemptId } })).toMatchObject({
      correct: 15,
      percent: 100,
      passed: true,
    });
    expect(await db.quizAttempt.count({ where: { assignmentId: assignment.id } })).toBe(2);
    // The annual refresher needs no reading or pledge: passing completes it.
    expect((await db.assignment.findUniqueOrThrow({ where: { id: assignment.id } })).completedAt).not.toBeNull();
  });

  it("keeps the quiz of a reading-required track locked until every module is read", async () => {
    const person = await createStaff();
    const assignment = await assignTrack(person.id, "manager-course", "FY2026");
    const params = { assignmentId: String(assignment.id) };
    const locked = await call(
      quizAction,
      await requestAs(person, `/learn/${assignment.id}/quiz`, { form: { intent: "start" } }),
      params,
    );
    expect(locked.status).toBe(409);
    for (const slug of ["management", "incidents", "outsourcing", "audit-review", "manager-role"]) {
      const read = await call(
        moduleAction,
        await requestAs(person, `/learn/${assignment.id}/modules/${slug}`, { form: {} }),
        { ...params, slug },
      );
      expect(read.status).toBe(302);
    }
    const { data } = await startQuiz(person, assignment.id);
    expect(data.attempt.questions).toHaveLength(10);
  });
});

describe("the whole onboarding track", () => {
  it("ends with a pledge on clause 4, a certificate HR can verify, and the track completed", async () => {
    const person = await createStaff({ name: "新人 花子" });
    const assignment = await assignTrack(person.id, "onboarding");
    const params = { assignmentId: String(assignment.id) };
    const track = await (await call(trackLoader, await requestAs(person, `/learn/${assignment.id}`), params)).json();
    for (const module of track.modules) {
      const lesson = await (
        await call(moduleLoader, await requestAs(person, `/learn/${assignment.id}/modules/${module.slug}`), {
          ...params,
          slug: module.slug,
        })
      ).json();
      expect(lesson.html).toContain("<h2");
      await call(
        moduleAction,
        await requestAs(person, `/learn/${assignment.id}/modules/${module.slug}`, { form: {} }),
        { ...params, slug: module.slug },
      );
    }
    const { data } = await startQuiz(person, assignment.id);
    await submit(person, assignment.id, data.attempt.attemptId, rightAnswers(await storedDraw(data.attempt.attemptId)));
    expect((await db.assignment.findUniqueOrThrow({ where: { id: assignment.id } })).completedAt).toBeNull();

    const unconfirmed = await call(
      pledgeAction,
      await requestAs(person, `/learn/${assignment.id}/pledge`, { form: {} }),
      params,
    );
    expect(unconfirmed.status).toBe(400);
    const signed = await call(
      pledgeAction,
      await requestAs(person, `/learn/${assignment.id}/pledge`, { form: { confirm: "yes" } }),
      params,
    );
    expect(signed.headers.get("Location")).toBe(`/learn/${assignment.id}/certificate`);
    const pledge = await db.pledge.findUniqueOrThrow({ where: { assignmentId: assignment.id } });
    expect(pledge.text).toContain("ポリシー及び情報セキュリティ実施手順を遵守しなければならない");
    await call(
      pledgeAction,
      await requestAs(person, `/learn/${assignment.id}/pledge`, { form: { confirm: "yes" } }),
      params,
    );
    expect(await db.pledge.findUniqueOrThrow({ where: { assignmentId: assignment.id } })).toEqual(pledge);

    const completed = await db.assignment.findUniqueOrThrow({ where: { id: assignment.id } });
    expect(completed.completedAt).not.toBeNull();
    expect(completed.completedReleaseId).toBe(pledge.releaseId);

    const { certificate } = await (
      await call(certificateLoader, await requestAs(person, `/learn/${assignment.id}/certificate`), params)
    ).json();
    expect(certificate).toMatchObject({
      name: "新人 花子",
      trackName: "新任者研修",
      score: { percent: 100 },
      code: completed.certificateCode,
    });

    const hr = await createStaff({ role: "HR" });
    const typed = completed.certificateCode!.toLowerCase().replace(/-/g, " ");
    const verified = await (
      await call(verifyLoader, await requestAs(hr, `/certificates?code=${encodeURIComponent(typed)}`))
    ).json();
    expect(verified.certificate).toMatchObject({ name: "新人 花子" });
    const learnerCheck = await call(verifyLoader, await requestAs(person, "/certificates?code=x"));
    expect(learnerCheck.status).toBe(403);

    const home = await (await call(homeLoader, await requestAs(person, "/"))).json();
    expect(home.assignments[0]).toMatchObject({ trackName: "新任者研修", status: "completed", next: { kind: "done" } });
  });
});

describe("ownership", () => {
  it("never shows or changes another person's assignment", async () => {
    const owner = await createStaff();
    const other = await createStaff();
    const assignment = await assignTrack(owner.id, "annual-refresher", "FY2026");
    const params = { assignmentId: String(assignment.id) };
    expect((await call(trackLoader, await requestAs(other, `/learn/${assignment.id}`), params)).status).toBe(404);
    expect((await call(quizLoader, await requestAs(other, `/learn/${assignment.id}/quiz`), params)).status).toBe(404);
    const { data } = await startQuiz(owner, assignment.id);
    const hijack = await submit(other, assignment.id, data.attempt.attemptId, {});
    expect(hijack.status).toBe(404);
    expect((await db.quizAttempt.findUniqueOrThrow({ where: { id: data.attempt.attemptId } })).submittedAt).toBeNull();
  });
});
