import Database from "better-sqlite3";
import { readdirSync, readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Track } from "~/domain/content/types.ts";
import { addDays, sameDayLastYear } from "~/domain/fiscal-year.ts";
import { databaseUrl, isPostgresUrl } from "~/lib/database-url.ts";
import { db } from "~/lib/db.server.ts";
import { completionSummary, itemAnalysis, itemStatistics, overdueList, yearOnYear } from "~/services/reports.server.ts";
import { DEMO_CITY } from "../../prisma/seed/demo-city.ts";
import { generateCity } from "../../prisma/seed/synthetic-city.ts";
import { loader as exportLoader } from "~/routes/reports.export.$table.ts";
import { loader as itemsLoader } from "~/routes/reports.items.tsx";
import { createStaff } from "./factories.ts";
import { countRawQueries } from "./raw-queries.ts";
import { call, requestAs } from "./remix.ts";

/**
 * The report figures on a demo-city-like dataset — a few hundred staff made
 * by the demo city's generator and settings, two fiscal years — against
 * counts made here, row by row, from the rows themselves. The city is
 * generated in a scratch SQLite file (the generator writes through
 * better-sqlite3) and copied into this file's database with Prisma, so the
 * test runs on PostgreSQL too.
 */

const TODAY = "2026-11-25";
const JST_MS = 9 * 60 * 60 * 1000;
const endOf = (day: string) => new Date(Date.parse(`${addDays(day, 1)}T00:00:00Z`) - JST_MS);

type Row = Record<string, unknown>;

/** A value as Prisma wrote it into SQLite: ISO text with "+00:00", 0/1, JSON text. */
function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return value;
}

