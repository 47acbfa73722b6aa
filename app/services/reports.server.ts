import { Prisma } from "~/generated/prisma/client.ts";
import { assignmentStatus, type AssignmentStatus } from "~/domain/assignment-status.ts";
import { addDays, daysBetween, sameDayLastYear } from "~/domain/fiscal-year.ts";
import type { ReportFilter } from "~/domain/report-filter.ts";
import type {
  Completion,
  CompletionMatrix,
  CumulativePoint,
  EmployeeTypeCompletion,
  ItemAnalysis,
  OverdueRow,
  YearFigures,
} from "~/domain/report-figures.ts";
import { today as todayInJapan } from "~/lib/clock.server.ts";
import { db } from "~/lib/db.server.ts";
import { sqlInstant } from "~/lib/sql-dialect.server.ts";
import { listTracks } from "./catalogue.server.ts";

/**
 * The HR and manager reports (docs/domain.md, "Reports"). Every figure is counted
 * by the database, in a fixed number of queries whatever the number of staff:
 * a prefecture's 100,000 assignments never travel to the app to be counted.
 * The SQL sticks to what SQLite and PostgreSQL share.
 *
 * The population of every report is the assignments of the filter's fiscal
 * year held by active staff (a deactivated person drops out of every figure),
 * narrowed by the filter.
 */

/** completed / assigned, 0 when nobody is assigned. */
function completion(assigned: number, completed: number): Completion {
  return { assigned, completed, rate: assigned === 0 ? 0 : completed / assigned };
}

// COUNT and SUM come back as bigint or number depending on the driver; SUM of no rows is NULL.
const count = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/**
 * 未着手 / 受講中 / 修了 / 期限超過 in SQL: the one definition every query
 * uses, matching assignmentStatus() in app/domain/assignment-status.ts.
 */
function statusSql(today: string): Prisma.Sql {
  return Prisma.sql`CASE
    WHEN "Assignment"."completedAt" IS NOT NULL THEN 'completed'
    WHEN "Assignment"."dueDate" < ${today} THEN 'overdue'
    WHEN "Assignment"."startedAt" IS NOT NULL THEN 'inProgress'
    ELSE 'notStarted' END`;
}

/**
 * The report's assignments as a derived table, aliased "p" by callers:
 * one row per assignment with its staff's grouping columns and its status.
 */
function populationSql(
  filter: ReportFilter,
  today: string,
  options: { ignoreStatus?: boolean; overdueOnly?: boolean; withPreviousYear?: boolean } = {},
): Prisma.Sql {
  const status = statusSql(today);
  const where = [
    options.withPreviousYear
      ? Prisma.sql`"Assignment"."fiscalYear" IN (${filter.fiscalYear - 1}, ${filter.fiscalYear})`
      : Prisma.sql`"Assignment"."fiscalYear" = ${filter.fiscalYear}`,
    Prisma.sql`"Staff"."active" = TRUE`,
  ];
  if (filter.trackId !== undefined) where.push(Prisma.sql`"Assignment"."trackId" = ${filter.trackId}`);
  if (filter.organisationId !== undefined) where.push(Prisma.sql`"Staff"."organisationId" = ${filter.organisationId}`);
  if (filter.sectionId !== undefined) where.push(Prisma.sql`"Staff"."sectionId" = ${filter.sectionId}`);
  if (filter.employeeTypeCode !== undefined)
    where.push(Prisma.sql`"Staff"."employeeTypeCode" = ${filter.employeeTypeCode}`);
  if (filter.status !== undefined && !options.ignoreStatus) where.push(Prisma.sql`(${status}) = ${filter.status}`);
  // 期限超過 as statusSql defines it, spelt so that an index on the due date can find it.
  if (options.overdueOnly)
    where.push(Prisma.sql`"Assignment"."completedAt" IS NULL AND "Assignment"."dueDate" < ${today}`);
  return Prisma.sql`SELECT
      "Assignment"."id" AS "assignmentId",
      "Assignment"."staffId" AS "staffId",
      "Assignment"."trackId" AS "trackId",
      "Assignment"."fiscalYear" AS "fiscalYear",
      "Assignment"."createdAt" AS "createdAt",
      "Assignment"."dueDate" AS "dueDate",
      "Assignment"."completedAt" AS "completedAt",
      "Staff"."organisationId" AS "organisationId",
      "Staff"."sectionId" AS "sectionId",
      "Staff"."employeeTypeCode" AS "employeeTypeCode",
      ${status} AS "status"
    FROM "Assignment"
    JOIN "Staff" ON "Staff"."id" = "Assignment"."staffId"
    WHERE ${Prisma.join(where, " AND ")}`;
}

