import { Prisma } from "~/generated/prisma/client.ts";
import { addDays, sameDayLastYear } from "~/domain/fiscal-year.ts";
import { startOfJapanDay } from "~/domain/japan-time.ts";
import type { OverdueOrder, OverdueSort, ReportFilter } from "~/domain/report-filter.ts";
import { sqlInstant, sqlJoinJsonTextArray } from "~/lib/sql-dialect.server.ts";

/**
 * The reports' SQL: every statement the report service runs, built here
 * (reports.server.ts runs them and shapes their rows). It sticks to what
 * SQLite and PostgreSQL share. The population of every report is the
 * assignments of the filter's fiscal year held by active staff (a
 * deactivated person drops out of every figure), narrowed by the filter.
 */

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
export function populationSql(
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

/**
 * The months of a fiscal year up to today's, each with the instant it ends:
 * 00:00 Japan time on the first of the next month.
 */
export function fiscalMonths(fiscalYear: number, today: string): { month: string; end: Date }[] {
  const months: { month: string; end: Date }[] = [];
  for (let i = 0; i < 12; i++) {
    const year = fiscalYear + Math.floor((3 + i) / 12);
    const month = ((3 + i) % 12) + 1;
    const label = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
    if (label > today.slice(0, 7)) break;
    const end = startOfJapanDay(
      month === 12
        ? `${String(year + 1).padStart(4, "0")}-01-01`
        : `${label.slice(0, 4)}-${String(month + 1).padStart(2, "0")}-01`,
    );
    months.push({ month: label, end });
  }
  return months;
}

/** The day a fiscal year's figures are counted at: today, or the year's last day once it is over. */
export function asOfDay(fiscalYear: number, today: string): string {
  const end = `${String(fiscalYear + 1).padStart(4, "0")}-03-31`;
  return today < end ? today : end;
}

/** 00:00 Japan time on the day after `day`: what "by the end of `day`" compares with. */
function endOfDay(day: string): Date {
  return startOfJapanDay(addDays(day, 1));
}

export function completionCellsQuery(filter: ReportFilter, today: string, months: { end: Date }[]): Prisma.Sql {
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

export function overdueQuery(
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

export function yearOnYearQuery(
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

export function sectionCellsQuery(filter: ReportFilter, today: string): Prisma.Sql {
  return Prisma.sql`
    SELECT "p"."sectionId" AS "sectionId", "Section"."name" AS "sectionName", ${cellCounts}
    FROM (${populationSql(filter, today)}) AS "p"
    LEFT JOIN "Section" ON "Section"."id" = "p"."sectionId"
    GROUP BY "p"."sectionId", "Section"."name"`;
}

export function peopleCellsQuery(filter: ReportFilter, today: string, limit: number, offset: number): Prisma.Sql {
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
export function itemAnalysisQuery(
  filter: ReportFilter,
  today: string,
  submitted?: { from: Date; to: Date },
): Prisma.Sql {
  return Prisma.sql`
    SELECT "g"."questionId" AS "questionId", "g"."clauseId" AS "clauseId", "g"."answered" AS "answered", "g"."correct" AS "correct",
      "Question"."moduleSlug" AS "moduleSlug", "Question"."clauseId" AS "questionClauseId", "Question"."prompt" AS "prompt",
      "Clause"."heading" AS "heading"
    FROM (${filter.status === undefined && filter.sectionId === undefined && !submitted ? talliedAnswersSql(filter) : countedAnswersSql(filter, today, submitted)}) AS "g"
    LEFT JOIN "Question" ON "Question"."id" = "g"."questionId"
    LEFT JOIN "Clause" ON "Clause"."id" = "g"."clauseId"`;
}

/** The population's submitted answers with their attempts, as the item statistics read them. */
function populationAnswersSql(filter: ReportFilter, today: string): Prisma.Sql {
  return Prisma.sql`FROM "AttemptAnswer"
    JOIN "QuizAttempt" ON "QuizAttempt"."id" = "AttemptAnswer"."attemptId"
    JOIN (${populationSql(filter, today)}) AS "p" ON "p"."assignmentId" = "QuizAttempt"."assignmentId"`;
}

/**
 * Per question, the sums its point-biserial discrimination is computed from
 * (app/domain/item-statistics.ts, ItemSums): x is 1 for a right answer, y
 * the share of the attempt's other questions answered right. Attempts of a
 * single question have no rest and are left out. Counted from the answers
 * themselves: the tallies keep no attempt scores.
 */
export function itemSumsQuery(filter: ReportFilter, today: string): Prisma.Sql {
  const x = Prisma.sql`(CASE WHEN "AttemptAnswer"."correct" = TRUE THEN 1 ELSE 0 END)`;
  const y = Prisma.sql`(("QuizAttempt"."correct" - ${x}) * 1.0 / ("QuizAttempt"."total" - 1))`;
  return Prisma.sql`
    SELECT "AttemptAnswer"."questionId" AS "questionId", COUNT(*) AS "n", SUM(${x}) AS "sumX",
      SUM(${y}) AS "sumY", SUM(${x} * ${y}) AS "sumXY", SUM(${y} * ${y}) AS "sumYY"
    ${populationAnswersSql(filter, today)}
    WHERE "QuizAttempt"."submittedAt" IS NOT NULL AND "QuizAttempt"."total" > 1
    GROUP BY "AttemptAnswer"."questionId"`;
}

/** Per question and choice id, how many of the population's submitted answers picked it. */
export function choiceCountsQuery(filter: ReportFilter, today: string): Prisma.Sql {
  return Prisma.sql`
    SELECT "AttemptAnswer"."questionId" AS "questionId", "c"."value" AS "choiceId", COUNT(*) AS "picked"
    ${populationAnswersSql(filter, today)}
    ${sqlJoinJsonTextArray(Prisma.sql`"AttemptAnswer"."chosen"`, "c")}
    WHERE "QuizAttempt"."submittedAt" IS NOT NULL AND "QuizAttempt"."total" > 1
    GROUP BY "AttemptAnswer"."questionId", "c"."value"`;
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
export function fiscalYearsQuery(): Prisma.Sql {
  return Prisma.sql`
    WITH RECURSIVE "years" ("fiscalYear") AS (
      SELECT MAX("fiscalYear") FROM "Assignment"
      UNION ALL
      SELECT (SELECT MAX("Assignment"."fiscalYear") FROM "Assignment" WHERE "Assignment"."fiscalYear" < "years"."fiscalYear")
      FROM "years" WHERE "years"."fiscalYear" IS NOT NULL
    )
    SELECT "fiscalYear" FROM "years" WHERE "fiscalYear" IS NOT NULL ORDER BY "fiscalYear" DESC`;
}

/**
 * Every statement of the report's overview page (`/reports`) that its SQL
 * does the counting in, in the loader's order, by the service function that
 * runs it: what `npm run bench` times straight on the database, to compare
 * the page with its own SQL. `pledgeTracks` are the tracks in force that ask
 * for a pledge, as yearOnYear reads them from the catalogue. The overdue
 * list and the item analysis are tabs of their own; the page's Prisma reads
 * of the few organisations, sections, employee types and tracks are not
 * counted.
 */
export function reportStatements(
  filter: ReportFilter,
  today: string,
  pledgeTracks: string[],
): { name: string; query: Prisma.Sql }[] {
  const currentDay = asOfDay(filter.fiscalYear, today);
  return [
    { name: "reportOptions (fiscal years)", query: fiscalYearsQuery() },
    { name: "completionSummary", query: completionCellsQuery(filter, today, fiscalMonths(filter.fiscalYear, today)) },
    {
      name: "yearOnYear",
      query: yearOnYearQuery(filter, today, {
        currentDay,
        previousDay: sameDayLastYear(currentDay),
        months: fiscalMonths(filter.fiscalYear - 1, "9999-12-31"),
        pledgeTracks,
      }),
    },
  ];
}