function insertRows(file: Database.Database, table: string, rows: Row[]) {
  for (const row of rows) {
    const columns = Object.keys(row);
    file
      .prepare(
        `INSERT OR REPLACE INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
      )
      .run(...columns.map((c) => sqliteValue(row[c])));
  }
}

const DATES = new Set([
  "createdAt",
  "updatedAt",
  "lockedUntil",
  "startedAt",
  "completedAt",
  "submittedAt",
  "signedAt",
  "readAt",
]);
const BOOLEANS = new Set(["Staff.active", "QuizAttempt.passed", "AttemptAnswer.correct"]);
const JSONS = new Set(["draw", "responses", "chosen"]);

/** A generated SQLite row as Prisma takes it. */
function prismaRow(table: string, row: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) {
    if (value === null && (JSONS.has(key) || key === "moduleSlugs")) continue;
    if (key === "moduleSlugs") continue;
    out[key] =
      value === null
        ? null
        : DATES.has(key)
          ? new Date(String(value))
          : BOOLEANS.has(`${table}.${key}`)
            ? Number(value) === 1
            : JSONS.has(key)
              ? JSON.parse(String(value))
              : value;
  }
  return out;
}

let staff: { id: number; organisationId: string; employeeTypeCode: string; active: boolean }[] = [];
let assignments: {
  id: number;
  staffId: number;
  trackId: string;
  fiscalYear: number;
  dueDate: string;
  createdAt: Date;
  completedAt: Date | null;
}[] = [];
let pledges: { assignmentId: number; signedAt: Date }[] = [];
let pledgeTracks = new Set<string>();

beforeAll(async () => {
  // A scratch SQLite database with the schema and this database's content and base data.
  const file = new Database(":memory:");
  for (const migration of readdirSync("prisma/migrations")
    .filter((name) => /^\d/.test(name))
    .sort()) {
    file.exec(readFileSync(`prisma/migrations/${migration}/migration.sql`, "utf8"));
  }
  file.pragma("foreign_keys = OFF");
  insertRows(file, "Organisation", await db.organisation.findMany());
  insertRows(file, "EmployeeType", await db.employeeType.findMany());
  insertRows(file, "ContentRelease", await db.contentRelease.findMany());
  insertRows(file, "Clause", await db.clause.findMany());
  insertRows(file, "Question", await db.question.findMany());
  insertRows(file, "Track", await db.track.findMany());

  generateCity(file, {
    ...DEMO_CITY,
    staff: 400,
    targetAttempts: 1_200,
    seed: "report-figures",
    today: TODAY,
    nowMs: Date.parse(`${TODAY}T03:00:00Z`),
  });

  const read = (table: string) =>
    (file.prepare(`SELECT * FROM "${table}" ORDER BY 1`).all() as Row[]).map((row) => prismaRow(table, row));
  await db.section.createMany({ data: read("Section") as never });
  await db.staff.createMany({ data: read("Staff") as never });
  await db.assignment.createMany({ data: read("Assignment") as never });
  await db.moduleReading.createMany({ data: read("ModuleReading") as never });
  await db.quizAttempt.createMany({ data: read("QuizAttempt") as never });
  await db.attemptAnswer.createMany({ data: read("AttemptAnswer") as never });
  await db.pledge.createMany({ data: read("Pledge") as never });
  await db.answerTally.createMany({ data: read("AnswerTally") as never });
  file.close();
  // The rows came with their ids: PostgreSQL's sequences must move past them for the rows tests create.
  if (isPostgresUrl(databaseUrl())) {
    for (const table of ["Section", "Staff", "Assignment", "ModuleReading", "QuizAttempt", "AttemptAnswer", "Pledge"]) {
      await db.$executeRawUnsafe(
        `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT MAX("id") FROM "${table}"))`,
      );
    }
  }

  staff = await db.staff.findMany({ select: { id: true, organisationId: true, employeeTypeCode: true, active: true } });
  assignments = await db.assignment.findMany({
    select: {
      id: true,
      staffId: true,
      trackId: true,
      fiscalYear: true,
      dueDate: true,
      createdAt: true,
      completedAt: true,
    },
  });
  pledges = await db.pledge.findMany({ select: { assignmentId: true, signedAt: true } });
  pledgeTracks = new Set(
    (await db.track.findMany()).filter((t) => (t.definition as unknown as Track).pledge).map((t) => t.id),
  );
}, 120_000);

const person = (staffId: number) => staff.find((s) => s.id === staffId)!;
const ofYear = (fiscalYear: number) =>
  assignments.filter((a) => a.fiscalYear === fiscalYear && person(a.staffId).active);

describe("the report on a demo-city-like dataset", () => {
  it("is a city worth reporting on: hundreds of people, both years, some overdue", () => {
    expect(staff.length).toBe(400);
    expect(ofYear(2026).length).toBeGreaterThan(500);
    expect(ofYear(2025).length).toBeGreaterThan(400);
    expect(ofYear(2026).filter((a) => !a.completedAt && a.dueDate < TODAY).length).toBeGreaterThan(0);
  });

  it("counts completion and overdue by type and organisation as the rows do", async () => {
    const { byType, matrix, cumulative } = await completionSummary({ fiscalYear: 2026 }, TODAY);
    const rows = ofYear(2026);
    for (const type of byType) {
      const mine = rows.filter((a) => person(a.staffId).employeeTypeCode === type.employeeTypeCode);
      expect([type.employeeTypeCode, type.assigned, type.completed, type.overdue]).toEqual([
        type.employeeTypeCode,
        mine.length,
        mine.filter((a) => a.completedAt).length,
        mine.filter((a) => !a.completedAt && a.dueDate < TODAY).length,
      ]);
    }
    for (const organisation of matrix.organisations) {
      for (const [code, cell] of Object.entries(organisation.cells)) {
        const mine = rows.filter(
          (a) => person(a.staffId).organisationId === organisation.id && person(a.staffId).employeeTypeCode === code,
        );
        expect([organisation.id, code, cell.assigned, cell.completed]).toEqual([
          organisation.id,
          code,
          mine.length,
          mine.filter((a) => a.completedAt).length,
        ]);
      }
    }
    const november = cumulative.find((p) => p.month === "2026-11")!;
    expect(november.completed).toBe(rows.filter((a) => a.completedAt && a.completedAt < endOf("2026-11-30")).length);
  });

  it("compares this year with last year at the same date, counting what existed then, in one query", async () => {
    const counter = countRawQueries();
    const years = await yearOnYear({ fiscalYear: 2026 }, TODAY);
    counter.restore();
    expect(counter.calls).toBe(1);

    // Last year counts what existed and was done by the end of that day; this year, everything as it stands.
    const figures = (fiscalYear: number, day: string, cutoff: Date | null) => {
      const by = (instant: Date | null) => instant !== null && (cutoff === null || instant < cutoff);
      const existing = ofYear(fiscalYear).filter((a) => cutoff === null || a.createdAt < cutoff);
      return {
        asOf: day,
        assigned: existing.length,
        completed: existing.filter((a) => by(a.completedAt)).length,
        overdue: existing.filter((a) => a.dueDate < day && !by(a.completedAt)).length,
        pledged: existing.filter((a) => pledges.some((p) => p.assignmentId === a.id && by(p.signedAt))).length,
        pledgeRequired: existing.filter((a) => pledgeTracks.has(a.trackId)).length,
      };
    };
    const pick = ({ asOf, assigned, completed, overdue, pledged, pledgeRequired }: Record<string, unknown>) => ({
      asOf,
      assigned,
      completed,
      overdue,
      pledged,
      pledgeRequired,
    });
    expect(pick(years.current)).toEqual(figures(2026, TODAY, null));
    expect(pick(years.previous)).toEqual(figures(2025, "2025-11-25", endOf("2025-11-25")));
    expect(sameDayLastYear(TODAY)).toBe("2025-11-25");
    expect(years.previous.assigned).toBeGreaterThan(0);

    // Last year's line: all twelve months, ending with what was completed by 31 March.
    expect(years.previousCumulative.map((p) => p.month)).toEqual([
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
    expect(years.previousCumulative.at(-1)!.completed).toBe(
      ofYear(2025).filter((a) => a.completedAt && a.completedAt < endOf("2026-03-31")).length,
    );
    expect(years.previousCumulative.at(-1)!.assigned).toBe(ofYear(2025).length);
  });

  it("lists every overdue assignment, page by page, in the order asked for", async () => {
    const overdue = ofYear(2026).filter((a) => !a.completedAt && a.dueDate < TODAY);
    const first = await overdueList({ fiscalYear: 2026 }, TODAY, 5, { sort: "due", descending: false, offset: 0 });
    const second = await overdueList({ fiscalYear: 2026 }, TODAY, 5, { sort: "due", descending: false, offset: 5 });
    expect(first.total).toBe(overdue.length);
    const dues = [...first.rows, ...second.rows].map((r) => r.dueDate);
    expect(dues).toEqual([...dues].sort());
    expect(new Set([...first.rows, ...second.rows].map((r) => r.assignmentId)).size).toBe(Math.min(10, overdue.length));
    const byNumber = await overdueList({ fiscalYear: 2026 }, TODAY, 1_000, {
      sort: "employeeNumber",
      descending: true,
      offset: 0,
    });
    const numbers = byNumber.rows.map((r) => r.employeeNumber);
    expect(numbers).toEqual([...numbers].sort().reverse());
  });

  it("finds the clauses staff get wrong from the answers themselves", async () => {
    const items = await itemAnalysis({ fiscalYear: 2026 }, TODAY);
    const answers = await db.attemptAnswer.findMany({
      where: {
        attempt: {
          submittedAt: { not: null },
          assignment: { fiscalYear: 2026, staff: { active: true } },
        },
      },
      select: { clauseId: true, correct: true },
    });
    expect(answers.length).toBeGreaterThan(1_000);
    for (const clause of items.clauses) {
      const mine = answers.filter((a) => a.clauseId === clause.clauseId);
      expect([clause.clauseId, clause.answered, clause.correct]).toEqual([
        clause.clauseId,
        mine.length,
        mine.filter((a) => a.correct).length,
      ]);
    }
    // The generator makes some clauses really harder: the lowest is well below the highest.
    expect(items.clauses[0]!.share).toBeLessThan(items.clauses.at(-1)!.share - 0.2);
  });

  it("gives each question's facility, discrimination and choice shares as a direct computation does", async () => {
    const statistics = await itemStatistics({ fiscalYear: 2026 }, TODAY);
    const answers = await db.attemptAnswer.findMany({
      where: {
        attempt: {
          submittedAt: { not: null },
          total: { gt: 1 },
          assignment: { fiscalYear: 2026, staff: { active: true } },
        },
      },
      select: { questionId: true, correct: true, chosen: true, attempt: { select: { correct: true, total: true } } },
    });
    const questions = new Map(
      (await db.question.findMany()).map((q) => [
        q.id,
        { answer: q.answer as string[], choices: q.choices as { id: string }[] },
      ]),
    );
    const byQuestion = new Map<string, typeof answers>();
    for (const a of answers) byQuestion.set(a.questionId, [...(byQuestion.get(a.questionId) ?? []), a]);
    expect(statistics.map((s) => s.questionId).sort()).toEqual([...byQuestion.keys()].sort());

    const pearson = (xs: number[], ys: number[]) => {
      const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
      const [mx, my] = [mean(xs), mean(ys)];
      const cov = xs.reduce((sum, x, i) => sum + (x - mx) * (ys[i]! - my), 0);
      const vx = xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
      const vy = ys.reduce((sum, y) => sum + (y - my) ** 2, 0);
      return vx === 0 || vy < 1e-12 ? null : cov / Math.sqrt(vx * vy);
    };
    let checked = 0;
    for (const item of statistics) {
      const mine = byQuestion.get(item.questionId)!;
      const xs = mine.map((a): number => (a.correct ? 1 : 0));
      // The rest of the attempt: its other questions' share answered right.
      const ys = mine.map((a, i) => (a.attempt.correct! - xs[i]!) / (a.attempt.total - 1));
      expect(item.n).toBe(mine.length);
      expect(item.facility).toBeCloseTo(xs.reduce((a, b) => a + b, 0) / mine.length, 10);
      const r = pearson(xs, ys);
      if (r === null) expect(item.discrimination).toBeNull();
      else expect(item.discrimination).toBeCloseTo(r, 8);
      const question = questions.get(item.questionId)!;
      expect(item.choices.map((c) => c.id)).toEqual(question.choices.map((c) => c.id));
      for (const choice of item.choices) {
        expect(choice.key).toBe(question.answer.includes(choice.id));
        expect(choice.picked).toBe(mine.filter((a) => (a.chosen as string[]).includes(choice.id)).length);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
    // Flags follow the figures, and the flagged items head the list.
    const flagged = statistics.filter((s) => s.flags.length > 0);
    // The generator's guessers make a few items worth a look.
    expect(flagged.length).toBeGreaterThan(0);
    expect(statistics.slice(0, flagged.length)).toEqual(flagged);
    for (const item of flagged) {
      expect(item.n).toBeGreaterThanOrEqual(30);
      const wrongOverKey =
        Math.max(...item.choices.filter((c) => !c.key).map((c) => c.picked)) >
        Math.min(...item.choices.filter((c) => c.key).map((c) => c.picked));
      expect(item.flags.includes("distractor")).toBe(wrongOverKey);
      expect(item.flags.includes("negative")).toBe(item.discrimination !== null && item.discrimination < 0);
    }
  });

  it("lists the flagged items on 理解度 and every item in its CSV", async () => {
    const hr = await createStaff({ role: "HR" });
    const statistics = await itemStatistics({ fiscalYear: 2026 }, TODAY);
    const flagged = statistics.filter((s) => s.flags.length > 0);
    const page = await (await call(itemsLoader, await requestAs(hr, "/reports/items?fiscalYear=2026"))).json();
    expect(page.flagged.rows.map((row: unknown[]) => row[0])).toEqual(flagged.map((s) => s.questionId));
    expect(page.statistics.rows).toHaveLength(statistics.length);

    const csv = await (
      await call(exportLoader, await requestAs(hr, "/reports/export/item-statistics?fiscalYear=2026"), {
        table: "item-statistics",
      })
    ).text();
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("設問,モジュール,回答数,正答率(%),識別力,選択肢ごとの選択率,要確認,設問文");
    expect(lines).toHaveLength(statistics.length + 1);
    expect(lines[1]).toContain(flagged[0]!.questionId);
    expect(lines[1]).toMatch(/（正解） \d+\.\d%/);
  });
});