/** The completion figures of the report page, all from one pass over the population. */
export type {
  Completion,
  CompletionMatrix,
  CumulativePoint,
  EmployeeTypeCompletion,
  ItemAnalysis,
  OverdueRow,
  YearFigures,
};

export type CompletionSummary = {
  /** Per employee type (任用形態), in the types' order, types with nobody assigned included. */
  byType: EmployeeTypeCompletion[];
  /** Organisation × employee type, every organisation and type with zeros where nobody is assigned. */
  matrix: CompletionMatrix;
  /** Completed by the end of each month of the fiscal year (Japan time), April to today's month. */
  cumulative: CumulativePoint[];
};

type CellRow = {
  organisationId: string;
  employeeTypeCode: string;
  assigned: unknown;
  completed: unknown;
  overdue: unknown;
} & Record<`m${number}`, unknown>;

/**
 * Completion by employee type, organisation × type and month: one query
 * grouping the population by organisation and type — with the overdue and
 * each month's completions summed alongside — and everything else added up
 * here from its few dozen cells. The organisations and types to list are
 * the filter's (a section's organisation for a section filter).
 */
export async function completionSummary(filter: ReportFilter, today: string): Promise<CompletionSummary> {
  const months = fiscalMonths(filter.fiscalYear, today);
  const [cells, organisations, employeeTypes] = await Promise.all([
    db.$queryRaw<CellRow[]>(completionCellsQuery(filter, today, months)),
    db.organisation.findMany({
      where: {
        id: filter.organisationId,
        ...(filter.sectionId !== undefined ? { sections: { some: { id: filter.sectionId } } } : {}),
      },
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: { id: true, name: true },
    }),
    db.employeeType.findMany({
      where: { code: filter.employeeTypeCode },
      orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
      select: { code: true, name: true },
    }),
  ]);
  const cell = new Map(cells.map((row) => [`${row.organisationId}\t${row.employeeTypeCode}`, row]));
  const sum = (rows: (CellRow | undefined)[], column: keyof CellRow) =>
    rows.reduce((total, row) => total + count(row?.[column]), 0);

  const byType = employeeTypes.map((type) => {
    const rows = cells.filter((row) => row.employeeTypeCode === type.code);
    return {
      employeeTypeCode: type.code,
      employeeTypeName: type.name,
      ...completion(sum(rows, "assigned"), sum(rows, "completed")),
      overdue: sum(rows, "overdue"),
    };
  });
  const matrixRows = organisations.map((organisation) => {
    const rows = employeeTypes.map((type) => cell.get(`${organisation.id}\t${type.code}`));
    return {
      ...organisation,
      cells: Object.fromEntries(
        employeeTypes.map((type, i) => [type.code, completion(count(rows[i]?.assigned), count(rows[i]?.completed))]),
      ),
      total: completion(sum(rows, "assigned"), sum(rows, "completed")),
    };
  });
  const listed = matrixRows.flatMap((organisation) => Object.values(organisation.cells));
  const assigned = sum(cells, "assigned");
  return {
    byType,
    matrix: {
      organisations: matrixRows,
      employeeTypes,
      total: completion(
        listed.reduce((total, c) => total + c.assigned, 0),
        listed.reduce((total, c) => total + c.completed, 0),
      ),
    },
    cumulative: months.map(({ month }, i) => ({ month, ...completion(assigned, sum(cells, `m${i}`)) })),
  };
}

/** Completion per employee type (任用形態); see completionSummary. */
export async function completionByEmployeeType(filter: ReportFilter, today: string): Promise<EmployeeTypeCompletion[]> {
  return (await completionSummary(filter, today)).byType;
}

/** Organisation × employee type; see completionSummary. */
export async function completionMatrix(filter: ReportFilter, today: string): Promise<CompletionMatrix> {
  return (await completionSummary(filter, today)).matrix;
}

/**
 * The months of a fiscal year up to today's, each with the instant it ends:
 * 00:00 Japan time on the first of the next month.
 */
function fiscalMonths(fiscalYear: number, today: string): { month: string; end: Date }[] {
  const JAPAN_OFFSET_MS = 9 * 60 * 60 * 1000;
  const months: { month: string; end: Date }[] = [];
  for (let i = 0; i < 12; i++) {
    const year = fiscalYear + Math.floor((3 + i) / 12);
    const month = ((3 + i) % 12) + 1;
    const label = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
    if (label > today.slice(0, 7)) break;
    const end = new Date(Date.UTC(year, month, 1) - JAPAN_OFFSET_MS);
    months.push({ month: label, end });
  }
  return months;
}

/** Completed assignments by the end of each month against everyone assigned now; see completionSummary. */
export async function cumulativeCompletion(filter: ReportFilter, today: string): Promise<CumulativePoint[]> {
  return (await completionSummary(filter, today)).cumulative;
}

