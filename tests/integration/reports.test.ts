import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import type { ReportFilter } from "~/domain/report-filter.ts";
import {
  completionByEmployeeType,
  completionMatrix,
  cumulativeCompletion,
  itemAnalysis,
  overdueList,
  reportOptions,
} from "~/services/reports.server.ts";
import { personHistory } from "~/services/person-history.server.ts";
import { createStaff } from "./factories.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { addAnswersSql } from "~/services/answer-tallies.server.ts";
import { countRawQueries } from "./raw-queries.ts";

/**
 * A small city with known answers, on today = 2026-11-25 (MAMORI_TODAY).
 *
 *  no.  person                      org / section        type         track                   due         state on today
 *  1    R001                         mayor / 情報政策課   regular      annual-refresher        2026-12-25  completed 2026-06-15 (JST)
 *  2    R002                         mayor / 情報政策課   regular      annual-refresher        2026-10-31  started → overdue 25
 *  3    R003                         mayor / 総務課       regular      annual-refresher        2026-11-24  started → overdue 1
 *  4    R004                         mayor / —            reappointed  annual-refresher        2026-12-25  started → in progress
 *  5    F001                         mayor / 情報政策課   fiscal-year  appointment-refresher   2026-09-30  completed 2026-10-01 00:30 JST (09-30 UTC)
 *  6    F002                         waterworks / 経営課  fiscal-year  appointment-refresher   2026-05-31  overdue 178
 *  7    W001                         waterworks / 経営課  regular      annual-refresher        2026-12-25  completed 2026-10-20
 *  8    W001                         waterworks / 経営課  regular      onboarding              2026-12-31  not started
 *  9    W002                         waterworks / —       reappointed  annual-refresher        2026-10-31  overdue 25
 *  10   X001                         fire / —             special      annual-refresher        2026-12-25  completed 2026-07-01 00:00 JST exactly
 *  11   X002                         fire / —             special      annual-refresher        2026-11-20  overdue 5, no manager in fire
 *  12   M001 (MANAGER)               mayor / 総務課       regular      manager-course          2026-12-25  completed 2026-10-05
 *  13   M002 (MANAGER)               mayor / 情報政策課   regular      manager-course          2026-11-24  overdue 1
 *  14   WM01 (MANAGER)               waterworks / 経営課  regular      annual-refresher        2027-03-31  not started
 *  —    D001 (deactivated)           mayor / 情報政策課   regular      annual-refresher        2026-05-01  would be overdue: counts nowhere
 *  —    R001, fiscal year 2025       mayor                regular      annual-refresher        2026-03-31  overdue, but only in FY2025
 *  M000 is a deactivated MANAGER of 情報政策課 who must never be named.
 */

const TODAY = "2026-11-25";
const FY2026: ReportFilter = { fiscalYear: 2026 };

type Staff = Awaited<ReturnType<typeof createStaff>>;
const people: Record<string, Staff> = {};
const sections: Record<string, number> = {};
const assignments: Record<string, number> = {};
let releaseId = 0;

async function person(
  employeeNumber: string,
  name: string,
  organisationId: string,
  section: string | null,
  employeeTypeCode: string,
  extra: { role?: "MANAGER"; active?: boolean } = {},
) {
  const created = await createStaff({ employeeNumber, name, organisationId, employeeTypeCode, ...extra });
  people[employeeNumber] = section
    ? await db.staff.update({ where: { id: created.id }, data: { sectionId: sections[section]! } })
    : created;
}

async function assign(
  key: string,
  employeeNumber: string,
  trackId: string,
  dueDate: string,
  times: { startedAt?: string; completedAt?: string; fiscalYear?: number } = {},
) {
  const fiscalYear = times.fiscalYear ?? 2026;
  const assignment = await db.assignment.create({
    data: {
      staffId: people[employeeNumber]!.id,
      trackId,
      cycleKey:
        trackId === "appointment-refresher" ? "AP2026-04-01" : trackId === "onboarding" ? "once" : `FY${fiscalYear}`,
      fiscalYear,
      dueDate,
      startedAt: times.startedAt ? new Date(times.startedAt) : null,
      completedAt: times.completedAt ? new Date(times.completedAt) : null,
      completedReleaseId: times.completedAt ? releaseId : null,
    },
  });
  assignments[key] = assignment.id;
}

