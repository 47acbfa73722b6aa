import fc from "fast-check";
import type { ActionFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { action as loginAction } from "~/routes/login.tsx";
import { action as quizAction } from "~/routes/learn.$assignmentId.quiz.tsx";
import { action as pledgeAction } from "~/routes/learn.$assignmentId.pledge.tsx";
import { action as importAction } from "~/routes/staff.import.tsx";
import { action as dueDatesAction } from "~/routes/admin.due-dates.tsx";
import { action as staffAction } from "~/routes/staff.$staffId.tsx";
import { action as cityAction } from "~/routes/admin.city.tsx";
import { action as contentAction } from "~/routes/admin.content._index.tsx";
import { action as clauseAction } from "~/routes/admin.content.clauses.$clauseId.tsx";
import { action as moduleAction } from "~/routes/admin.content.modules.$slug.tsx";
import { action as policyAction } from "~/routes/admin.content.policy.tsx";
import { action as questionAction } from "~/routes/admin.content.questions.$questionId.tsx";
import { action as trackAction } from "~/routes/admin.content.tracks.$trackId.tsx";
import { activeDraft, startDraft } from "~/services/content-draft.server.ts";
import { action as remindAction } from "~/routes/reports.overdue.tsx";
import { action as bulletinAdminAction } from "~/routes/admin.bulletins.tsx";
import { action as bulletinReceiptAction } from "~/routes/bulletins.$bulletinId.tsx";
import { action as monthlyAdminAction } from "~/routes/admin.monthly-question.tsx";
import { action as monthlyAnswerAction } from "~/routes/monthly-question.tsx";
import { action as directoryAction } from "~/routes/admin.directory.tsx";
import { createStaff } from "./factories.ts";
import { call, requestAs } from "./remix.ts";

/** Everything an action could change, to prove a refused request changed nothing. */
async function snapshot() {
  const [
    staff,
    assignments,
    attempts,
    answers,
    pledges,
    passwords,
    sections,
    bulletins,
    receipts,
    monthly,
    monthlyAnswers,
    city,
    drafts,
    releases,
    organisations,
    reminders,
  ] = await Promise.all([
    db.staff.findMany({ orderBy: { id: "asc" } }),
    db.assignment.findMany({ orderBy: { id: "asc" } }),
    db.quizAttempt.findMany({ orderBy: { id: "asc" } }),
    db.attemptAnswer.count(),
    db.pledge.findMany({ orderBy: { id: "asc" } }),
    db.password.findMany({ orderBy: { staffId: "asc" } }),
    db.section.count(),
    db.bulletin.findMany({ orderBy: { id: "asc" } }),
    db.bulletinReceipt.findMany({ orderBy: [{ bulletinId: "asc" }, { staffId: "asc" }] }),
    db.monthlyQuestion.findMany({ orderBy: { id: "asc" } }),
    db.monthlyAnswer.count(),
    db.citySettings.findMany(),
    // A draft's files run to hundreds of kilobytes: its last change stands for them.
    db.contentDraft.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, updatedAt: true } }),
    db.contentRelease.count(),
    db.organisation.findMany({ orderBy: { id: "asc" } }),
    db.reminder.count(),
  ]);
  return JSON.stringify({
    staff,
    assignments,
    attempts,
    answers,
    pledges,
    passwords,
    sections,
    bulletins,
    receipts,
    monthly,
    monthlyAnswers,
    city,
    drafts,
    releases,
    organisations,
    reminders,
  });
}

// Form fields: the action's own names mixed with junk, values from empty to
// very long, any Unicode, and the odd valid-looking value.
const value = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "null",
    "[]",
    "{}",
    "2026-02-30",
    "9999-12-31",
    "LEARNER",
    "ADMIN",
    "submit",
    "start",
    "save",
    "extend",
    "deactivate",
    "apply",
    "preview",
    "read",
    "confirm",
    "choose",
    "auto",
    "write",
    "on",
    "2026-11",
    "fiscal-year",
    "fire",
    "duty-01",
    "1",
    "a",
  ),
  fc.string({ minLength: 1000, maxLength: 5000 }),
);

function formOf(names: string[]) {
  return fc.array(fc.tuple(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 12 })), value), {
    maxLength: 14,
  });
}

type Action = (args: ActionFunctionArgs) => unknown;