/** The orders the overdue list can be read in; "due" is the longest overdue first. */
export const OVERDUE_SORTS = ["due", "employeeNumber", "name", "organisation", "track"] as const;
export type OverdueSort = (typeof OVERDUE_SORTS)[number];
export type OverdueOrder = { sort: OverdueSort; descending: boolean; offset: number };

/**
 * Overdue (期限超過) assignments, longest overdue first unless `order` says
 * otherwise, with the person's manager: an active MANAGER of the same
 * organisation other than the person, one of their own section first, then
 * the lowest employee number. The filter's status is ignored: this list is
 * the overdue ones by definition. One query; `total` counts every overdue
 * row, `rows` is the `limit` rows from `order.offset`.
 */
export async function overdueList(
  filter: ReportFilter,
  today: string,
  limit = 500,
  order: OverdueOrder = { sort: "due", descending: false, offset: 0 },
): Promise<{ total: number; rows: OverdueRow[] }> {
  // The manager is looked up for the rows shown only, after sorting and the limit.
  const rows = await db.$queryRaw<
    (Omit<OverdueRow, "daysOverdue" | "staffId" | "trackName"> & {
      assignmentId: unknown;
      staffId: unknown;
      trackName: string | null;
      total: unknown;
      organisationId: string;
      sectionId: unknown;
      organisationOrder: unknown;
      nameKana: unknown;
      sectionSort: unknown;
    })[]
  >(overdueQuery(filter, today, limit, order));
  return {
    total: count(rows[0]?.total),
    rows: rows.map(
      ({
        total: _total,
        organisationId: _o,
        sectionId: _s,
        organisationOrder: _oo,
        nameKana: _k,
        sectionSort: _ss,
        ...row
      }) => ({
        ...row,
        assignmentId: Number(row.assignmentId),
        staffId: Number(row.staffId),
        sectionName: row.sectionName ?? null,
        trackName: row.trackName ?? row.trackId,
        managerName: row.managerName ?? null,
        daysOverdue: daysBetween(row.dueDate, today),
      }),
    ),
  };
}

/** The columns of the overdue query (aliases) each order sorts by, the last ones breaking ties. */
const OVERDUE_ORDER_COLUMNS: Record<OverdueSort, string[]> = {
  due: ["dueDate"],
  employeeNumber: ["employeeNumber"],
  name: ["nameKana", "name"],
  organisation: ["organisationOrder", "sectionSort"],
  track: ["trackId"],
};

function overdueOrderSql(order: OverdueOrder, table?: string): Prisma.Sql {
  const direction = order.descending ? " DESC" : "";
  const columns = [...OVERDUE_ORDER_COLUMNS[order.sort], "dueDate", "employeeNumber", "trackId"];
  const unique = [...new Set(columns)];
  return Prisma.raw(
    unique
      .map(
        (column, i) =>
          `${table ? `"${table}".` : ""}"${column}"${i < OVERDUE_ORDER_COLUMNS[order.sort].length ? direction : ""}`,
      )
      .join(", "),
  );
}

/** This fiscal year against the last at the same date, and last year's cumulative line. */
export type YearOnYear = { current: YearFigures; previous: YearFigures; previousCumulative: CumulativePoint[] };

/** The day a fiscal year's figures are counted at: today, or the year's last day once it is over. */
function asOfDay(fiscalYear: number, today: string): string {
  const end = `${String(fiscalYear + 1).padStart(4, "0")}-03-31`;
  return today < end ? today : end;
}

/** 00:00 Japan time on the day after `day`: what "by the end of `day`" compares with. */
function endOfDay(day: string): Date {
  return new Date(Date.parse(`${addDays(day, 1)}T00:00:00Z`) - 9 * 60 * 60 * 1000);
}

type YearRow = {
  fiscalYear: unknown;
  assigned: unknown;
  completed: unknown;
  overdue: unknown;
  pledged: unknown;
  pledgeRequired: unknown;
  assignedInYear: unknown;
} & Record<`l${number}`, unknown>;

/**
 * Completion, overdue and pledges of the filter's fiscal year as they stand
 * today, and of the year before as they stood at the end of the same date a
 * year earlier — counting the assignments that existed by then — plus the
 * year before's completions month by month against all its assignments. One
 * query over both years. The filter's status is ignored: it is a status on
 * today, not then. For a fiscal year already over, "the same date" is its
 * last day.
 */