/** An attempt with one AttemptAnswer per question: [questionId, clauseId, correct]. */
async function attempt(assignmentKey: string, answers: [string, string, boolean][], submittedAt: string | null) {
  const assignment = await db.assignment.findUniqueOrThrow({ where: { id: assignments[assignmentKey]! } });
  const correct = answers.filter(([, , right]) => right).length;
  return db.quizAttempt.create({
    data: {
      assignmentId: assignment.id,
      staffId: assignment.staffId,
      releaseId,
      draw: [],
      responses: {},
      passPercent: 80,
      total: answers.length,
      openFor: submittedAt ? null : assignment.id,
      startedAt: new Date("2026-06-01T00:00:00Z"),
      submittedAt: submittedAt ? new Date(submittedAt) : null,
      correct: submittedAt ? correct : null,
      percent: submittedAt ? Math.round((correct / answers.length) * 100) : null,
      passed: submittedAt ? correct / answers.length >= 0.8 : null,
      answers: {
        create: answers.map(([questionId, clauseId, right]) => ({
          questionId,
          clauseId,
          correct: right,
          chosen: ["a"],
        })),
      },
    },
  });
}

beforeAll(async () => {
  releaseId = (await db.contentRelease.findFirstOrThrow({ orderBy: { id: "desc" } })).id;
  for (const [organisationId, name] of [
    ["mayor", "情報政策課"],
    ["mayor", "総務課"],
    ["waterworks", "経営課"],
  ] as const) {
    sections[name] = (await db.section.create({ data: { organisationId, name } })).id;
  }

  await person("M000", "旧管理 零", "mayor", "情報政策課", "regular", { role: "MANAGER", active: false });
  await person("M001", "管理 一郎", "mayor", "総務課", "regular", { role: "MANAGER" });
  await person("M002", "管理 二郎", "mayor", "情報政策課", "regular", { role: "MANAGER" });
  await person("R001", "常勤 一", "mayor", "情報政策課", "regular");
  await person("R002", "常勤 二", "mayor", "情報政策課", "regular");
  await person("R003", "常勤 三", "mayor", "総務課", "regular");
  await person("R004", "再任 四", "mayor", null, "reappointed");
  await person("F001", "会計 一", "mayor", "情報政策課", "fiscal-year");
  await person("F002", "会計 二", "waterworks", "経営課", "fiscal-year");
  await person("W001", "水道 一", "waterworks", "経営課", "regular");
  await person("W002", "水道 二", "waterworks", null, "reappointed");
  await person("WM01", "水道 管理", "waterworks", "経営課", "regular", { role: "MANAGER" });
  await person("X001", "特別 一", "fire", null, "special");
  await person("X002", "特別 二", "fire", null, "special");
  await person("D001", "退職 一", "mayor", "情報政策課", "regular", { active: false });

  await assign("R001", "R001", "annual-refresher", "2026-12-25", {
    startedAt: "2026-06-10T00:00:00Z",
    completedAt: "2026-06-15T01:00:00Z",
  });
  await assign("R002", "R002", "annual-refresher", "2026-10-31", { startedAt: "2026-10-01T00:00:00Z" });
  await assign("R003", "R003", "annual-refresher", "2026-11-24", { startedAt: "2026-11-01T00:00:00Z" });
  await assign("R004", "R004", "annual-refresher", "2026-12-25", { startedAt: "2026-11-20T00:00:00Z" });
  // 00:30 on 1 October in Japan is still 30 September in UTC: it counts for October.
  await assign("F001", "F001", "appointment-refresher", "2026-09-30", {
    startedAt: "2026-09-01T00:00:00Z",
    completedAt: "2026-09-30T15:30:00Z",
  });
  await assign("F002", "F002", "appointment-refresher", "2026-05-31");
  await assign("W001", "W001", "annual-refresher", "2026-12-25", {
    startedAt: "2026-10-19T00:00:00Z",
    completedAt: "2026-10-20T03:00:00Z",
  });
  await assign("W001-onboarding", "W001", "onboarding", "2026-12-31");
  await assign("W002", "W002", "annual-refresher", "2026-10-31");
  // Exactly midnight of 1 July in Japan: July's, not June's.
  await assign("X001", "X001", "annual-refresher", "2026-12-25", {
    startedAt: "2026-06-20T00:00:00Z",
    completedAt: "2026-06-30T15:00:00Z",
  });
  await assign("X002", "X002", "annual-refresher", "2026-11-20");
  await assign("M001", "M001", "manager-course", "2026-12-25", {
    startedAt: "2026-10-01T00:00:00Z",
    completedAt: "2026-10-05T00:00:00Z",
  });
  await assign("M002", "M002", "manager-course", "2026-11-24");
  await assign("WM01", "WM01", "annual-refresher", "2027-03-31");
  await assign("D001", "D001", "annual-refresher", "2026-05-01");
  await assign("R001-2025", "R001", "annual-refresher", "2026-03-31", { fiscalYear: 2025 });

  await attempt(
    "R001",
    [
      ["threats-18", "6(2)ア", true],
      ["threats-02", "6(2)イ", false],
      ["scope-02", "3(1)", true],
    ],
    "2026-06-15T01:00:00Z",
  );
  await attempt(
    "R002",
    [
      ["threats-18", "6(2)ア", true],
      ["threats-02", "6(2)イ", false],
      ["scope-02", "3(1)", false],
    ],
    "2026-10-02T00:00:00Z",
  );
  await attempt(
    "W001",
    [
      ["threats-18", "6(2)ア", false],
      ["threats-03", "6(2)ア", true],
    ],
    "2026-10-20T03:00:00Z",
  );
  // None of these may count: not submitted, a deactivated person, another fiscal year.
  await attempt(
    "R003",
    [
      ["threats-02", "6(2)イ", true],
      ["scope-02", "3(1)", true],
    ],
    null,
  );
  await attempt("D001", [["threats-02", "6(2)イ", true]], "2026-05-01T00:00:00Z");
  await attempt(
    "R001-2025",
    [
      ["scope-02", "3(1)", true],
      ["threats-02", "6(2)イ", true],
    ],
    "2025-12-01T00:00:00Z",
  );

  await db.pledge.create({
    data: {
      assignmentId: assignments["R001"]!,
      staffId: people["R001"]!.id,
      releaseId,
      text: "基本方針4の義務を遵守します。",
      signedAt: new Date("2026-06-14T23:00:00Z"),
    },
  });
  // The attempts above were written straight into the tables, as a bulk load would: count them.
  await db.$executeRaw(addAnswersSql(Prisma.sql`TRUE`, 1));
});