let learner: { id: number };
let hr: { id: number };
let admin: { id: number };
let assignmentId: number;
let bulletinId: number;

beforeAll(async () => {
  learner = await createStaff({ employeeNumber: "FZ0001", password: "fuzz-password-123" });
  hr = await createStaff({ role: "HR" });
  admin = await createStaff({ role: "ADMIN" });
  const assignment = await db.assignment.create({
    data: {
      staffId: learner.id,
      trackId: "annual-refresher",
      cycleKey: "FY2026",
      fiscalYear: 2026,
      dueDate: "2026-12-31",
    },
  });
  assignmentId = assignment.id;
  bulletinId = (
    await db.bulletin.create({
      data: { title: "お知らせ", body: "本文", audience: {}, publishOn: "2026-04-01", mustConfirm: true },
    })
  ).id;
  // The first question of the month in this file's database: id 1, which the fuzzer also tries.
  await db.monthlyQuestion.create({
    data: {
      month: "2026-11",
      questionId: "duty-01",
      chosenBy: "hr",
      question: {
        prompt: "問",
        type: "single",
        choices: [
          { id: "a", text: "ア" },
          { id: "c", text: "ウ" },
        ],
        answer: ["c"],
        explanation: "解説",
        clause: "4",
      },
    },
  });
});

async function fuzz(
  name: string,
  action: Action,
  as: () => { id: number } | null,
  path: string,
  params: () => Record<string, string>,
  fields: string[],
  numRuns = 40,
) {
  await fc.assert(
    fc.asyncProperty(formOf(fields), async (entries) => {
      const form = new FormData();
      for (const [key, v] of entries) form.append(key, v);
      const before = await snapshot();
      const person = as();
      const request = person
        ? await requestAs(person, path, { form })
        : new Request(`http://localhost${path}`, { method: "POST", body: form });
      let status: number;
      try {
        status = (await call(action as never, request, params())).status;
      } catch (error) {
        throw new Error(`${name} threw on ${JSON.stringify(entries).slice(0, 300)}: ${error}`);
      }
      expect(status, `${name} answered ${status} to ${JSON.stringify(entries).slice(0, 300)}`).toBeLessThan(500);
      if (status >= 400) expect(await snapshot(), `${name} refused but changed data`).toBe(before);
    }),
    { numRuns },
  );
}