export async function yearOnYear(filter: ReportFilter, today: string): Promise<YearOnYear> {
  const pledgeTracks = (await listTracks()).filter((track) => track.pledge).map((track) => track.id);
  const currentDay = asOfDay(filter.fiscalYear, today);
  const previousDay = sameDayLastYear(currentDay);
  const months = fiscalMonths(filter.fiscalYear - 1, "9999-12-31");
  const rows = await db.$queryRaw<YearRow[]>(
    yearOnYearQuery(filter, today, { currentDay, previousDay, months, pledgeTracks }),
  );
  const figures = (fiscalYear: number, asOf: string): YearFigures => {
    const row = rows.find((r) => Number(r.fiscalYear) === fiscalYear);
    return {
      fiscalYear,
      asOf,
      ...completion(count(row?.assigned), count(row?.completed)),
      overdue: count(row?.overdue),
      pledged: count(row?.pledged),
      pledgeRequired: count(row?.pledgeRequired),
    };
  };
  const previousRow = rows.find((r) => Number(r.fiscalYear) === filter.fiscalYear - 1);
  return {
    current: figures(filter.fiscalYear, currentDay),
    previous: figures(filter.fiscalYear - 1, previousDay),
    previousCumulative: months.map(({ month }, i) => ({
      month,
      ...completion(count(previousRow?.assignedInYear), count(previousRow?.[`l${i}`])),
    })),
  };
}

export type SectionCompletion = Completion & { sectionId: number | null; sectionName: string | null; overdue: number };
export type PersonCompletion = Completion & {
  staffId: number;
  employeeNumber: string;
  name: string;
  sectionName: string | null;
  overdue: number;
};

/**
 * One heat-map cell opened: the filter's population (normally narrowed to one
 * organisation and employee type) by section, and its people — those with
 * overdue training first — `limit` from `offset`, with the number of people.
 * Two queries.
 */
export async function cellBreakdown(
  filter: ReportFilter,
  today: string,
  limit: number,
  offset: number,
): Promise<{ sections: SectionCompletion[]; people: PersonCompletion[]; peopleTotal: number }> {
  const [sections, people] = await Promise.all([
    db.$queryRaw<
      { sectionId: unknown; sectionName: string | null; assigned: unknown; completed: unknown; overdue: unknown }[]
    >(sectionCellsQuery(filter, today)),
    db.$queryRaw<
      {
        staffId: unknown;
        employeeNumber: string;
        name: string;
        sectionName: string | null;
        assigned: unknown;
        completed: unknown;
        overdue: unknown;
        total: unknown;
      }[]
    >(peopleCellsQuery(filter, today, limit, offset)),
  ]);
  return {
    sections: sections
      .map((row) => ({
        sectionId: row.sectionId === null || row.sectionId === undefined ? null : Number(row.sectionId),
        sectionName: row.sectionName ?? null,
        ...completion(count(row.assigned), count(row.completed)),
        overdue: count(row.overdue),
      }))
      .sort((a, b) => a.rate - b.rate || (a.sectionName ?? "").localeCompare(b.sectionName ?? "", "ja")),
    people: people.map((row) => ({
      staffId: Number(row.staffId),
      employeeNumber: row.employeeNumber,
      name: row.name,
      sectionName: row.sectionName ?? null,
      ...completion(count(row.assigned), count(row.completed)),
      overdue: count(row.overdue),
    })),
    peopleTotal: count(people[0]?.total),
  };
}

/** Lowest share first, so the most misunderstood item heads the list; ties by id. */
function byShare<T extends { share: number }>(id: (item: T) => string) {
  return (a: T, b: T) => a.share - b.share || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0);
}

/**
 * Share of correct answers per question and per clause, over the submitted
 * attempts of the population's assignments: which parts of the policy staff
 * misunderstand. One query, grouped by question and the clause it cited
 * when answered; the per-clause figures are added up here. It sums the
 * answer tallies (answer-tallies.server.ts) unless the filter has a status
 * (which depends on the day) or a section (which the tallies do not keep):
 * those count their answers directly, as does a window of submission
 * dates (the question of the month looks at the month before).
 */
export async function itemAnalysis(
  filter: ReportFilter,
  today: string,
  /** Only attempts submitted in [from, to): counted directly, the tallies keep no dates. */
  submitted?: { from: Date; to: Date },
): Promise<ItemAnalysis> {
  const rows = await db.$queryRaw<
    {
      questionId: string;
      clauseId: string;
      answered: unknown;
      correct: unknown;
      moduleSlug: string | null;
      questionClauseId: string | null;
      prompt: string | null;
      heading: string | null;
    }[]
  >(itemAnalysisQuery(filter, today, submitted));
  const questions = new Map<string, ItemAnalysis["questions"][number]>();
  const clauses = new Map<string, ItemAnalysis["clauses"][number]>();
  for (const row of rows) {
    const answered = count(row.answered);
    const correct = count(row.correct);
    const question = questions.get(row.questionId) ?? {
      questionId: row.questionId,
      moduleSlug: row.moduleSlug ?? null,
      clauseId: row.questionClauseId ?? null,
      prompt: row.prompt ?? null,
      answered: 0,
      correct: 0,
      share: 0,
    };
    questions.set(row.questionId, {
      ...question,
      answered: question.answered + answered,
      correct: question.correct + correct,
    });
    const clause = clauses.get(row.clauseId) ?? {
      clauseId: row.clauseId,
      heading: row.heading ?? null,
      answered: 0,
      correct: 0,
      share: 0,
    };
    clauses.set(row.clauseId, { ...clause, answered: clause.answered + answered, correct: clause.correct + correct });
  }
  const withShare = <T extends { answered: number; correct: number }>(item: T) => ({
    ...item,
    share: item.answered === 0 ? 0 : item.correct / item.answered,
  });
  return {
    questions: [...questions.values()].map(withShare).sort(byShare((q) => q.questionId)),
    clauses: [...clauses.values()].map(withShare).sort(byShare((c) => c.clauseId)),
  };
}

