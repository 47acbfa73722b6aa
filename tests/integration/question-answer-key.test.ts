import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import type { Role } from "~/domain/roles.ts";
import { loader as questionLoader } from "~/routes/reports.questions.$questionId.tsx";
import { t } from "~/lib/i18n.ts";
import { tallySubmission } from "~/services/answer-tallies.server.ts";
import { createStaff } from "./factories.ts";
import { call, requestAs } from "./remix.ts";

/**
 * The answer key of a question reaches only a viewer who cannot be asked it
 * any more: no unfinished assignment of theirs draws from its module.
 */
async function viewer(role: Role, open: { trackId: string; moduleSlugs?: string[] }[] = [], done: string[] = []) {
  const person = await createStaff({ role, organisationId: "mayor" });
  for (const [i, a] of open.entries())
    await db.assignment.create({
      data: {
        staffId: person.id,
        trackId: a.trackId,
        cycleKey: `OPEN${i}`,
        fiscalYear: 2026,
        dueDate: "2026-12-31",
        ...(a.moduleSlugs ? { moduleSlugs: a.moduleSlugs } : {}),
      },
    });
  for (const [i, trackId] of done.entries())
    await db.assignment.create({
      data: {
        staffId: person.id,
        trackId,
        cycleKey: `DONE${i}`,
        fiscalYear: 2026,
        dueDate: "2026-12-31",
        completedAt: new Date("2026-10-01T00:00:00Z"),
      },
    });
  return person;
}

async function page(person: { id: number }, questionId: string) {
  const response = await call(questionLoader, await requestAs(person, `/reports/questions/${questionId}`), {
    questionId,
  });
  expect(response.status).toBe(200);
  return JSON.stringify(await response.json());
}

const KEY = { explanation: /"explanation"/, answer: /"answer"/ };

function expectKeyShown(body: string) {
  expect(body).toMatch(KEY.answer);
  expect(body).toMatch(KEY.explanation);
  expect(body).not.toContain(t("report.keyHidden"));
}

function expectKeyHidden(body: string) {
  expect(body).not.toMatch(KEY.answer);
  expect(body).not.toMatch(KEY.explanation);
  expect(body).toContain(t("report.keyHidden"));
  // The statistics are still there.
  expect(body).toMatch(/"stats":\{"answered":\d+,"correct":\d+,"share":[\d.]+\}/);
}

describe("the answer key on /reports/questions/<id>", () => {
  for (const role of ["MANAGER", "HR", "ADMIN"] as const) {
    it(`${role} with an unfinished annual refresher sees the statistics but not the key`, async () => {
      expectKeyHidden(await page(await viewer(role, [{ trackId: "annual-refresher" }]), "threats-01"));
    });

    it(`${role} with no unfinished work sees the key`, async () => {
      expectKeyShown(await page(await viewer(role, [], ["annual-refresher"]), "threats-01"));
    });

    it(`${role} whose open work cannot draw the question sees its key, and not that of one it can draw`, async () => {
      const person = await viewer(role, [
        { trackId: "manager-course" },
        { trackId: "delta-retraining", moduleSlugs: ["duty"] },
      ]);
      expectKeyShown(await page(person, "threats-01"));
      expectKeyHidden(await page(person, "manager-role-01"));
      expectKeyHidden(await page(person, "duty-01"));
    });
  }

  it("counts this fiscal year's submitted answers to the question in the statistics", async () => {
    const { clauseId } = await db.question.findUniqueOrThrow({ where: { id: "threats-01" } });
    const release = await db.contentRelease.findFirstOrThrow({ orderBy: { id: "desc" } });
    for (const right of [true, false, false, true, false]) {
      const learner = await viewer("LEARNER", [], ["annual-refresher"]);
      const assignment = await db.assignment.findFirstOrThrow({ where: { staffId: learner.id } });
      const attempt = await db.quizAttempt.create({
        data: {
          assignmentId: assignment.id,
          staffId: learner.id,
          releaseId: release.id,
          draw: [],
          responses: {},
          passPercent: 80,
          total: 1,
          submittedAt: new Date("2026-10-01T00:00:00Z"),
          correct: right ? 1 : 0,
          percent: right ? 100 : 0,
          passed: right,
          answers: { create: [{ questionId: "threats-01", clauseId, correct: right, chosen: ["a"] }] },
        },
      });
      await tallySubmission(db, attempt.id);
    }
    const body = JSON.parse(await page(await viewer("HR"), "threats-01"));
    expect(body.stats).toEqual({ answered: 5, correct: 2, share: 0.4 });
  });
});
