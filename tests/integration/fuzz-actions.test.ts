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
import { action as staffNewAction } from "~/routes/staff.new.tsx";
import { action as passwordAction } from "~/routes/password.tsx";
import { action as logoutAction } from "~/routes/logout.tsx";
import { action as moduleReadAction } from "~/routes/learn.$assignmentId.modules.$slug.tsx";
import { action as deltaAction } from "~/routes/admin.delta.tsx";
import { action as rolloverAction } from "~/routes/admin.rollover.tsx";
import { action as remindAction } from "~/routes/reports.overdue.tsx";
import { action as teamRemindAction } from "~/routes/team._index.tsx";
import { action as bulletinAdminAction } from "~/routes/admin.bulletins.tsx";
import { action as bulletinReceiptAction } from "~/routes/bulletins.$bulletinId.tsx";
import { action as monthlyAdminAction } from "~/routes/admin.monthly-question.tsx";
import { action as monthlyAnswerAction } from "~/routes/monthly-question.tsx";
import { action as directoryAction } from "~/routes/admin.directory.tsx";
import { action as newDrillAction } from "~/routes/drills.new.tsx";
import { action as drillCampaignAction, loader as drillCampaignLoader } from "~/routes/drills.$campaignId._index.tsx";
import { loader as drillResultsLoader } from "~/routes/drills.$campaignId.results.tsx";
import { loader as drillExportLoader } from "~/routes/drills.$campaignId.export.ts";
import { loader as drillListLoader } from "~/routes/drills._index.tsx";
import { action as drillLinkAction } from "~/routes/d.$token.tsx";
import { action as reportMailAction } from "~/routes/report.tsx";
import { action as triageAction } from "~/routes/admin.mail-reports.tsx";
import { linkToken } from "~/services/drill-tokens.server.ts";
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
    campaigns,
    messages,
    reports,
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
    db.drillCampaign.findMany({ orderBy: { id: "asc" } }),
    db.drillMessage.findMany({ orderBy: { id: "asc" } }),
    db.mailReport.findMany({ orderBy: { id: "asc" } }),
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
    campaigns,
    messages,
    reports,
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
let manager: { id: number };
let admin: { id: number };
let assignmentId: number;
let bulletinId: number;
let draftId: number;
let drillToken: string;