export type PersonHistory = {
  person: {
    id: number;
    employeeNumber: string;
    name: string;
    organisationId: string;
    organisationName: string;
    sectionName: string | null;
    employeeTypeCode: string;
    employeeTypeName: string;
    active: boolean;
  };
  assignments: {
    id: number;
    trackId: string;
    trackName: string;
    fiscalYear: number;
    cycleKey: string;
    dueDate: string;
    status: AssignmentStatus;
    startedAt: Date | null;
    completedAt: Date | null;
    completedReleaseId: number | null;
  }[];
  attempts: {
    id: number;
    assignmentId: number;
    trackId: string;
    trackName: string;
    submittedAt: Date;
    correct: number;
    total: number;
    percent: number;
    passed: boolean;
    releaseId: number;
  }[];
  pledges: { id: number; assignmentId: number; signedAt: Date; releaseId: number }[];
};

/**
 * One person's whole training record: assignments with their status on
 * `today`, submitted attempts, pledges, and the release of each. Null when
 * there is no such person or, for a manager's `scope`, they are outside it.
 */
export async function personHistory(
  staffId: number,
  scope?: { organisationId: string },
  today: string = todayInJapan(),
): Promise<PersonHistory | null> {
  const staff = await db.staff.findFirst({
    where: { id: staffId, ...(scope ? { organisationId: scope.organisationId } : {}) },
    select: {
      id: true,
      employeeNumber: true,
      name: true,
      organisationId: true,
      employeeTypeCode: true,
      active: true,
      organisation: { select: { name: true } },
      section: { select: { name: true } },
      employeeType: { select: { name: true } },
    },
  });
  if (!staff) return null;
  const [assignments, attempts, pledges, tracks] = await Promise.all([
    db.assignment.findMany({
      where: { staffId },
      orderBy: [{ fiscalYear: "desc" }, { dueDate: "asc" }, { id: "asc" }],
      select: {
        id: true,
        trackId: true,
        fiscalYear: true,
        cycleKey: true,
        dueDate: true,
        startedAt: true,
        completedAt: true,
        completedReleaseId: true,
      },
    }),
    db.quizAttempt.findMany({
      where: { staffId, submittedAt: { not: null } },
      orderBy: [{ submittedAt: "desc" }, { id: "desc" }],
      select: {
        id: true,
        assignmentId: true,
        submittedAt: true,
        correct: true,
        total: true,
        percent: true,
        passed: true,
        releaseId: true,
        assignment: { select: { trackId: true } },
      },
    }),
    db.pledge.findMany({
      where: { staffId },
      orderBy: [{ signedAt: "desc" }, { id: "desc" }],
      select: { id: true, assignmentId: true, signedAt: true, releaseId: true },
    }),
    db.track.findMany({ select: { id: true, name: true } }),
  ]);
  const trackName = new Map(tracks.map((t) => [t.id, t.name]));
  return {
    person: {
      id: staff.id,
      employeeNumber: staff.employeeNumber,
      name: staff.name,
      organisationId: staff.organisationId,
      organisationName: staff.organisation.name,
      sectionName: staff.section?.name ?? null,
      employeeTypeCode: staff.employeeTypeCode,
      employeeTypeName: staff.employeeType.name,
      active: staff.active,
    },
    assignments: assignments.map((a) => ({
      ...a,
      trackName: trackName.get(a.trackId) ?? a.trackId,
      status: assignmentStatus(a, today),
    })),
    attempts: attempts.map(({ assignment, submittedAt, correct, percent, passed, ...attempt }) => ({
      ...attempt,
      trackId: assignment.trackId,
      trackName: trackName.get(assignment.trackId) ?? assignment.trackId,
      // Set together with submittedAt when the attempt is scored.
      submittedAt: submittedAt!,
      correct: correct ?? 0,
      percent: percent ?? 0,
      passed: passed ?? false,
    })),
    pledges,
  };
}