const row = (assigned: number, completed: number) => ({
  assigned,
  completed,
  rate: assigned === 0 ? 0 : completed / assigned,
});

describe("completionByEmployeeType", () => {
  it("counts active staff's assignments of the fiscal year per type, in the types' order", async () => {
    expect(await completionByEmployeeType(FY2026, TODAY)).toEqual([
      { employeeTypeCode: "regular", employeeTypeName: "常勤職員", assigned: 8, completed: 3, overdue: 3, rate: 3 / 8 },
      {
        employeeTypeCode: "reappointed",
        employeeTypeName: "再任用職員",
        assigned: 2,
        completed: 0,
        overdue: 1,
        rate: 0,
      },
      {
        employeeTypeCode: "fiscal-year",
        employeeTypeName: "会計年度任用職員",
        assigned: 2,
        completed: 1,
        overdue: 1,
        rate: 0.5,
      },
      { employeeTypeCode: "special", employeeTypeName: "特別職", assigned: 2, completed: 1, overdue: 1, rate: 0.5 },
    ]);
  });

  it("keeps types nobody is assigned, at zero, and counts another fiscal year on its own", async () => {
    expect(await completionByEmployeeType({ fiscalYear: 2025 }, TODAY)).toEqual([
      { employeeTypeCode: "regular", employeeTypeName: "常勤職員", assigned: 1, completed: 0, overdue: 1, rate: 0 },
      {
        employeeTypeCode: "reappointed",
        employeeTypeName: "再任用職員",
        assigned: 0,
        completed: 0,
        overdue: 0,
        rate: 0,
      },
      {
        employeeTypeCode: "fiscal-year",
        employeeTypeName: "会計年度任用職員",
        assigned: 0,
        completed: 0,
        overdue: 0,
        rate: 0,
      },
      { employeeTypeCode: "special", employeeTypeName: "特別職", assigned: 0, completed: 0, overdue: 0, rate: 0 },
    ]);
  });

  it("narrows by organisation, section, track and status", async () => {
    const figures = async (filter: Omit<ReportFilter, "fiscalYear">) =>
      (await completionByEmployeeType({ ...FY2026, ...filter }, TODAY)).map((t) => [
        t.employeeTypeCode,
        t.assigned,
        t.completed,
        t.overdue,
      ]);
    expect(await figures({ organisationId: "waterworks" })).toEqual([
      ["regular", 3, 1, 0],
      ["reappointed", 1, 0, 1],
      ["fiscal-year", 1, 0, 1],
      ["special", 0, 0, 0],
    ]);
    // 情報政策課: R001, R002, F001, M002 (D001 is deactivated, M000 has nothing).
    expect(await figures({ sectionId: sections["情報政策課"]! })).toEqual([
      ["regular", 3, 1, 2],
      ["reappointed", 0, 0, 0],
      ["fiscal-year", 1, 1, 0],
      ["special", 0, 0, 0],
    ]);
    expect(await figures({ trackId: "appointment-refresher" })).toEqual([
      ["regular", 0, 0, 0],
      ["reappointed", 0, 0, 0],
      ["fiscal-year", 2, 1, 1],
      ["special", 0, 0, 0],
    ]);
    expect(await figures({ status: "overdue" })).toEqual([
      ["regular", 3, 0, 3],
      ["reappointed", 1, 0, 1],
      ["fiscal-year", 1, 0, 1],
      ["special", 1, 0, 1],
    ]);
    expect(await figures({ status: "inProgress" })).toEqual([
      ["regular", 0, 0, 0],
      ["reappointed", 1, 0, 0],
      ["fiscal-year", 0, 0, 0],
      ["special", 0, 0, 0],
    ]);
    expect(await figures({ status: "notStarted" })).toEqual([
      ["regular", 2, 0, 0],
      ["reappointed", 0, 0, 0],
      ["fiscal-year", 0, 0, 0],
      ["special", 0, 0, 0],
    ]);
    expect(await figures({ status: "completed" })).toEqual([
      ["regular", 3, 3, 0],
      ["reappointed", 0, 0, 0],
      ["fiscal-year", 1, 1, 0],
      ["special", 1, 1, 0],
    ]);
  });

  it("lists only the filtered employee type", async () => {
    expect(await completionByEmployeeType({ ...FY2026, employeeTypeCode: "fiscal-year" }, TODAY)).toEqual([
      {
        employeeTypeCode: "fiscal-year",
        employeeTypeName: "会計年度任用職員",
        assigned: 2,
        completed: 1,
        overdue: 1,
        rate: 0.5,
      },
    ]);
  });
});