beforeAll(async () => {
  learner = await createStaff({ employeeNumber: "FZ0001", password: "fuzz-password-123" });
  hr = await createStaff({ role: "HR" });
  manager = await createStaff({ role: "MANAGER" });
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
  const window = { windowStart: new Date("2026-11-30T00:00:00Z"), windowEnd: new Date("2026-11-30T08:00:00Z") };
  const campaign = (status: string) =>
    db.drillCampaign.create({
      data: {
        name: status,
        scenarioId: "parcel-notice",
        targets: { kind: "filter", organisationId: "audit" },
        ...window,
        followUpTrackId: "drill-follow-up",
        endDate: "2026-12-31",
        status,
      },
    });
  draftId = (await campaign("draft")).id;
  const sending = await campaign("sending");
  const { token, hash } = linkToken(sending.id, learner.id);
  drillToken = token;
  await db.drillMessage.create({
    data: {
      campaignId: sending.id,
      staffId: learner.id,
      tokenHash: hash,
      status: "sent",
      nextTryAt: new Date(),
      sentAt: new Date(),
    },
  });
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

  it("a manager's reminder from the team page", () =>
    fuzz(
      "team reminders",
      teamRemindAction,
      () => manager,
      "/team",
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

  it("drill campaign creation", () =>
    fuzz(
      "new drill",
      newDrillAction,
      () => hr,
      "/drills/new",
      () => ({}),
      [
        "intent",
        "name",
        "scenarioId",
        "targetKind",
        "organisationId",
        "sectionId",
        "employeeTypeCode",
        "role",
        "employeeNumbers",
        "windowStart",
        "windowEnd",
        "businessHoursOnly",
        "endDate",
      ],
    ));

  it("drill campaign changes, launch and end", () =>
    fuzz(
      "drill campaign",
      drillCampaignAction,
      () => hr,
      `/drills/${draftId}`,
      () => ({ campaignId: String(draftId) }),
      [
        "intent",
        "name",
        "scenarioId",
        "targetKind",
        "sectionId",
        "role",
        "employeeNumbers",
        "windowStart",
        "windowEnd",
        "endDate",
      ],
    ));

  it("the drill link's click confirmation (no login)", () =>
    fuzz(
      "drill link",
      drillLinkAction,
      () => null,
      `/d/${drillToken}`,
      () => ({ token: drillToken }),
      ["intent"],
    ));

  it("reporting a suspicious mail", () =>
    fuzz(
      "report mail",
      reportMailAction,
      () => learner,
      "/report",
      () => ({}),
      ["sender", "subject", "raw"],
    ));

  it("triage of reported mail", () =>
    fuzz(
      "triage",
      triageAction,
      () => admin,
      "/admin/mail-reports",
      () => ({}),
      ["groupKey", "triage", "notes"],
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

/**
 * The content-type half of the grid: every action, as the person who may
 * use it, with bodies that are not a browser's form post — text, JSON, no
 * content type, broken multipart, bad escapes — sent with every method that
 * reaches an action. Never a 500; a refusal changes nothing.
 */
const MULTIPART_PART = '--x\r\nContent-Disposition: form-data; name="intent"\r\n\r\nstart\r\n';
const BODIES: { name: string; type: string | null; body: () => BodyInit }[] = [
  { name: "text/plain", type: "text/plain;charset=UTF-8", body: () => "intent=start&confirm=on&fiscalYear=2026" },
  { name: "JSON", type: "application/json", body: () => '{"intent":"start","confirm":"on","fiscalYear":2026}' },
  { name: "no content type", type: null, body: () => new TextEncoder().encode("intent=start&confirm=on") },
  { name: "XML", type: "application/xml", body: () => "<intent>start</intent>" },
  { name: "CSV", type: "text/csv", body: () => "職員番号,氏名\r\n1,a\r\n" },
  { name: "octet-stream", type: "application/octet-stream", body: () => new Uint8Array([0, 255, 1, 254]) },
  { name: "multipart without a boundary", type: "multipart/form-data", body: () => `${MULTIPART_PART}--x--\r\n` },
  {
    name: "multipart with another boundary",
    type: "multipart/form-data; boundary=y",
    body: () => `${MULTIPART_PART}--x--\r\n`,
  },
  { name: "truncated multipart", type: "multipart/form-data; boundary=x", body: () => MULTIPART_PART.slice(0, 50) },
  { name: "multipart of garbage", type: "multipart/form-data; boundary=x", body: () => "\u0000\u0001 not a part" },
  {
    name: "urlencoded with bad escapes",
    type: "application/x-www-form-urlencoded",
    body: () => "intent=%ZZ&%E0%A4%A=1&confirm=%&fiscalYear=%",
  },
  {
    name: "urlencoded as Shift_JIS",
    type: "application/x-www-form-urlencoded; charset=shift_jis",
    body: () => new Uint8Array([0x69, 0x3d, 0x82, 0xa0, 0x26]),
  },
  { name: "empty urlencoded", type: "application/x-www-form-urlencoded", body: () => "" },
  {
    // PostgreSQL refuses NUL in text with an error of its own.
    name: "urlencoded with NUL in every field",
    type: "application/x-www-form-urlencoded",
    body: () =>
      "intent=save&employeeNumber=1%00&name=a%00&organisationId=fire%00&employeeTypeCode=regular&role=LEARNER" +
      "&startDate=2026-04-01&password=%00&current=%00&next=%00&confirmation=%00&redirectTo=/%00&reason=%00" +
      "&newDueDate=2027-01-01&fiscalYear=2026&trackId=%00&releaseId=1&confirm=on&draftId=%00&a%00=1",
  },
];
const METHODS = ["POST", "PUT", "PATCH", "DELETE"];

describe("bodies that are not form posts never cause a 500 or a write", () => {
  const actions: [string, Action, () => { id: number } | null, () => string, () => Record<string, string>][] = [
    ["login", loginAction, () => null, () => "/login", () => ({})],
    ["logout", logoutAction, () => learner, () => "/logout", () => ({})],
    ["password", passwordAction, () => learner, () => "/password", () => ({})],
    [
      "quiz",
      quizAction,
      () => learner,
      () => `/learn/${assignmentId}/quiz`,
      () => ({ assignmentId: String(assignmentId) }),
    ],
    [
      "pledge",
      pledgeAction,
      () => learner,
      () => `/learn/${assignmentId}/pledge`,
      () => ({ assignmentId: String(assignmentId) }),
    ],
    [
      "module read",
      moduleReadAction,
      () => learner,
      () => `/learn/${assignmentId}/modules/duty`,
      () => ({ assignmentId: String(assignmentId), slug: "duty" }),
    ],
    ["staff new", staffNewAction, () => hr, () => "/staff/new", () => ({})],
    ["staff record", staffAction, () => hr, () => `/staff/${learner.id}`, () => ({ staffId: String(learner.id) })],
    ["import", importAction, () => hr, () => "/staff/import", () => ({})],
    ["due dates", dueDatesAction, () => hr, () => "/admin/due-dates", () => ({})],
    ["delta", deltaAction, () => hr, () => "/admin/delta", () => ({})],
    ["rollover", rolloverAction, () => admin, () => "/admin/rollover", () => ({})],
    ["bulletin", bulletinAdminAction, () => hr, () => "/admin/bulletins", () => ({})],
    [
      "bulletin receipt",
      bulletinReceiptAction,
      () => learner,
      () => `/bulletins/${bulletinId}`,
      () => ({ bulletinId: String(bulletinId) }),
    ],
    ["monthly question", monthlyAdminAction, () => hr, () => "/admin/monthly-question", () => ({})],
    ["monthly answer", monthlyAnswerAction, () => learner, () => "/monthly-question", () => ({})],
    ["city settings", cityAction, () => admin, () => "/admin/city", () => ({})],
    ["content draft", contentAction, () => admin, () => "/admin/content", () => ({})],
    [
      "clause editor",
      clauseAction,
      () => admin,
      () => `/admin/content/clauses/${encodeURIComponent("6(2)ア")}`,
      () => ({ clauseId: "6(2)ア" }),
    ],
    ["module editor", moduleAction, () => admin, () => "/admin/content/modules/threats", () => ({ slug: "threats" })],
    [
      "question editor",
      questionAction,
      () => admin,
      () => "/admin/content/questions/threats-01",
      () => ({ questionId: "threats-01" }),
    ],
    [
      "track editor",
      trackAction,
      () => admin,
      () => "/admin/content/tracks/onboarding",
      () => ({ trackId: "onboarding" }),
    ],
    ["new city policy", policyAction, () => admin, () => "/admin/content/policy", () => ({})],
    ["directory sync", directoryAction, () => admin, () => "/admin/directory", () => ({})],
    ["new drill", newDrillAction, () => hr, () => "/drills/new", () => ({})],
    [
      "drill campaign",
      drillCampaignAction,
      () => hr,
      () => `/drills/${draftId}`,
      () => ({ campaignId: String(draftId) }),
    ],
    ["drill link", drillLinkAction, () => null, () => `/d/${drillToken}`, () => ({ token: drillToken })],
    ["report a mail", reportMailAction, () => learner, () => "/report", () => ({})],
    ["triage", triageAction, () => admin, () => "/admin/mail-reports", () => ({})],
  ];

  for (const [name, action, as, path, params] of actions) {
    it(`${name}: every content type × every method`, async () => {
      for (const variant of BODIES) {
        for (const method of METHODS) {
          const person = as();
          const signedIn = person ? await requestAs(person, path()) : null;
          const headers = new Headers(signedIn?.headers);
          if (variant.type) headers.set("Content-Type", variant.type);
          const request = new Request(`http://localhost${path()}`, { method, headers, body: variant.body() });
          if (!variant.type) request.headers.delete("Content-Type");
          const before = await snapshot();
          let status: number;
          try {
            status = (await call(action as never, request, params())).status;
          } catch (error) {
            throw new Error(`${name} threw on ${method} ${variant.name}: ${error}`);
          }
          expect(status, `${name}: ${method} ${variant.name}`).toBeLessThan(500);
          if (status >= 400) expect(await snapshot(), `${name}: ${method} ${variant.name} changed data`).toBe(before);
        }
      }
    });
  }
});

/** Numbers a tester typed where a form expects an id: each must be refused or stored as something every page can read. */
const HOSTILE_NUMBERS = [
  "1e20",
  "99999999999999999999",
  "9007199254740993",
  "2147483648",
  "0",
  "-1",
  "1.5",
  "0x10",
  "１",
  "1e3",
  "Infinity",
  "NaN",
];

describe("what one form stores, the pages that show it read without a 500", () => {
  /** Every page that shows a campaign, as HR opens it. */
  async function drillPages(campaignId: number) {
    const params = { campaignId: String(campaignId) };
    const statuses: string[] = [];
    for (const [name, loader, path] of [
      ["campaign", drillCampaignLoader, `/drills/${campaignId}`],
      ["results", drillResultsLoader, `/drills/${campaignId}/results`],
      ["export", drillExportLoader, `/drills/${campaignId}/export`],
      ["list", drillListLoader, "/drills"],
    ] as const) {
      let status: number;
      try {
        status = (await call(loader as never, await requestAs(hr, path), params)).status;
      } catch (error) {
        throw new Error(`${name} of campaign ${campaignId} threw: ${error}`);
      }
      statuses.push(`${name} ${status}`);
      expect(status, `${name} of campaign ${campaignId}`).toBeLessThan(500);
    }
    return statuses;
  }

  it.each(HOSTILE_NUMBERS)(
    "a new drill's section %j is refused with a message, or stored readably",
    async (sectionId) => {
      const response = await call(
        newDrillAction as never,
        await requestAs(hr, "/drills/new", {
          form: {
            name: "課を指定した訓練",
            scenarioId: "parcel-notice",
            targetKind: "filter",
            sectionId,
            windowStart: "2027-01-12T09:00",
            windowEnd: "2027-01-12T17:00",
            businessHoursOnly: "on",
            endDate: "2027-01-31",
          },
        }),
      );
      expect(response.status).toBeLessThan(500);
      if (response.status === 302) {
        const campaignId = Number(/\/drills\/(\d+)$/.exec(response.headers.get("Location") ?? "")?.[1]);
        await drillPages(campaignId);
      } else {
        expect(response.status).toBe(400);
        const body = (await response.json()) as { errors: Record<string, string> };
        expect(body.errors.sectionId).toBe("drills.error.sectionId");
      }
    },
  );

  it.each(HOSTILE_NUMBERS)("a campaign stored with section %j by an older version opens on every page", async (raw) => {
    const campaign = await db.drillCampaign.create({
      data: {
        name: "古い訓練",
        scenarioId: "parcel-notice",
        targets: { kind: "filter", sectionId: Number(raw.replace("１", "1")) || raw },
        windowStart: new Date("2027-01-12T00:00:00Z"),
        windowEnd: new Date("2027-01-12T08:00:00Z"),
        followUpTrackId: "drill-follow-up",
        endDate: "2027-01-31",
        createdBy: hr.id,
      },
    });
    await drillPages(campaign.id);
  });
});