/** The choices of the report filter form: organisations with sections, employee types, tracks and the fiscal years that have assignments. */
export async function reportOptions() {
  const [organisations, employeeTypes, tracks, years] = await Promise.all([
    db.organisation.findMany({
      orderBy: { sortOrder: "asc" },
      select: { id: true, name: true, sections: { orderBy: { name: "asc" }, select: { id: true, name: true } } },
    }),
    db.employeeType.findMany({ orderBy: { sortOrder: "asc" }, select: { code: true, name: true } }),
    // Retired tracks stay: past years' assignments still refer to them.
    db.track.findMany({
      orderBy: [{ retired: "asc" }, { sortOrder: "asc" }],
      select: { id: true, name: true, retired: true },
    }),
    db.$queryRaw<{ fiscalYear: unknown }[]>(fiscalYearsQuery()),
  ]);
  return { organisations, employeeTypes, tracks, fiscalYears: years.map((y) => Number(y.fiscalYear)) };
}

// ---- The report's SQL, built once here for the service functions below and
// for `npm run bench`, which times the same statements straight on the file.

function completionCellsQuery(filter: ReportFilter, today: string, months: { end: Date }[]): Prisma.Sql {
  const perMonth = months.map(
    ({ end }, i) =>
      Prisma.sql`, SUM(CASE WHEN "p"."completedAt" < ${sqlInstant(end)} THEN 1 ELSE 0 END) AS ${Prisma.raw(`"m${i}"`)}`,
  );
  return Prisma.sql`
    SELECT "p"."organisationId" AS "organisationId", "p"."employeeTypeCode" AS "employeeTypeCode",
      COUNT(*) AS "assigned",
      SUM(CASE WHEN "p"."status" = 'completed' THEN 1 ELSE 0 END) AS "completed",
      SUM(CASE WHEN "p"."status" = 'overdue' THEN 1 ELSE 0 END) AS "overdue"
      ${perMonth.length > 0 ? Prisma.join(perMonth, "") : Prisma.empty}
    FROM (${populationSql(filter, today)}) AS "p"
    GROUP BY "p"."organisationId", "p"."employeeTypeCode"`;
}

function overdueQuery(
  filter: ReportFilter,
  today: string,
  limit: number,
  order: OverdueOrder = { sort: "due", descending: false, offset: 0 },
): Prisma.Sql {
  return Prisma.sql`
    SELECT "o".*,
      COALESCE(
        (SELECT "Manager"."name" FROM "Staff" AS "Manager"
          WHERE "Manager"."organisationId" = "o"."organisationId" AND "Manager"."role" = 'MANAGER'
            AND "Manager"."sectionId" = "o"."sectionId" AND "Manager"."active" = TRUE AND "Manager"."id" <> "o"."staffId"
          ORDER BY "Manager"."employeeNumber" LIMIT 1),
        (SELECT "Manager"."name" FROM "Staff" AS "Manager"
          WHERE "Manager"."organisationId" = "o"."organisationId" AND "Manager"."role" = 'MANAGER'
            AND "Manager"."active" = TRUE AND "Manager"."id" <> "o"."staffId"
          ORDER BY "Manager"."employeeNumber" LIMIT 1)
      ) AS "managerName"
    FROM (
      SELECT "p"."assignmentId" AS "assignmentId",
        "Staff"."id" AS "staffId", "Staff"."employeeNumber" AS "employeeNumber", "Staff"."name" AS "name",
        "Staff"."nameKana" AS "nameKana", "Organisation"."sortOrder" AS "organisationOrder",
        COALESCE("Section"."name", '') AS "sectionSort",
        "Staff"."organisationId" AS "organisationId", "Staff"."sectionId" AS "sectionId",
        "Organisation"."name" AS "organisationName", "Section"."name" AS "sectionName",
        "EmployeeType"."name" AS "employeeTypeName",
        "p"."trackId" AS "trackId", "Track"."name" AS "trackName", "p"."dueDate" AS "dueDate",
        COUNT(*) OVER () AS "total"
      FROM (${populationSql(filter, today, { ignoreStatus: true, overdueOnly: true })}) AS "p"
      JOIN "Staff" ON "Staff"."id" = "p"."staffId"
      JOIN "Organisation" ON "Organisation"."id" = "Staff"."organisationId"
      JOIN "EmployeeType" ON "EmployeeType"."code" = "Staff"."employeeTypeCode"
      LEFT JOIN "Section" ON "Section"."id" = "Staff"."sectionId"
      LEFT JOIN "Track" ON "Track"."id" = "p"."trackId"
      WHERE "p"."status" = 'overdue'
      ORDER BY ${overdueOrderSql(order)}
      LIMIT ${Math.max(0, Math.floor(limit))} OFFSET ${Math.max(0, Math.floor(order.offset))}
    ) AS "o"
    ORDER BY ${overdueOrderSql(order, "o")}`;
}