describe("completionMatrix", () => {
  const zeros = { regular: row(0, 0), reappointed: row(0, 0), "fiscal-year": row(0, 0), special: row(0, 0) };

  it("crosses all nine organisations with every employee type, zeros included", async () => {
    const matrix = await completionMatrix(FY2026, TODAY);
    expect(matrix.employeeTypes).toEqual([
      { code: "regular", name: "常勤職員" },
      { code: "reappointed", name: "再任用職員" },
      { code: "fiscal-year", name: "会計年度任用職員" },
      { code: "special", name: "特別職" },
    ]);
    expect(matrix.organisations.map((o) => o.id)).toEqual([
      "mayor",
      "waterworks",
      "council",
      "agriculture-committee",
      "audit",
      "election-committee",
      "education-board",
      "education-institutions",
      "fire",
    ]);
    const byId = new Map(matrix.organisations.map((o) => [o.id, o]));
    expect(byId.get("mayor")).toEqual({
      id: "mayor",
      name: "市長部局",
      cells: { regular: row(5, 2), reappointed: row(1, 0), "fiscal-year": row(1, 1), special: row(0, 0) },
      total: row(7, 3),
    });
    expect(byId.get("waterworks")).toEqual({
      id: "waterworks",
      name: "上下水道局",
      cells: { regular: row(3, 1), reappointed: row(1, 0), "fiscal-year": row(1, 0), special: row(0, 0) },
      total: row(5, 1),
    });
    expect(byId.get("fire")).toEqual({
      id: "fire",
      name: "消防本部",
      cells: { ...zeros, special: row(2, 1) },
      total: row(2, 1),
    });
    for (const id of [
      "council",
      "agriculture-committee",
      "audit",
      "election-committee",
      "education-board",
      "education-institutions",
    ]) {
      expect(byId.get(id)).toMatchObject({ cells: zeros, total: row(0, 0) });
    }
    expect(matrix.total).toEqual(row(14, 5));
  });

  it("shows only the filtered organisation and type", async () => {
    const matrix = await completionMatrix(
      { ...FY2026, organisationId: "waterworks", employeeTypeCode: "regular" },
      TODAY,
    );
    expect(matrix.employeeTypes).toEqual([{ code: "regular", name: "常勤職員" }]);
    expect(matrix.organisations).toEqual([
      { id: "waterworks", name: "上下水道局", cells: { regular: row(3, 1) }, total: row(3, 1) },
    ]);
    expect(matrix.total).toEqual(row(3, 1));
  });

  it("shows only the section's organisation for a section filter", async () => {
    const matrix = await completionMatrix({ ...FY2026, sectionId: sections["総務課"]! }, TODAY);
    expect(matrix.organisations).toEqual([
      { id: "mayor", name: "市長部局", cells: { ...zeros, regular: row(2, 1) }, total: row(2, 1) },
    ]);
  });
});