describe("random and malformed form data never causes a 500 or a partial write", () => {
  it("login", () =>
    fuzz(
      "login",
      loginAction,
      () => null,
      "/login",
      () => ({}),
      ["employeeNumber", "password", "redirectTo"],
    ));

  it("quiz start, save and submit", () =>
    fuzz(
      "quiz",
      quizAction,
      () => learner,
      `/learn/${assignmentId}/quiz`,
      () => ({ assignmentId: String(assignmentId) }),
      ["intent", "attemptId", "q:duty-01", "q:threats-01"],
    ));

  it("pledge", () =>
    fuzz(
      "pledge",
      pledgeAction,
      () => learner,
      `/learn/${assignmentId}/pledge`,
      () => ({ assignmentId: String(assignmentId) }),
      ["confirm"],
    ));

  it("staff import confirmation", () =>
    fuzz(
      "import",
      importAction,
      () => hr,
      "/staff/import",
      () => ({}),
      ["draftId", "deactivateMissing"],
    ));

  it("due-date change for a filter", () =>
    fuzz(
      "due dates",
      dueDatesAction,
      () => hr,
      "/admin/due-dates",
      () => ({}),
      ["intent", "fiscalYear", "trackId", "organisationId", "employeeTypeCode", "newDueDate", "reason"],
    ));

  it("reminders for the people chosen on the overdue report", () =>
    fuzz(
      "reminders",
      remindAction,
      () => hr,
      "/reports/overdue",
      () => ({}),
      ["staffId"],
    ));

  it("role change and the other staff record actions", () =>
    fuzz(
      "staff record",
      staffAction,
      () => hr,
      `/staff/${learner.id}`,
      () => ({ staffId: String(learner.id) }),
      [
        "intent",
        "employeeNumber",
        "name",
        "organisationId",
        "employeeTypeCode",
        "role",
        "startDate",
        "appointmentStart",
        "appointmentEnd",
        "assignmentId",
        "newDueDate",
        "reason",
      ],
    ));

  it("city settings", () =>
    fuzz(
      "city settings",
      cityAction,
      () => admin,
      "/admin/city",
      () => ({}),
      ["cityName", "policyTitle", "organisations", "issuerLine", "pledgeWording", "reportAddress", "requireApproval"],
    ));

  it("content draft start, submit, publish and discard", () =>
    fuzz(
      "content draft",
      contentAction,
      () => admin,
      "/admin/content",
      () => ({}),
      ["intent"],
    ));

  // Each save runs the content validator over every file of the draft: fewer runs, more time.
  const EDITOR_RUNS = 15;
  describe("item editors of an open draft", { timeout: 120_000 }, () => {
    beforeAll(async () => {
      if (!(await activeDraft())) await startDraft({ staffId: admin.id, address: "test" });
      await db.contentDraft.updateMany({ where: { status: "submitted" }, data: { status: "open" } });
    });

    it("question", () =>
      fuzz(
        "question",
        questionAction,
        () => admin,
        "/admin/content/questions/threats-01",
        () => ({ questionId: "threats-01" }),
        ["intent", "type", "prompt", "choices", "answer", "explanation", "clause"],
        EDITOR_RUNS,
      ));

    it("module", () =>
      fuzz(
        "module",
        moduleAction,
        () => admin,
        "/admin/content/modules/threats",
        () => ({ slug: "threats" }),
        ["intent", "title", "summary", "clauses", "body"],
        EDITOR_RUNS,
      ));

    it("clause", () =>
      fuzz(
        "clause",
        clauseAction,
        () => admin,
        "/admin/content/clauses/6(2)ア",
        () => ({ clauseId: "6(2)ア" }),
        ["heading", "text"],
        EDITOR_RUNS,
      ));

    it("policy import", () =>
      fuzz(
        "policy import",
        policyAction,
        () => admin,
        "/admin/content/policy",
        () => ({}),
        ["intent", "source", "sheet", "title", "revised"],
        EDITOR_RUNS,
      ));

    it("track", () =>
      fuzz(
        "track",
        trackAction,
        () => admin,
        "/admin/content/tracks/onboarding",
        () => ({ trackId: "onboarding" }),
        [
          "modules",
          "quizQuestions",
          "passPercent",
          "dueKind",
          "dueDays",
          "dueFrom",
          "dueDate",
          "employeeTypes",
          "roles",
        ],
        EDITOR_RUNS,
      ));
  });
  it("publishing a bulletin", () =>
    fuzz(
      "bulletin",
      bulletinAdminAction,
      () => hr,
      "/admin/bulletins",
      () => ({}),
      ["title", "body", "publishOn", "mustConfirm", "byMail", "organisationIds", "employeeTypeCodes", "roles"],
    ));

  it("reading and confirming a bulletin", () =>
    fuzz(
      "bulletin receipt",
      bulletinReceiptAction,
      () => learner,
      `/bulletins/${bulletinId}`,
      () => ({ bulletinId: String(bulletinId) }),
      ["intent", "redirectTo"],
    ));

  it("setting the question of the month", () =>
    fuzz(
      "monthly question",
      monthlyAdminAction,
      () => hr,
      "/admin/monthly-question",
      () => ({}),
      ["intent", "month", "questionId", "prompt", "choice1", "choice2", "choice3", "answer", "explanation", "clause"],
    ));

  it("answering the question of the month", () =>
    fuzz(
      "monthly answer",
      monthlyAnswerAction,
      () => learner,
      "/monthly-question",
      () => ({}),
      ["monthlyQuestionId", "choiceId"],
    ));

  it("directory sync (no directory configured here: tests/integration/directory.test.ts has one)", () =>
    fuzz(
      "directory sync",
      directoryAction,
      () => admin,
      "/admin/directory",
      () => ({}),
      ["intent", "deactivateMissing"],
    ));

  it("a staff CSV upload of random bytes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        const form = new FormData();
        form.append("file", new File([bytes], "random.csv"));
        const before = await snapshot();
        const response = await call(importAction as never, await requestAs(hr, "/staff/import", { form }));
        expect(response.status).toBeLessThan(500);
        expect(await snapshot()).toBe(before); // a preview never writes staff
      }),
      { numRuns: 30 },
    );
  });
});