function yearOnYearQuery(
  filter: ReportFilter,
  today: string,
  at: { currentDay: string; previousDay: string; months: { end: Date }[]; pledgeTracks: string[] },
): Prisma.Sql {
  // This year counts as it stands (as every other figure of the report);
  // last year as it stood at the end of the same day a year earlier.
  const current = Prisma.sql`"p"."fiscalYear" = ${filter.fiscalYear}`;
  const then = sqlInstant(endOfDay(at.previousDay));
  const existed = Prisma.sql`(${current} OR "p"."createdAt" < ${then})`;
  const completed = Prisma.sql`("p"."completedAt" IS NOT NULL AND (${current} OR "p"."completedAt" < ${then}))`;
  const day = Prisma.sql`(CASE WHEN ${current} THEN ${today} ELSE ${at.previousDay} END)`;
  const requiresPledge =
    at.pledgeTracks.length > 0 ? Prisma.sql`"p"."trackId" IN (${Prisma.join(at.pledgeTracks)})` : Prisma.sql`1 = 0`;
  const perMonth = at.months.map(
    ({ end }, i) =>
      Prisma.sql`, SUM(CASE WHEN "p"."completedAt" < ${sqlInstant(end)} THEN 1 ELSE 0 END) AS ${Prisma.raw(`"l${i}"`)}`,
  );
  return Prisma.sql`
    SELECT "p"."fiscalYear" AS "fiscalYear",
      SUM(CASE WHEN ${existed} THEN 1 ELSE 0 END) AS "assigned",
      SUM(CASE WHEN ${completed} THEN 1 ELSE 0 END) AS "completed",
      SUM(CASE WHEN ${existed} AND "p"."dueDate" < ${day} AND NOT ${completed} THEN 1 ELSE 0 END) AS "overdue",
      SUM(CASE WHEN "Pledge"."signedAt" IS NOT NULL AND (${current} OR "Pledge"."signedAt" < ${then})
        THEN 1 ELSE 0 END) AS "pledged",
      SUM(CASE WHEN ${existed} AND ${requiresPledge} THEN 1 ELSE 0 END) AS "pledgeRequired",
      COUNT(*) AS "assignedInYear"
      ${Prisma.join(perMonth, "")}
    FROM (${populationSql(filter, today, { ignoreStatus: true, withPreviousYear: true })}) AS "p"
    LEFT JOIN "Pledge" ON "Pledge"."assignmentId" = "p"."assignmentId"
    GROUP BY "p"."fiscalYear"`;
}

const cellCounts = Prisma.sql`COUNT(*) AS "assigned",
      SUM(CASE WHEN "p"."status" = 'completed' THEN 1 ELSE 0 END) AS "completed",
      SUM(CASE WHEN "p"."status" = 'overdue' THEN 1 ELSE 0 END) AS "overdue"`;

function sectionCellsQuery(filter: ReportFilter, today: string): Prisma.Sql {
  return Prisma.sql`
    SELECT "p"."sectionId" AS "sectionId", "Section"."name" AS "sectionName", ${cellCounts}
    FROM (${populationSql(filter, today)}) AS "p"
    LEFT JOIN "Section" ON "Section"."id" = "p"."sectionId"
    GROUP BY "p"."sectionId", "Section"."name"`;
}

function peopleCellsQuery(filter: ReportFilter, today: string, limit: number, offset: number): Prisma.Sql {
  return Prisma.sql`
    SELECT "Staff"."id" AS "staffId", "Staff"."employeeNumber" AS "employeeNumber", "Staff"."name" AS "name",
      "Section"."name" AS "sectionName", ${cellCounts}, COUNT(*) OVER () AS "total"
    FROM (${populationSql(filter, today)}) AS "p"
    JOIN "Staff" ON "Staff"."id" = "p"."staffId"
    LEFT JOIN "Section" ON "Section"."id" = "Staff"."sectionId"
    GROUP BY "Staff"."id", "Staff"."employeeNumber", "Staff"."name", "Section"."name"
    ORDER BY SUM(CASE WHEN "p"."status" = 'overdue' THEN 1 ELSE 0 END) DESC,
      COUNT(*) - SUM(CASE WHEN "p"."status" = 'completed' THEN 1 ELSE 0 END) DESC, "Staff"."employeeNumber"
    LIMIT ${Math.max(0, Math.floor(limit))} OFFSET ${Math.max(0, Math.floor(offset))}`;
}