describe("cumulativeCompletion", () => {
  it("counts completions by the end of each month in Japan time, April to today's month", async () => {
    const points = await cumulativeCompletion(FY2026, TODAY);
    expect(points).toEqual(
      [
        ["2026-04", 0],
        ["2026-05", 0],
        ["2026-06", 1], // R001 on 15 June; X001 at 00:00 on 1 July is July's
        ["2026-07", 2],
        ["2026-08", 2],
        ["2026-09", 2], // F001 at 00:30 on 1 October Japan time (30 September UTC) is October's
        ["2026-10", 5],
        ["2026-11", 5],
      ].map(([month, completed]) => ({ month, ...row(14, completed as number) })),
    );
  });

  it("runs the whole year for a past fiscal year, and nothing for a future one", async () => {
    const past = await cumulativeCompletion({ fiscalYear: 2025 }, TODAY);
    expect(past.map((p) => p.month)).toEqual([
      "2025-04",
      "2025-05",
      "2025-06",
      "2025-07",
      "2025-08",
      "2025-09",
      "2025-10",
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
      "2026-03",
    ]);
    expect(past.every((p) => p.assigned === 1 && p.completed === 0 && p.rate === 0)).toBe(true);
    expect(await cumulativeCompletion({ fiscalYear: 2027 }, TODAY)).toEqual([]);
  });

  it("follows the filter", async () => {
    const points = await cumulativeCompletion({ ...FY2026, organisationId: "mayor" }, TODAY);
    expect(points.map((p) => [p.month, p.completed, p.assigned])).toEqual([
      ["2026-04", 0, 7],
      ["2026-05", 0, 7],
      ["2026-06", 1, 7],
      ["2026-07", 1, 7],
      ["2026-08", 1, 7],
      ["2026-09", 1, 7],
      ["2026-10", 3, 7],
      ["2026-11", 3, 7],
    ]);
  });
});

