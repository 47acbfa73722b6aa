import { daysBetweenIfDates, sameDayLastYear } from "~/domain/fiscal-year.ts";
import type { OverdueOrder, ReportFilter } from "~/domain/report-filter.ts";
import type {
  Completion,
  CompletionMatrix,
  CumulativePoint,
  EmployeeTypeCompletion,
  ItemAnalysis,
  OverdueRow,
  YearFigures,
} from "~/domain/report-figures.ts";
import { itemFlags, pointBiserial, type ItemStatistic } from "~/domain/item-statistics.ts";
import { db } from "~/lib/db.server.ts";
import { listTracks } from "./catalogue.server.ts";
import {
  asOfDay,
  choiceCountsQuery,
  completionCellsQuery,
  fiscalMonths,
  fiscalYearsQuery,
  itemAnalysisQuery,
  itemSumsQuery,
  overdueQuery,
  peopleCellsQuery,
  sectionCellsQuery,
  yearOnYearQuery,
} from "./report-sql.server.ts";

/**
 * The HR and manager reports (docs/domain.md, "Reports"). Every figure is counted
 * by the database, in a fixed number of queries whatever the number of staff:
 * a prefecture's 100,000 assignments never travel to the app to be counted.
 * The statements are built in report-sql.server.ts; this module runs them
 * and shapes their rows. One person's record is person-history.server.ts.
 */

/** completed / assigned, 0 when nobody is assigned. */
function completion(assigned: number, completed: number): Completion {
  return { assigned, completed, rate: assigned === 0 ? 0 : completed / assigned };
}

// COUNT and SUM come back as bigint or number depending on the driver; SUM of no rows is NULL.
const count = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

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

/** Completed assignments by the end of each month against everyone assigned now; see completionSummary. */
export async function cumulativeCompletion(filter: ReportFilter, today: string): Promise<CumulativePoint[]> {
  return (await completionSummary(filter, today)).cumulative;
}

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
        daysOverdue: daysBetweenIfDates(row.dueDate, today),
      }),
    ),
  };
}

/** This fiscal year against the last at the same date, and last year's cumulative line. */
export type YearOnYear = { current: YearFigures; previous: YearFigures; previousCumulative: CumulativePoint[] };

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

/**
 * Moodle-style item statistics per question over the population's submitted
 * attempts: facility, point-biserial discrimination against the rest of the
 * attempt, how often each choice was picked, and the flags of items to look
 * at (app/domain/item-statistics.ts). Two queries count the answers; the
 * question texts and keys come from the stored questions. Flagged items
 * first, then by facility, lowest first.
 */
export async function itemStatistics(filter: ReportFilter, today: string): Promise<ItemStatistic[]> {
  const [sums, picks] = await Promise.all([
    db.$queryRaw<Record<"questionId" | "n" | "sumX" | "sumY" | "sumXY" | "sumYY", unknown>[]>(
      itemSumsQuery(filter, today),
    ),
    db.$queryRaw<{ questionId: string; choiceId: string; picked: unknown }[]>(choiceCountsQuery(filter, today)),
  ]);
  const questions = await db.question.findMany({
    where: { id: { in: sums.map((row) => String(row.questionId)) } },
    select: { id: true, moduleSlug: true, prompt: true, choices: true, answer: true },
  });
  const byId = new Map(questions.map((q) => [q.id, q]));
  const picked = new Map(picks.map((row) => [`${row.questionId}\u0000${row.choiceId}`, count(row.picked)]));
  const items = sums.map((row): ItemStatistic => {
    const questionId = String(row.questionId);
    const n = count(row.n);
    const discrimination = pointBiserial({
      n,
      sumX: count(row.sumX),
      sumY: count(row.sumY),
      sumXY: count(row.sumXY),
      sumYY: count(row.sumYY),
    });
    const question = byId.get(questionId);
    const key = new Set((question?.answer as string[] | undefined) ?? []);
    const choices = ((question?.choices as { id: string; text: string }[] | undefined) ?? []).map((c) => ({
      id: c.id,
      text: c.text,
      key: key.has(c.id),
      picked: picked.get(`${questionId}\u0000${c.id}`) ?? 0,
    }));
    return {
      questionId,
      moduleSlug: question?.moduleSlug ?? null,
      prompt: question?.prompt ?? null,
      n,
      facility: n === 0 ? 0 : count(row.sumX) / n,
      discrimination,
      choices,
      flags: itemFlags(n, discrimination, choices),
    };
  });
  return items.sort(
    (a, b) =>
      Number(b.flags.length > 0) - Number(a.flags.length > 0) ||
      a.facility - b.facility ||
      (a.questionId < b.questionId ? -1 : 1),
  );
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