/** Answered and correct per question and the clause it cited, with their texts. */
function itemAnalysisQuery(filter: ReportFilter, today: string, submitted?: { from: Date; to: Date }): Prisma.Sql {
  return Prisma.sql`
    SELECT "g"."questionId" AS "questionId", "g"."clauseId" AS "clauseId", "g"."answered" AS "answered", "g"."correct" AS "correct",
      "Question"."moduleSlug" AS "moduleSlug", "Question"."clauseId" AS "questionClauseId", "Question"."prompt" AS "prompt",
      "Clause"."heading" AS "heading"
    FROM (${filter.status === undefined && filter.sectionId === undefined && !submitted ? talliedAnswersSql(filter) : countedAnswersSql(filter, today, submitted)}) AS "g"
    LEFT JOIN "Question" ON "Question"."id" = "g"."questionId"
    LEFT JOIN "Clause" ON "Clause"."id" = "g"."clauseId"`;
}

/** The population's answers per question and clause, counted one by one. */
function countedAnswersSql(filter: ReportFilter, today: string, submitted?: { from: Date; to: Date }): Prisma.Sql {
  const window = submitted
    ? Prisma.sql` AND "QuizAttempt"."submittedAt" >= ${sqlInstant(submitted.from)} AND "QuizAttempt"."submittedAt" < ${sqlInstant(submitted.to)}`
    : Prisma.empty;
  return Prisma.sql`
    SELECT "AttemptAnswer"."questionId" AS "questionId", "AttemptAnswer"."clauseId" AS "clauseId",
      COUNT(*) AS "answered", SUM(CASE WHEN "AttemptAnswer"."correct" = TRUE THEN 1 ELSE 0 END) AS "correct"
    FROM "AttemptAnswer"
    JOIN "QuizAttempt" ON "QuizAttempt"."id" = "AttemptAnswer"."attemptId"
    JOIN (${populationSql(filter, today)}) AS "p" ON "p"."assignmentId" = "QuizAttempt"."assignmentId"
    WHERE "QuizAttempt"."submittedAt" IS NOT NULL${window}
    GROUP BY "AttemptAnswer"."questionId", "AttemptAnswer"."clauseId"`;
}

/** The same from the answer tallies: the population's filter on the tallies' key. */
function talliedAnswersSql(filter: ReportFilter): Prisma.Sql {
  const where = [Prisma.sql`"AnswerTally"."fiscalYear" = ${filter.fiscalYear}`];
  if (filter.trackId !== undefined) where.push(Prisma.sql`"AnswerTally"."trackId" = ${filter.trackId}`);
  if (filter.organisationId !== undefined)
    where.push(Prisma.sql`"AnswerTally"."organisationId" = ${filter.organisationId}`);
  if (filter.employeeTypeCode !== undefined)
    where.push(Prisma.sql`"AnswerTally"."employeeTypeCode" = ${filter.employeeTypeCode}`);
  return Prisma.sql`
    SELECT "AnswerTally"."questionId" AS "questionId", "AnswerTally"."clauseId" AS "clauseId",
      SUM("AnswerTally"."answered") AS "answered", SUM("AnswerTally"."correct") AS "correct"
    FROM "AnswerTally"
    WHERE ${Prisma.join(where, " AND ")}
    GROUP BY "AnswerTally"."questionId", "AnswerTally"."clauseId"
    HAVING SUM("AnswerTally"."answered") > 0`;
}

/**
 * The fiscal years that have assignments, newest first. A GROUP BY would
 * read every assignment's index entry; this jumps from one year to the next
 * through the index, a few seeks in all.
 */
function fiscalYearsQuery(): Prisma.Sql {
  return Prisma.sql`
    WITH RECURSIVE "years" ("fiscalYear") AS (
      SELECT MAX("fiscalYear") FROM "Assignment"
      UNION ALL
      SELECT (SELECT MAX("Assignment"."fiscalYear") FROM "Assignment" WHERE "Assignment"."fiscalYear" < "years"."fiscalYear")
      FROM "years" WHERE "years"."fiscalYear" IS NOT NULL
    )
    SELECT "fiscalYear" FROM "years" WHERE "fiscalYear" IS NOT NULL ORDER BY "fiscalYear" DESC`;
}

/** Every aggregate statement of the report page, by service function, for the bench. */
export function reportQueries(filter: ReportFilter, today: string): { name: string; query: Prisma.Sql }[] {
  return [
    { name: "completionSummary", query: completionCellsQuery(filter, today, fiscalMonths(filter.fiscalYear, today)) },
    { name: "overdueList", query: overdueQuery(filter, today, 100) },
    {
      name: "yearOnYear",
      query: yearOnYearQuery(filter, today, {
        currentDay: asOfDay(filter.fiscalYear, today),
        previousDay: sameDayLastYear(asOfDay(filter.fiscalYear, today)),
        months: fiscalMonths(filter.fiscalYear - 1, "9999-12-31"),
        pledgeTracks: [],
      }),
    },
    { name: "itemAnalysis", query: itemAnalysisQuery(filter, today) },
    { name: "reportOptions (fiscal years)", query: fiscalYearsQuery() },
  ];
}