describe("overdueList", () => {
  it("lists the overdue, longest first, with days overdue and the person's manager", async () => {
    const { total, rows } = await overdueList(FY2026, TODAY);
    expect(total).toBe(6);
    expect(rows.map((r) => [r.employeeNumber, r.trackId, r.dueDate, r.daysOverdue, r.managerName])).toEqual([
      ["F002", "appointment-refresher", "2026-05-31", 178, "水道 管理"],
      // Same section first: M002 of 情報政策課 rather than M001, who has the lower number.
      ["R002", "annual-refresher", "2026-10-31", 25, "管理 二郎"],
      // No section: the organisation's only manager.
      ["W002", "annual-refresher", "2026-10-31", 25, "水道 管理"],
      // 消防本部 has no manager.
      ["X002", "annual-refresher", "2026-11-20", 5, null],
      // A manager is not their own manager, and deactivated M000 never counts.
      ["M002", "manager-course", "2026-11-24", 1, "管理 一郎"],
      ["R003", "annual-refresher", "2026-11-24", 1, "管理 一郎"],
    ]);
    expect(rows[1]).toEqual({
      assignmentId: assignments["R002"],
      staffId: people["R002"]!.id,
      employeeNumber: "R002",
      name: "常勤 二",
      organisationName: "市長部局",
      sectionName: "情報政策課",
      employeeTypeName: "常勤職員",
      trackId: "annual-refresher",
      trackName: "年次研修",
      dueDate: "2026-10-31",
      daysOverdue: 25,
      managerName: "管理 二郎",
    });
    expect(rows[2]).toMatchObject({ sectionName: null, employeeTypeName: "再任用職員" });
    expect(rows[0]).toMatchObject({
      trackName: "任用時研修（会計年度任用職員）",
      employeeTypeName: "会計年度任用職員",
    });
  });

  it("ignores the status filter but follows the others, and stops at the limit", async () => {
    const ids = async (filter: Omit<ReportFilter, "fiscalYear">, limit?: number) => {
      const list = await overdueList({ ...FY2026, ...filter }, TODAY, limit);
      return { total: list.total, rows: list.rows.map((r) => r.employeeNumber) };
    };
    expect(await ids({ status: "completed" })).toEqual({
      total: 6,
      rows: ["F002", "R002", "W002", "X002", "M002", "R003"],
    });
    expect(await ids({ organisationId: "waterworks" })).toEqual({ total: 2, rows: ["F002", "W002"] });
    expect(await ids({ employeeTypeCode: "regular" })).toEqual({ total: 3, rows: ["R002", "M002", "R003"] });
    expect(await ids({ trackId: "manager-course" })).toEqual({ total: 1, rows: ["M002"] });
    expect(await ids({}, 2)).toEqual({ total: 6, rows: ["F002", "R002"] });
    expect(await ids({ organisationId: "audit" })).toEqual({ total: 0, rows: [] });
  });

  it("keeps another fiscal year's overdue apart", async () => {
    const { total, rows } = await overdueList({ fiscalYear: 2025 }, TODAY);
    expect(total).toBe(1);
    expect(rows).toMatchObject([
      { employeeNumber: "R001", dueDate: "2026-03-31", daysOverdue: 239, managerName: "管理 二郎" },
    ]);
  });
});

describe("itemAnalysis", () => {
  it("gives the share of correct answers per question and clause, lowest first", async () => {
    const { questions, clauses } = await itemAnalysis(FY2026, TODAY);
    expect(questions.map((q) => [q.questionId, q.answered, q.correct, q.share])).toEqual([
      ["threats-02", 2, 0, 0],
      ["scope-02", 2, 1, 0.5],
      ["threats-18", 3, 2, 2 / 3],
      ["threats-03", 1, 1, 1],
    ]);
    expect(questions[2]).toMatchObject({
      moduleSlug: "threats",
      clauseId: "6(2)ア",
      prompt: expect.stringContaining("フィッシングメール"),
    });
    expect(clauses.map((c) => [c.clauseId, c.answered, c.correct, c.share])).toEqual([
      ["6(2)イ", 2, 0, 0],
      ["3(1)", 2, 1, 0.5],
      ["6(2)ア", 4, 3, 0.75],
    ]);
    const headings = await db.clause.findMany({ where: { id: { in: ["6(2)イ", "3(1)", "6(2)ア"] } } });
    for (const clause of clauses) expect(clause.heading).toBe(headings.find((h) => h.id === clause.clauseId)!.heading);
  });

  it("orders equal shares by id and follows the filter", async () => {
    const completedOnly = await itemAnalysis({ ...FY2026, status: "completed" }, TODAY);
    // R001's and W001's attempts: scope-02 and threats-03 tie at 1, so by id.
    expect(completedOnly.questions.map((q) => [q.questionId, q.share])).toEqual([
      ["threats-02", 0],
      ["threats-18", 0.5],
      ["scope-02", 1],
      ["threats-03", 1],
    ]);
    const waterworks = await itemAnalysis({ ...FY2026, organisationId: "waterworks" }, TODAY);
    expect(waterworks.questions.map((q) => [q.questionId, q.answered, q.share])).toEqual([
      ["threats-18", 1, 0],
      ["threats-03", 1, 1],
    ]);
    expect(waterworks.clauses.map((c) => [c.clauseId, c.answered, c.correct])).toEqual([["6(2)ア", 2, 1]]);
    expect(await itemAnalysis({ ...FY2026, organisationId: "fire" }, TODAY)).toEqual({ questions: [], clauses: [] });
  });
});

describe("personHistory", () => {
  it("gives one person's assignments, submitted attempts and pledges with their releases", async () => {
    const history = await personHistory(people["R001"]!.id, undefined, TODAY);
    expect(history?.person).toEqual({
      id: people["R001"]!.id,
      employeeNumber: "R001",
      name: "常勤 一",
      organisationId: "mayor",
      organisationName: "市長部局",
      sectionName: "情報政策課",
      employeeTypeCode: "regular",
      employeeTypeName: "常勤職員",
      active: true,
    });
    expect(history?.assignments).toEqual([
      {
        id: assignments["R001"],
        trackId: "annual-refresher",
        trackName: "年次研修",
        fiscalYear: 2026,
        cycleKey: "FY2026",
        dueDate: "2026-12-25",
        status: "completed",
        startedAt: new Date("2026-06-10T00:00:00Z"),
        completedAt: new Date("2026-06-15T01:00:00Z"),
        completedReleaseId: releaseId,
      },
      {
        id: assignments["R001-2025"],
        trackId: "annual-refresher",
        trackName: "年次研修",
        fiscalYear: 2025,
        cycleKey: "FY2025",
        dueDate: "2026-03-31",
        status: "overdue",
        startedAt: null,
        completedAt: null,
        completedReleaseId: null,
      },
    ]);
    expect(history?.attempts).toEqual([
      expect.objectContaining({
        assignmentId: assignments["R001"],
        trackName: "年次研修",
        submittedAt: new Date("2026-06-15T01:00:00Z"),
        correct: 2,
        total: 3,
        percent: 67,
        passed: false,
        releaseId,
      }),
      expect.objectContaining({
        assignmentId: assignments["R001-2025"],
        correct: 2,
        total: 2,
        percent: 100,
        passed: true,
      }),
    ]);
    expect(history?.pledges).toEqual([
      {
        id: expect.any(Number),
        assignmentId: assignments["R001"],
        signedAt: new Date("2026-06-14T23:00:00Z"),
        releaseId,
      },
    ]);
  });

  it("leaves out unsubmitted attempts and keeps deactivated people's records", async () => {
    expect((await personHistory(people["R003"]!.id, undefined, TODAY))?.attempts).toEqual([]);
    const retired = await personHistory(people["D001"]!.id, undefined, TODAY);
    expect(retired?.person.active).toBe(false);
    expect(retired?.attempts).toHaveLength(1);
  });

  it("refuses a person outside a manager's organisation, and an unknown id", async () => {
    expect(await personHistory(people["W001"]!.id, { organisationId: "mayor" }, TODAY)).toBeNull();
    expect(
      (await personHistory(people["W001"]!.id, { organisationId: "waterworks" }, TODAY))?.person.employeeNumber,
    ).toBe("W001");
    expect(await personHistory(999_999, undefined, TODAY)).toBeNull();
  });
});

describe("reportOptions", () => {
  it("offers organisations with sections, types, tracks and the fiscal years that have assignments", async () => {
    const options = await reportOptions();
    expect(options.organisations).toHaveLength(9);
    expect(options.organisations[0]).toEqual({
      id: "mayor",
      name: "市長部局",
      sections: [
        expect.objectContaining({ id: sections["情報政策課"], name: "情報政策課" }),
        expect.objectContaining({ id: sections["総務課"], name: "総務課" }),
      ],
    });
    expect(options.employeeTypes.map((t) => t.code)).toEqual(["regular", "reappointed", "fiscal-year", "special"]);
    expect(options.tracks.map((t) => [t.id, t.name])).toEqual(
      expect.arrayContaining([
        ["onboarding", "新任者研修"],
        ["annual-refresher", "年次研修"],
        ["appointment-refresher", "任用時研修（会計年度任用職員）"],
        ["manager-course", "情報セキュリティ管理者研修"],
      ]),
    );
    expect(options.tracks[0]).toEqual({ id: "onboarding", name: "新任者研修", retired: false });
    expect(options.fiscalYears).toEqual([2026, 2025]);
  });
});

// Last: it adds staff to the city above.
describe("the number of queries", () => {
  it("stays the same whatever the number of staff", async () => {
    const counter = countRawQueries();
    const run = async () => {
      const calls: number[] = [];
      const measure = async <T>(report: () => Promise<T>): Promise<T> => {
        const before = counter.calls;
        const result = await report();
        calls.push(counter.calls - before);
        return result;
      };
      const byType = await measure(() => completionByEmployeeType(FY2026, TODAY));
      const matrix = await measure(() => completionMatrix(FY2026, TODAY));
      const cumulative = await measure(() => cumulativeCompletion(FY2026, TODAY));
      const overdue = await measure(() => overdueList(FY2026, TODAY));
      const items = await measure(() => itemAnalysis(FY2026, TODAY));
      return { calls, byType, matrix, cumulative, overdue, items };
    };
    try {
      const small = await run();
      expect(small.calls).toEqual([1, 1, 1, 1, 1]);

      for (let i = 0; i < 50; i++) {
        const staff = await db.staff.create({
          data: {
            employeeNumber: `Z${String(i).padStart(4, "0")}`,
            name: `監査 ${i}`,
            organisationId: "audit",
            employeeTypeCode: "regular",
            startDate: "2026-04-01",
          },
        });
        await db.assignment.create({
          data: {
            staffId: staff.id,
            trackId: "annual-refresher",
            cycleKey: "FY2026",
            fiscalYear: 2026,
            // Every other one overdue.
            dueDate: i % 2 ? "2026-10-01" : "2026-12-25",
          },
        });
      }

      const large = await run();
      expect(large.calls).toEqual(small.calls);
      expect(large.byType[0]).toMatchObject({ employeeTypeCode: "regular", assigned: 58, completed: 3, overdue: 28 });
      expect(large.matrix.organisations.find((o) => o.id === "audit")?.total).toEqual(row(50, 0));
      expect(large.matrix.total).toEqual(row(64, 5));
      expect(large.cumulative.at(-1)).toEqual({ month: "2026-11", ...row(64, 5) });
      expect(large.overdue.total).toBe(31);
      expect(large.overdue.rows).toHaveLength(31);
    } finally {
      counter.restore();
    }
  });
});
